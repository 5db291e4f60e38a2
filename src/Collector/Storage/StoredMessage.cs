using Edge.Contracts.Topics;

namespace Collector.Storage;

/// <summary>
/// A message that passed validation: the envelope's metadata, the typed record (one of the contract's records, matching
/// <see cref="Kind"/>) and the payload as received, kept verbatim in <c>messages.payload</c>.
/// </summary>
public sealed record StoredMessage(
    string MessageId,
    string Site,
    string Sensor,
    EdgeTopicKind Kind,
    int SchemaVersion,
    DateTimeOffset SentAt,
    DateTimeOffset ReceivedAt,
    object Record,
    string PayloadJson);
