namespace Collector.Storage;

/// <summary>
/// Where validated messages and dead letters are kept. One call is one transaction: either the whole batch is durable
/// when it returns, or it throws and nothing of it is. <see cref="SqliteStore"/> (the default) or
/// <see cref="PostgresStore"/>, chosen by <c>--db</c> (<see cref="StoreUrl"/>); both are <see cref="DbEventStore"/>.
/// </summary>
public interface IEventStore : IDisposable
{
    /// <summary>Creates the schema when missing; called once at start, before any write.</summary>
    void Initialize();

    /// <summary>
    /// Stores a batch in one transaction. A message whose id is already stored changes nothing and is counted in
    /// <see cref="WriteResult.Duplicates"/>; <paramref name="stored"/> receives, per message, whether it was new.
    /// </summary>
    WriteResult Write(IReadOnlyList<StoredMessage> messages, IReadOnlyList<DeadLetter> deadLetters, Span<bool> stored);
}
