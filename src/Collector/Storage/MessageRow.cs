namespace Collector.Storage;

/// <summary>What a statement about a message's record binds: the message (ids, site, payload) and the typed record.</summary>
internal readonly record struct MessageRow<TRecord>(StoredMessage Message, TRecord Record);
