namespace EdgeSensor.Provisioning.Discovery;

/// <summary>What a <see cref="DnsSdBrowser"/> sent and received, summed over its searches (thread-safe reads).</summary>
public sealed class DnsSdBrowserCounters
{
    private long _queriesSent;
    private long _repliesReceived;
    private long _malformed;
    private long _ignored;
    private long _found;

    public long QueriesSent => Interlocked.Read(ref _queriesSent);

    public long RepliesReceived => Interlocked.Read(ref _repliesReceived);

    /// <summary>Replies the parser rejected (<see cref="Edge.Contracts.Discovery.DnsParseStatus.Malformed"/>).</summary>
    public long Malformed => Interlocked.Read(ref _malformed);

    /// <summary>Well-formed replies that did not give an endpoint: from off the uplink's subnet, not a response, non-zero opcode or rcode, another service, no usable SRV, another TXT version.</summary>
    public long Ignored => Interlocked.Read(ref _ignored);

    public long Found => Interlocked.Read(ref _found);

    internal void QuerySent() => Interlocked.Increment(ref _queriesSent);

    internal void ReplyReceived() => Interlocked.Increment(ref _repliesReceived);

    internal void MalformedReply() => Interlocked.Increment(ref _malformed);

    internal void IgnoredReply() => Interlocked.Increment(ref _ignored);

    internal void EndpointFound() => Interlocked.Increment(ref _found);
}
