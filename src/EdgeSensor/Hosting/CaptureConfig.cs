namespace EdgeSensor.Hosting;

/// <summary>Where frames come from: a live interface (passive, promiscuous) or a capture file replayed.</summary>
public sealed class CaptureConfig
{
    public string? Interface { get; set; }

    /// <summary>
    /// Capture on an interface that has an IP address (IPv4 or IPv6, link-local included). Off by default: a tap port
    /// has none, so the host never answers, announces or asks anything there (firmware/sensor/TAP.md), and the sensor
    /// refuses to start on an addressed one. On, it captures there in both directions (the host's own frames too).
    /// </summary>
    public bool AllowAddressedInterface { get; set; }

    public string? Bpf { get; set; }

    public string? File { get; set; }

    /// <summary>File replay pace: 1 = as recorded, 2 = twice as fast, 0 = as fast as possible.</summary>
    public double ReplaySpeed { get; set; } = 1;

    /// <summary>
    /// After a file's last frame, keep running (status lights, uplink, commands from the collector) until stopped,
    /// instead of exiting: for demonstrations and tests of what happens after an attack was replayed.
    /// </summary>
    public bool StayAfterEnd { get; set; }
}
