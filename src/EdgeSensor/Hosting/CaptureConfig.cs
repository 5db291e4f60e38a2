namespace EdgeSensor.Hosting;

/// <summary>Where frames come from: a live interface (passive, promiscuous) or a capture file replayed.</summary>
public sealed class CaptureConfig
{
    public string? Interface { get; set; }

    public string? Bpf { get; set; }

    public string? File { get; set; }

    /// <summary>File replay pace: 1 = as recorded, 2 = twice as fast, 0 = as fast as possible.</summary>
    public double ReplaySpeed { get; set; } = 1;
}
