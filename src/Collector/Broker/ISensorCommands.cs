using Edge.Contracts.Commands;

namespace Collector.Broker;

/// <summary>
/// Sends a command to one sensor over whichever broker the collector uses (the embedded one, or the external one its
/// subscriber is connected to), QoS 1 on the sensor's command topic (<see cref="CommandTopics"/>).
/// </summary>
public interface ISensorCommands
{
    /// <summary>False when it could not be handed to the broker (not connected, broker stopped); the reason is logged.</summary>
    Task<bool> SendAsync(string site, string sensor, SensorCommand command, CancellationToken cancellationToken);
}
