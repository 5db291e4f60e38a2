using Edge.Contracts.Lifecycle;

namespace Collector.Storage;

/// <summary>A birth or death as recorded in <c>status_events</c>: the record and whether it changed the sensor.</summary>
internal readonly record struct StatusEvent(SensorStatusRecord Status, bool Applied);
