using Collector.Storage;

namespace Collector.Ingest;

/// <summary>What validation made of one publish: a message to store, or a dead letter with its reason.</summary>
public readonly record struct Verdict(StoredMessage? Message, DeadLetter? DeadLetter)
{
    public static Verdict Accept(StoredMessage message) => new(message, null);

    public static Verdict Reject(DeadLetter deadLetter) => new(null, deadLetter);
}
