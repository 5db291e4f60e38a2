namespace Collector.Hosting;

/// <summary>A setting is missing or wrong; the message is one line a person can act on (exit code 2).</summary>
public sealed class CollectorConfigException(string message) : Exception(message);
