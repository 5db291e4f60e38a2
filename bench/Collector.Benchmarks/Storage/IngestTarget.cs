namespace Collector.Benchmarks.Storage;

/// <summary>Where <see cref="StoreIngestBenchmarks"/> writes.</summary>
public enum IngestTarget
{
    /// <summary>SQLite file, WAL, <c>synchronous=NORMAL</c> (the collector's default).</summary>
    SqliteNormal,

    /// <summary>SQLite file, WAL, <c>synchronous=FULL</c> (<c>Collector:SynchronousFull=true</c>).</summary>
    SqliteFull,

    /// <summary>The PostgreSQL database named by <c>EDGE_BENCH_POSTGRES</c>, in a schema of its own.</summary>
    Postgres,
}
