using Collector.Storage;

namespace Collector.Tests.Web.Data;

/// <summary>The dashboard contract on SQLite.</summary>
public sealed class SqliteDashboardTests : DashboardContract, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edge-dashboard-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    protected override IEventStore CreateStore() => new SqliteStore(Path.Combine(_directory, "collector.db"));
}
