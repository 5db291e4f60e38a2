using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Collector.Storage;
using Collector.Web.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Collector.Benchmarks.Storage;

/// <summary>
/// Store ingest throughput: one operation is one message, written in batches of <see cref="BatchSize"/> (the
/// collector's default MaxBatch) in one transaction, as the ingest writer does. Per <see cref="IngestTarget"/>:
/// <see cref="StoreWrite"/> (<see cref="IEventStore.Write"/>: messages, sensors, the record's own table) against the
/// baseline <see cref="PlainInsert"/> (one prepared INSERT per message into one table) on the same database kind and
/// durability, so the Ratio column is what the store's schema and statements cost. PostgreSQL runs only when
/// <c>EDGE_BENCH_POSTGRES</c> holds a <c>postgres://</c> URL; the benchmark works in a schema <c>edge_bench</c> that it
/// drops and creates.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class StoreIngestBenchmarks
{
    public const int BatchSize = 200;
    public const string PostgresVariable = "EDGE_BENCH_POSTGRES";
    private const string PostgresSchema = "edge_bench";
    private const string PostgresDashboardSchema = "edge_bench_dashboard";

    private readonly List<StoredMessage> _batch = new(BatchSize);
    private readonly bool[] _stored = new bool[BatchSize];
    private GoldenBatches _batches = null!;
    private IEventStore _store = null!;
    private IEventStore _dashboardStore = null!;
    private PlainInsert _plain = null!;
    private string? _directory;

    [ParamsSource(nameof(Targets))]
    public IngestTarget Target { get; set; }

    public static IEnumerable<IngestTarget> Targets()
    {
        yield return IngestTarget.SqliteNormal;
        yield return IngestTarget.SqliteFull;
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresVariable)))
        {
            yield return IngestTarget.Postgres;
        }
    }

    [GlobalSetup]
    public void Setup()
    {
        _batches = new GoldenBatches();
        if (Target == IngestTarget.Postgres)
        {
            string connectionString = PostgresConnectionString();
            _store = new PostgresStore(connectionString);
            _dashboardStore = new PostgresStore(PostgresConnectionString(PostgresDashboardSchema));
            var connection = new NpgsqlConnection(connectionString);
            connection.Open();
            _plain = new PlainInsert(connection);
        }
        else
        {
            bool full = Target == IngestTarget.SqliteFull;
            _directory = Directory.CreateTempSubdirectory("edge-bench-").FullName;
            _store = new SqliteStore(Path.Combine(_directory, "collector.db"), full);
            _dashboardStore = new SqliteStore(Path.Combine(_directory, "dashboard.db"), full);
            var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, "plain.db")};Pooling=False");
            connection.Open();
            Execute(connection, "PRAGMA journal_mode=WAL;");
            Execute(connection, full ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;");
            _plain = new PlainInsert(connection);
        }

        _store.Initialize();
        ((DbEventStore)_dashboardStore).Projection = DashboardProjection.Definition;
        _dashboardStore.Initialize();
        Console.WriteLine($"// {Target}: batches of {BatchSize}, average payload {_batches.AveragePayloadLength:F0} chars");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        _dashboardStore.Dispose();
        _plain.Dispose();
        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = BatchSize)]
    public int PlainInsert()
    {
        _batches.Next(_batch, BatchSize);
        return _plain.Write(_batch);
    }

    [Benchmark(OperationsPerInvoke = BatchSize)]
    public int StoreWrite()
    {
        _batches.Next(_batch, BatchSize);
        WriteResult result = _store.Write(_batch, [], _stored);
        return result.Stored == BatchSize ? result.Stored : throw new InvalidOperationException($"stored {result.Stored} of {BatchSize}");
    }

    /// <summary>
    /// The whole ingest transaction as the collector runs it: <see cref="StoreWrite"/> plus the dashboard's projection
    /// (asset index and changes, incident workflow rows, anomaly reports, sensor health) in the same transaction.
    /// </summary>
    [Benchmark(OperationsPerInvoke = BatchSize)]
    public int StoreWriteWithDashboard()
    {
        _batches.Next(_batch, BatchSize);
        WriteResult result = _dashboardStore.Write(_batch, [], _stored);
        return result.Stored == BatchSize ? result.Stored : throw new InvalidOperationException($"stored {result.Stored} of {BatchSize}");
    }

    /// <summary>The URL's database with <paramref name="schema"/> first on the search path, that schema emptied.</summary>
    private static string PostgresConnectionString(string schema = PostgresSchema)
    {
        string url = Environment.GetEnvironmentVariable(PostgresVariable)!;
        var builder = new NpgsqlConnectionStringBuilder(StoreUrl.Parse(url).PostgresConnectionString
            ?? throw new InvalidOperationException($"{PostgresVariable} is not a postgres:// URL"));
        using (var admin = new NpgsqlConnection(builder.ConnectionString))
        {
            admin.Open();
            Execute(admin, $"DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema};");
        }

        builder.SearchPath = schema;
        return builder.ConnectionString;
    }

    private static void Execute(System.Data.Common.DbConnection connection, string sql)
    {
        using System.Data.Common.DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new MessagesPerSecondColumn());
    }
}
