using System.Data.Common;
using Collector.Storage;
using Collector.Tests.Infrastructure;
using Edge.Contracts.Lifecycle;
using static Collector.Tests.Storage.StoreSamples;

namespace Collector.Tests.Storage;

/// <summary>
/// What every <see cref="IEventStore"/> does, written once and run against each database by
/// <see cref="SqliteStoreTests"/> and <see cref="PostgresStoreTests"/>. The asserts use SQL both databases read.
/// </summary>
public abstract class EventStoreContract
{
    /// <summary>A store on this test's database, the same database each call, not yet initialized.</summary>
    protected abstract IEventStore CreateStore();

    protected abstract long Scalar(string sql);

    protected abstract List<string> Strings(string sql);

    protected abstract List<byte[]> Blobs(string sql);

    /// <summary>The schema version as the database keeps it (SQLite <c>user_version</c>, PostgreSQL <c>schema_info</c>).</summary>
    protected abstract long SchemaVersion();

    protected abstract void SetSchemaVersion(int version);

    [SkippableFact]
    public void Incident_anomaly_asset_status_and_metrics_become_rows()
    {
        using IEventStore store = OpenStore();
        (WriteResult result, bool[] stored) = Write(store,
        [
            Status(Id(1), Samples.Birth with { BdSeq = 3 }),
            Incident(Id(2)),
            Incident(Id(3), Samples.Incident with { Version = Samples.Incident.Version + 1, Score = 99 }),
            Anomaly(Id(4)),
            Asset(Id(5)),
            MetricsMessage(Id(6)),
        ]);

        Assert.Equal(new WriteResult(6, 0, 0), result);
        Assert.All(stored, Assert.True);
        Assert.Equal(["status", "incidents", "incidents", "anomalies", "assets", "metrics"],
            Strings("SELECT kind FROM messages ORDER BY message_id"));
        Assert.Equal([$"{Sensor}|{Site}|online|3|{Samples.Birth.Phase}|{Now.ToUnixTimeMilliseconds()}"],
            Strings("SELECT sensor || '|' || site || '|' || state || '|' || bd_seq || '|' || phase || '|' || last_message_at FROM sensors"));
        Assert.Equal(["1|online|3"], Strings("SELECT applied || '|' || state || '|' || bd_seq FROM status_events"));
        Assert.Equal(2, Scalar("SELECT count(*) FROM incident_versions"));
        Assert.Equal([$"{Samples.Incident.IncidentId}|{Samples.Incident.Version + 1}|99|{Samples.Incident.LastSeen.ToUnixTimeMilliseconds()}"],
            Strings("SELECT incident_id || '|' || version || '|' || score || '|' || last_seen FROM incidents"));
        Assert.Equal([$"{Samples.Anomaly.AnomalyId}|{Samples.Anomaly.Model}|{Id(4)}"],
            Strings("SELECT anomaly_id || '|' || model || '|' || message_id FROM anomalies"));
        Assert.Equal([$"{Samples.Asset.AssetId}|{Id(5)}"], Strings("SELECT asset_id || '|' || message_id FROM assets"));
        Assert.Equal(0, Scalar("SELECT count(*) FROM dead_letters"));
        Assert.Contains("\"openIncidents\":1", Assert.Single(Strings("SELECT payload FROM messages WHERE kind = 'metrics'")), StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Same_message_id_is_stored_once_and_the_duplicate_changes_nothing_else()
    {
        using IEventStore store = OpenStore();
        StoredMessage first = Incident(Id(7));
        (WriteResult result, bool[] stored) = Write(store, [first, first]);
        Assert.Equal(new WriteResult(1, 1, 0), result);
        Assert.Equal([true, false], stored);

        // Same id again later, with another version and a later arrival: a duplicate touches no other table.
        StoredMessage again = Incident(Id(7), Samples.Incident with { Version = 40, Score = 1 }, receivedAt: Now.AddHours(1));
        (result, stored) = Write(store, [again]);
        Assert.Equal(new WriteResult(0, 1, 0), result);
        Assert.Equal([false], stored);

        Assert.Equal(1, Scalar("SELECT count(*) FROM messages"));
        Assert.Equal(1, Scalar("SELECT count(*) FROM incident_versions"));
        Assert.Equal([Samples.Incident.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)], Strings("SELECT version FROM incidents"));
        Assert.Equal(Now.ToUnixTimeMilliseconds(), Scalar("SELECT last_message_at FROM sensors"));
    }

    [SkippableFact]
    public void Incident_versions_are_all_kept_and_the_highest_version_is_the_incident()
    {
        using IEventStore store = OpenStore();
        Write(store, [Incident(Id(1), Samples.Incident with { Version = 5, Score = 50 })]);
        Write(store,
        [
            Incident(Id(2), Samples.Incident with { Version = 4, Score = 40 }),
            Incident(Id(3), Samples.Incident with { Version = 6, Score = 60 }),
            Incident(Id(4), Samples.Incident with { Version = 6, Score = 61 }), // same version re-sent under a new id
            Incident(Id(5), Samples.Incident with { Version = 3, Score = 30 }),
        ]);

        Assert.Equal(5, Scalar("SELECT count(*) FROM messages"));
        Assert.Equal(["3|30", "4|40", "5|50", "6|60"], Strings("SELECT version || '|' || score FROM incident_versions ORDER BY version"));
        Assert.Equal(["6|60"], Strings("SELECT version || '|' || score FROM incidents"));
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void Birth_and_death_follow_bd_seq_and_a_stale_will_is_recorded_but_not_applied(bool oneBatch)
    {
        using IEventStore store = OpenStore();
        StoredMessage[] sequence =
        [
            Status(Id(1), Samples.Birth with { BdSeq = 8, Phase = SensorStates.Learning }),
            Status(Id(2), SensorStatusRecord.Death(7)),                                      // late will of connection 7
            Status(Id(3), Samples.Birth with { BdSeq = 8, Phase = SensorStates.Protecting }), // phase change
            Status(Id(4), SensorStatusRecord.Death(8)),
            Status(Id(5), Samples.Birth with { BdSeq = 8, Phase = SensorStates.Protecting }), // nothing revives connection 8
            Status(Id(6), Samples.Birth with { BdSeq = 9, Phase = SensorStates.Protecting }),
        ];
        var states = new List<string>();
        if (oneBatch)
        {
            Write(store, sequence);
        }
        else
        {
            foreach (StoredMessage message in sequence)
            {
                Write(store, [message]);
                states.Add(Assert.Single(Strings("SELECT state || '|' || bd_seq || '|' || coalesce(phase, '-') FROM sensors")));
            }

            Assert.Equal(
            [
                "online|8|learning", "online|8|learning", "online|8|protecting", "offline|8|-", "offline|8|-", "online|9|protecting",
            ], states);
        }

        Assert.Equal(["online|9|protecting"], Strings("SELECT state || '|' || bd_seq || '|' || phase FROM sensors"));
        Assert.Equal(["1", "0", "1", "1", "0", "1"], Strings("SELECT applied FROM status_events ORDER BY message_id"));
        Assert.Equal(6, Scalar("SELECT count(*) FROM messages WHERE kind = 'status'"));
    }

    [SkippableFact]
    public void Anomaly_and_asset_rows_move_only_forward_in_time()
    {
        using IEventStore store = OpenStore();
        DateTimeOffset last = Samples.Anomaly.LastSeen;
        Write(store, [Anomaly(Id(1), Samples.Anomaly with { Score = 10 }), Asset(Id(2), Samples.Asset)]);
        Write(store,
        [
            Anomaly(Id(3), Samples.Anomaly with { Score = 20, LastSeen = last.AddHours(-1) }),
            Asset(Id(4), Samples.Asset with { LastSeen = Samples.Asset.LastSeen.AddHours(-1) }),
        ]);
        Assert.Equal(["10|" + Id(1)], Strings("SELECT score || '|' || message_id FROM anomalies"));
        Assert.Equal([Id(2)], Strings("SELECT message_id FROM assets"));

        Write(store,
        [
            Anomaly(Id(5), Samples.Anomaly with { Score = 30, LastSeen = last.AddHours(1) }),
            Asset(Id(6), Samples.Asset with { LastSeen = Samples.Asset.LastSeen.AddHours(1) }),
        ]);
        Assert.Equal(["30|" + Id(5)], Strings("SELECT score || '|' || message_id FROM anomalies"));
        Assert.Equal([$"{Id(6)}|{Samples.Asset.LastSeen.AddHours(1).ToUnixTimeMilliseconds()}"],
            Strings("SELECT message_id || '|' || last_seen FROM assets"));
    }

    [SkippableFact]
    public void A_sensors_last_message_time_never_moves_back()
    {
        using IEventStore store = OpenStore();
        Write(store, [Incident(Id(1), receivedAt: Now)]);
        Write(store, [Incident(Id(2), receivedAt: Now.AddMinutes(-5))]);
        Assert.Equal(Now.ToUnixTimeMilliseconds(), Scalar("SELECT last_message_at FROM sensors"));
        Assert.Equal(Now.ToUnixTimeMilliseconds(), Scalar("SELECT first_seen_at FROM sensors"));

        Write(store, [Incident(Id(3), receivedAt: Now.AddMinutes(5))]);
        Assert.Equal(Now.AddMinutes(5).ToUnixTimeMilliseconds(), Scalar("SELECT last_message_at FROM sensors"));
        Assert.Equal(Now.AddSeconds(-1).ToUnixTimeMilliseconds(), Scalar("SELECT max(sent_at) FROM messages")); // Unix ms
    }

    [SkippableFact]
    public void Dead_letters_keep_the_payload_bytes_and_the_reason()
    {
        using IEventStore store = OpenStore();
        byte[] notUtf8 = [0x7B, 0xFF, 0x00, 0xFE, 0x22];
        (WriteResult result, _) = Write(store, [Incident(Id(1))],
            DeadLetter(DeadLetterReason.BadJson, notUtf8), DeadLetter(DeadLetterReason.UnknownSensor, "{}"u8.ToArray()));

        Assert.Equal(new WriteResult(1, 0, 2), result);
        Assert.Equal(["bad-json|detail of bad-json", "unknown-sensor|detail of unknown-sensor"],
            Strings("SELECT reason || '|' || detail FROM dead_letters ORDER BY id"));
        Assert.Equal([notUtf8, "{}"u8.ToArray()], Blobs("SELECT payload FROM dead_letters ORDER BY id"));
        Assert.Equal([Now.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture)],
            Strings("SELECT DISTINCT received_at FROM dead_letters"));
    }

    [SkippableFact]
    public void A_batch_that_throws_leaves_nothing_of_it_and_the_store_goes_on()
    {
        using IEventStore store = OpenStore();
        StoredMessage good = Incident(Id(1));
        StoredMessage broken = Incident(Id(2)) with { Site = null! }; // NOT NULL: fails after the first message is written

        Assert.ThrowsAny<DbException>(() => Write(store, [good, Status(Id(3), Samples.Birth), broken], DeadLetter(DeadLetterReason.BadJson, [1])));

        foreach (string table in new[] { "messages", "sensors", "status_events", "incidents", "incident_versions", "dead_letters" })
        {
            Assert.True(Scalar($"SELECT count(*) FROM {table}") == 0, $"{table} kept rows of a failed batch");
        }

        (WriteResult result, bool[] stored) = Write(store, [good]);
        Assert.Equal(new WriteResult(1, 0, 0), result);
        Assert.Equal([true], stored);
    }

    [SkippableFact]
    public void Data_survives_dispose_and_reopen()
    {
        using (IEventStore store = OpenStore())
        {
            Write(store, [Status(Id(1), Samples.Birth with { BdSeq = 2 }), Incident(Id(2))], DeadLetter(DeadLetterReason.BadTopic, [1, 2]));
        }

        using (IEventStore reopened = OpenStore())
        {
            (WriteResult result, bool[] stored) = Write(reopened, [Incident(Id(2)), Status(Id(3), SensorStatusRecord.Death(1))]);
            Assert.Equal(new WriteResult(1, 1, 0), result);
            Assert.Equal([false, true], stored);
        }

        Assert.Equal(3, Scalar("SELECT count(*) FROM messages"));
        Assert.Equal(1, Scalar("SELECT count(*) FROM dead_letters"));
        Assert.Equal(["online|2"], Strings("SELECT state || '|' || bd_seq FROM sensors"));
        Assert.Equal(["1", "0"], Strings("SELECT applied FROM status_events ORDER BY message_id"));
        Assert.Equal(1, SchemaVersion());
    }

    [SkippableFact]
    public void A_database_with_a_newer_schema_version_is_refused()
    {
        using (IEventStore store = OpenStore())
        {
            Assert.Equal(1, SchemaVersion());
        }

        SetSchemaVersion(2);
        using IEventStore newer = CreateStore();
        var refused = Assert.Throws<InvalidOperationException>(newer.Initialize);
        Assert.Contains("schema version 2", refused.Message, StringComparison.Ordinal);
        Assert.Equal(2, SchemaVersion());
    }

    [SkippableFact]
    public void Writing_before_initialize_is_refused()
    {
        using IEventStore store = CreateStore();
        Assert.Throws<InvalidOperationException>(() => Write(store, [Incident(Id(1))]));
    }

    protected static (WriteResult Result, bool[] Stored) Write(IEventStore store, IReadOnlyList<StoredMessage> messages, params DeadLetter[] deadLetters)
    {
        bool[] stored = new bool[messages.Count];
        WriteResult result = store.Write(messages, deadLetters, stored);
        return (result, stored);
    }

    /// <summary>A store on this test's database, initialized (schema created or checked).</summary>
    protected IEventStore OpenStore()
    {
        IEventStore store = CreateStore();
        try
        {
            store.Initialize();
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }
}
