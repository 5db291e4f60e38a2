using System.Globalization;
using Collector.Storage;
using Collector.Tests.Infrastructure;
using Edge.Contracts.Lifecycle;
using Xunit.Abstractions;
using static Collector.Tests.Storage.StoreSamples;

namespace Collector.Tests.Storage;

/// <summary>
/// PostgreSQL only: two collectors sharing one database (an MQTT shared subscription splits the sensors' messages
/// between them, and a re-sent message may reach either), and a store whose connection the server drops.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSharedDatabaseTests(PostgresServer server, ITestOutputHelper output)
{
    [SkippableFact]
    public async Task Two_stores_writing_overlapping_batches_at_once_store_every_message_exactly_once()
    {
        const int Count = 1200;
        const int Batch = 50;
        PostgresDatabase database = server.CreateDatabase();
        using var a = new PostgresStore(database.ConnectionString);
        using var b = new PostgresStore(database.ConnectionString);
        await Task.WhenAll(Task.Run(a.Initialize), Task.Run(b.Initialize)); // both create the schema on a fresh database

        // Three sensors, a few incidents each, versions rising with the sequence; a status now and then.
        StoredMessage[] messages = Enumerable.Range(1, Count).Select(MessageNumber).ToArray();

        // A takes the first two thirds in order, B the last two thirds backwards: the middle third is sent to both,
        // meeting head-on, so the two transactions wait on each other's ids and sensor rows (and deadlock now and then).
        int[] forA = Enumerable.Range(0, Count * 2 / 3).ToArray();
        int[] forB = Enumerable.Range(Count / 3, Count - (Count / 3)).Reverse().ToArray();
        int deadlocksBefore = server.CountLogLines("deadlock detected");
        Task<(WriteResult Total, bool[] Stored)> writeA = Task.Run(() => WriteAll(a, messages, forA, Batch));
        Task<(WriteResult Total, bool[] Stored)> writeB = Task.Run(() => WriteAll(b, messages, forB, Batch));
        (WriteResult totalA, bool[] storedA) = await writeA;
        (WriteResult totalB, bool[] storedB) = await writeB;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"A stored {totalA.Stored} (+{totalA.Duplicates} duplicates), B stored {totalB.Stored} (+{totalB.Duplicates}); deadlocks the server broke (and the stores retried): {server.CountLogLines("deadlock detected") - deadlocksBefore}"));

        int overlap = forA.Length + forB.Length - Count;
        Assert.Equal(Count, totalA.Stored + totalB.Stored);
        Assert.Equal(overlap, totalA.Duplicates + totalB.Duplicates);
        for (int i = 0; i < Count; i++)
        {
            Assert.True(storedA[i] ^ storedB[i], $"message {messages[i].MessageId}: reported new by {(storedA[i] ? "both stores" : "neither store")}");
        }

        Assert.Equal(Count, database.Scalar("SELECT count(*) FROM messages"));
        Assert.Equal(Count, database.Scalar("SELECT count(DISTINCT message_id) FROM messages"));
        int incidents = messages.Count(m => m.Record is Edge.Contracts.Detection.BreachSummaryRecord);
        Assert.Equal(incidents, database.Scalar("SELECT count(*) FROM incident_versions"));
        Assert.Equal(messages.Count(m => m.Record is SensorStatusRecord), database.Scalar("SELECT count(*) FROM status_events"));

        // Whatever the interleaving, each incident row is its highest version and each sensor its highest bdSeq.
        var expectedIncidents = messages.Where(m => m.Record is Edge.Contracts.Detection.BreachSummaryRecord)
            .GroupBy(m => (m.Sensor, ((Edge.Contracts.Detection.BreachSummaryRecord)m.Record).IncidentId))
            .Select(g => $"{g.Key.Sensor}|{g.Key.IncidentId}|{g.Max(m => ((Edge.Contracts.Detection.BreachSummaryRecord)m.Record).Version)}")
            .Order(StringComparer.Ordinal);
        Assert.Equal(expectedIncidents, database.Strings("SELECT sensor || '|' || incident_id || '|' || version FROM incidents ORDER BY 1").Order(StringComparer.Ordinal));
        var expectedSensors = messages.Where(m => m.Record is SensorStatusRecord).GroupBy(m => m.Sensor)
            .Select(g => $"{g.Key}|online|{g.Max(m => ((SensorStatusRecord)m.Record).BdSeq)}").Order(StringComparer.Ordinal);
        Assert.Equal(expectedSensors, database.Strings("SELECT sensor || '|' || state || '|' || bd_seq FROM sensors ORDER BY 1").Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public void A_store_whose_connection_the_server_dropped_reconnects_on_the_next_batch()
    {
        PostgresDatabase database = server.CreateDatabase();
        using var store = new PostgresStore(database.ConnectionString);
        store.Initialize();
        bool[] stored = new bool[1];
        store.Write([Incident(Id(1))], [], stored);

        Assert.Equal(1, database.Scalar(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'edge-collector'"));

        // The batch that meets the dead connection fails as a whole (its publishes are not acknowledged and come again).
        Assert.ThrowsAny<Exception>(() => store.Write([Incident(Id(2))], [], stored));
        WriteResult result = store.Write([Incident(Id(2)), Incident(Id(3))], [], new bool[2]);

        Assert.Equal(new WriteResult(2, 0, 0), result);
        Assert.Equal([Id(1), Id(2), Id(3)], database.Strings("SELECT message_id FROM messages ORDER BY message_id"));
    }

    private static StoredMessage MessageNumber(int n)
    {
        string sensor = $"sensor-{n % 3}";
        string id = string.Create(CultureInfo.InvariantCulture, $"{sensor}:1:{n}");
        return n % 10 == 0
            ? Status(id, Samples.Birth with { BdSeq = n }, sensor)
            : Incident(id, Samples.Incident with { IncidentId = $"inc-{n % 4}", Version = n }, sensor);
    }

    private static (WriteResult Total, bool[] Stored) WriteAll(PostgresStore store, StoredMessage[] messages, int[] order, int batchSize)
    {
        bool[] storedByIndex = new bool[messages.Length];
        bool[] stored = new bool[batchSize];
        int newMessages = 0;
        int duplicates = 0;
        foreach (int[] batch in order.Chunk(batchSize))
        {
            WriteResult result = store.Write(batch.Select(i => messages[i]).ToList(), [], stored);
            newMessages += result.Stored;
            duplicates += result.Duplicates;
            for (int j = 0; j < batch.Length; j++)
            {
                storedByIndex[batch[j]] = stored[j];
            }
        }

        return (new WriteResult(newMessages, duplicates, 0), storedByIndex);
    }
}
