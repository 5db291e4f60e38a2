using BenchmarkDotNet.Attributes;
using EdgeSensor.Publishing.Outbox;

namespace EdgeSensor.Benchmarks.Publishing;

/// <summary>
/// The outbox's cost per finding on this machine's disk: one <see cref="DiskOutbox.Append"/> (frame, write, fsync),
/// and one append plus its <see cref="DiskOutbox.Acknowledge"/> (a second fsync, of the journal). A 300-byte payload,
/// about an incident update's JSON. Default limits (256 MB, 4 MB segments), in a folder under the temp path.
/// </summary>
[MemoryDiagnoser]
public class OutboxBenchmarks
{
    private readonly OutboxRecord _record = new("edge/v1/sensor-1/incidents", new byte[300], "0f8fad5bd9cb469fa16570867728950e", 80, DateTimeOffset.UnixEpoch);
    private string _directory = "";
    private DiskOutbox? _outbox;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "edge-outbox-bench-" + Guid.NewGuid().ToString("N"));
        _outbox = new DiskOutbox(new OutboxOptions { Directory = _directory });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _outbox?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public long Append() => _outbox!.Append(_record);

    [Benchmark]
    public bool AppendAndAcknowledge() => _outbox!.Acknowledge(_outbox.Append(_record));
}
