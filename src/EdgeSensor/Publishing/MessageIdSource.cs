using Edge.Contracts.Messaging;

namespace EdgeSensor.Publishing;

/// <summary>Hands out this run's message ids (<c>&lt;sensor&gt;:&lt;run&gt;:&lt;sequence&gt;</c>) to every publisher of the sensor, thread-safe.</summary>
public sealed class MessageIdSource(string sensor)
{
    private readonly long _run = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    private long _sequence;

    public MessageId Next() => MessageId.Create(sensor, _run, Interlocked.Increment(ref _sequence));
}
