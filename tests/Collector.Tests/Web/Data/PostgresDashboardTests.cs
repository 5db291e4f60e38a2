using Collector.Storage;
using Collector.Tests.Infrastructure;

namespace Collector.Tests.Web.Data;

/// <summary>The dashboard contract on PostgreSQL (skipped, with the reason, where the test server cannot run).</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresDashboardTests(PostgresServer server) : DashboardContract
{
    protected override IEventStore CreateStore() => new PostgresStore(server.CreateDatabase().ConnectionString);
}
