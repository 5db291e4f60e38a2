using System.Data.Common;

namespace Collector.Storage;

/// <summary>
/// Tables derived from ingest and kept in the same transaction as the messages they come from (the dashboard's index,
/// changes and health: <c>Web/Data/DashboardProjection</c>). The store creates <see cref="Schema"/> with its own and
/// calls the writer for every message stored for the first time.
/// </summary>
internal interface IStoreProjection
{
    string Schema(StoreDialect dialect);

    /// <summary>A writer for one open connection (attached again when the store reopens its connection).</summary>
    IProjectionWriter Attach(DbConnection connection);
}

/// <summary>Applies one newly stored message to the derived tables, inside the batch's transaction.</summary>
internal interface IProjectionWriter : IDisposable
{
    void Apply(DbTransaction transaction, StoredMessage message);
}
