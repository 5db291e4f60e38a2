using Collector.Broker;
using Collector.Web.Data;
using Edge.Contracts.Commands;

namespace Collector.Web;

/// <summary>
/// When someone acknowledges or closes an incident (dashboard or API), tells the sensor that raised it, so its alarm
/// relay and ALARM light go quiet (<see cref="SensorCommand.Acknowledge"/> on the sensor's command topic). Who and when
/// travel with the command and the sensor logs them; the incident's history here records the same step.
/// </summary>
public sealed class IncidentAlarms(IDashboardQueries queries, ISensorCommands commands, TimeProvider time)
{
    public async Task NotifyAsync(string sensor, string incidentId, string action, string user, CancellationToken cancellationToken)
    {
        if (action is not ("acknowledge" or "close") || queries.SensorSite(sensor) is not { } site)
        {
            return;
        }

        var command = new SensorCommand
        {
            Type = SensorCommand.Acknowledge,
            CommandId = Guid.NewGuid().ToString("N"),
            IncidentId = incidentId,
            By = $"{user} ({(action == "close" ? "closed" : "acknowledged")} on the dashboard)",
            At = time.GetUtcNow(),
        };
        await commands.SendAsync(site, sensor, command, cancellationToken).ConfigureAwait(false);
    }
}
