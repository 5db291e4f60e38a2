using Collector.Storage;
using Edge.Contracts.Assets;
using Edge.Contracts.Detection;
using Edge.Contracts.Lifecycle;

namespace Collector.Web.Live;

/// <summary>What a newly stored message means to an open dashboard; null for what it does not show live (metrics).</summary>
public static class LiveEventMapper
{
    public static LiveEvent? From(StoredMessage message) => message.Record switch
    {
        BreachSummaryRecord i => new LiveEvent("incident", message.Sensor, i.IncidentId, i.Title, i.Score, i.State),
        SensorStatusRecord s => new LiveEvent("sensor", message.Sensor, message.Sensor, s.Phase ?? s.State, null, s.State),
        AssetRecord a => new LiveEvent("asset", message.Sensor, a.AssetId, a.Role.Role, null, a.IsNew ? "new" : "changed"),
        AnomalyRecord a => new LiveEvent("anomaly", message.Sensor, a.AnomalyId, a.Model, a.Score, null),
        _ => null,
    };
}
