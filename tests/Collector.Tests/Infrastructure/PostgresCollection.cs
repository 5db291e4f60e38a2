namespace Collector.Tests.Infrastructure;

/// <summary>The test classes that share one <see cref="PostgresServer"/> (each test makes its own database).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
