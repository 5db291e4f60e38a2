using EdgeSensor.Publishing.Outbox;

namespace EdgeSensor.Tests.Publishing.Outbox;

/// <summary>A fresh temporary outbox folder, deleted afterwards, and the records the tests append.</summary>
internal sealed class OutboxFolder : IDisposable
{
    /// <summary>Framed size of every record made by <see cref="Record"/>: 36 fixed + 5 (id) + 1 (topic) + 58 (payload).</summary>
    public const int FrameBytes = 100;

    public static readonly DateTimeOffset Epoch = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    public OutboxFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "edge-outbox-" + Guid.NewGuid().ToString("N"));
    }

    public string Path { get; }

    public List<string> Log { get; } = [];

    public DiskOutbox Open(long maxBytes = 1024 * 1024, int segmentBytes = 64 * 1024, int maxRecordBytes = 4096) =>
        new(new OutboxOptions { Directory = Path, MaxBytes = maxBytes, SegmentBytes = segmentBytes, MaxRecordBytes = maxRecordBytes, Log = Log.Add });

    public string[] Segments()
    {
        string[] files = Directory.GetFiles(Path, "seg-*.log");
        Array.Sort(files, StringComparer.Ordinal);
        return files;
    }

    /// <summary>Record number <paramref name="n"/> (0-9999): id "mNNNN", topic "t", 58 payload bytes derived from n.</summary>
    public static OutboxRecord Record(int n, byte severity = 50)
    {
        var payload = new byte[58];
        for (int i = 0; i < payload.Length; i++)
        {
            payload[i] = (byte)(n * 31 + i);
        }

        return new OutboxRecord("t", payload, $"m{n:D4}", severity, Epoch.AddSeconds(n));
    }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
