using BenchmarkDotNet.Attributes;
using EdgeSensor.Bench;
using EdgeSensor.Benchmarks.Captures;
using EdgeSensor.Capture;
using EdgeSensor.Pipeline;
using EdgeSensor.Plant;

namespace EdgeSensor.Benchmarks.Plant;

/// <summary>
/// Decode plus plant model in steady state, per frame (each derived class sets <c>OperationsPerInvoke</c> to its
/// capture's frame count, checked at setup). At setup the model learns the capture once (devices, relations,
/// identities); every operation then replays the whole capture again through a pipeline feeding the same model
/// (pipeline <see cref="DecodePipeline.Reset"/>, model kept: it keeps learning, as a running sensor does). Two methods:
/// <list type="bullet">
/// <item><c>DecodeOnly</c> (baseline): <see cref="BenchWorkload.DecodeAll"/> into a <see cref="CountingPduSink"/>, the
/// pipeline alone.</item>
/// <item><c>DecodeAndPlant</c>: the same pass with the <see cref="PlantModel"/> as PDU sink and packet observer, so the
/// Ratio column is what the plant model costs on top of decoding.</item>
/// </list>
/// Replayed captures go back in time at each operation (the same timestamps again); the model takes that as it takes a
/// capture restarted: rates fold a minute, nothing is added.
/// </summary>
[MemoryDiagnoser]
public abstract class PlantModelBenchmarks
{
    private readonly string _name;
    private readonly Func<MemoryCaptureSource> _load;
    private readonly int _expectedFrames;
    private MemoryCaptureSource? _source;
    private DecodePipeline? _decodeOnly;
    private DecodePipeline? _decodeAndPlant;
    private PlantModel? _model;

    protected PlantModelBenchmarks(string captureFile, int expectedFrames)
        : this(captureFile, () => MemoryCaptureSource.LoadFile(SharedCaptures.Path(captureFile)), expectedFrames)
    {
    }

    /// <summary>Frames from elsewhere than a shared capture (a synthetic plant).</summary>
    protected PlantModelBenchmarks(string name, Func<MemoryCaptureSource> load, int expectedFrames)
    {
        _name = name;
        _load = load;
        _expectedFrames = expectedFrames;
    }

    [GlobalSetup]
    public void Setup()
    {
        _source = _load();
        if (_source.FrameCount != _expectedFrames)
        {
            throw new InvalidOperationException(
                $"{_name} has {_source.FrameCount} frames, the benchmark's OperationsPerInvoke says {_expectedFrames}: update the constant");
        }

        _decodeOnly = new DecodePipeline(new PipelineOptions(), new CountingPduSink(), _source.LinkType);
        _model = new PlantModel(new PlantOptions());
        _ = new EdgeSensor.Detection.DetectionEngine(_model);   // detection listens, as in the sensor
        _decodeAndPlant = new DecodePipeline(new PipelineOptions(), _model, _source.LinkType, _model);

        // Pools filled, and the plant learned: the measured operations see a sensor in steady state.
        BenchWorkload.DecodeAll(_decodeOnly, _source);
        BenchWorkload.DecodeAll(_decodeAndPlant, _source);
        if (_model.Devices.Count == 0 || _model.Relations.Count == 0)
        {
            throw new InvalidOperationException($"{_name} taught the plant model no device or relation");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _source?.Dispose();

    protected long RunDecodeOnly() => BenchWorkload.DecodeAll(_decodeOnly!, _source!);

    protected long RunDecodeAndPlant() => BenchWorkload.DecodeAll(_decodeAndPlant!, _source!);
}
