namespace Collector.Benchmarks.Broker;

/// <summary>How a sensor's publish reaches the collector in <see cref="BrokerIngestBenchmarks"/>.</summary>
public enum BrokerPath
{
    /// <summary>The collector's embedded MQTTnet broker: validation in its publish interceptor, PUBACK after the commit.</summary>
    Embedded,

    /// <summary>
    /// A real Mosquitto (<see cref="BenchMosquitto.Executable"/>) between sensors and collector; the collector subscribes
    /// with <c>--broker</c> and acknowledges to Mosquitto after each commit. Mosquitto answers the sensor's publish.
    /// </summary>
    Mosquitto,
}
