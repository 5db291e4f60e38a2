namespace Collector.Provisioning.Discovery;

/// <summary>What the <see cref="MdnsResponder"/> received and sent (thread-safe reads).</summary>
public sealed class MdnsResponderCounters
{
    private long _received;
    private long _malformed;
    private long _ignored;
    private long _answered;
    private long _rateLimited;

    public long Received => Interlocked.Read(ref _received);

    /// <summary>Packets the parser rejected.</summary>
    public long Malformed => Interlocked.Read(ref _malformed);

    /// <summary>Well-formed packets not answered: responses, non-zero opcode or rcode, another interface, questions not ours, known answers.</summary>
    public long Ignored => Interlocked.Read(ref _ignored);

    public long Answered => Interlocked.Read(ref _answered);

    /// <summary>Answers not sent: over <see cref="MdnsOptions.MaxResponsesPerSecond"/>, or a multicast within 1 s of the last on that interface.</summary>
    public long RateLimited => Interlocked.Read(ref _rateLimited);

    internal void Receive() => Interlocked.Increment(ref _received);

    internal void Malform() => Interlocked.Increment(ref _malformed);

    internal void Ignore() => Interlocked.Increment(ref _ignored);

    internal void Answer() => Interlocked.Increment(ref _answered);

    internal void Limit() => Interlocked.Increment(ref _rateLimited);
}
