namespace Collector.Storage;

/// <summary>A rejected message, kept as received with the reason, so nothing sent to the collector vanishes silently.</summary>
public sealed record DeadLetter(
    DateTimeOffset ReceivedAt,
    string ClientId,
    string Topic,
    byte[] Payload,
    DeadLetterReason Reason,
    string Detail);
