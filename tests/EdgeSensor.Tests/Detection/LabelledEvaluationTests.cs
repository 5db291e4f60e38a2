using System.Globalization;
using System.Text;
using EdgeSensor.Capture;
using EdgeSensor.Decoding;
using EdgeSensor.Decoding.Packet;
using EdgeSensor.Tests.Support;

namespace EdgeSensor.Tests.Detection;

/// <summary>
/// Evaluation on the labelled Modbus reconnaissance capture (Lemay &amp; Fernandez, CSET'16): the attack starts at
/// frame 3, so nothing can be learned first; the models that need no baseline must catch it. Recall is reported by
/// labelled frame and by phase (a run of consecutive malicious frames) in artifacts/labelled-evaluation.txt.
/// </summary>
public sealed class LabelledEvaluationTests
{
    private const string Capture = "modbus_attack_characterization-recon__labelled.pcap";

    [Fact]
    public void Every_malicious_phase_is_inside_an_incident_and_benign_devices_raise_nothing_above_30()
    {
        var labels = File.ReadAllLines(Path.Combine(SharedData.PcapDirectory, "labels", "modbus_attack_characterization-recon__labelled.labels.csv"))
            .Select(l => l.Trim().Split(';')).Where(p => p.Length == 2 && p[0].All(char.IsAsciiDigit))
            .ToDictionary(p => long.Parse(p[0], CultureInfo.InvariantCulture), p => p[1] == "1");
        var frames = ReadFrames();
        var run = DetectionRun.Of([], [Capture]);
        var incidents = run.Incidents;

        // A malicious frame is covered when it lies within an incident (first to last activity) about one of its endpoints.
        bool Covered((long Number, long Micros, string Src, string Dst) f) => incidents.Any(i =>
            (i.Device == f.Src || i.Device == f.Dst) && f.Micros >= ToMicros(i.FirstSeen) && f.Micros <= ToMicros(i.LastSeen));

        var malicious = frames.Where(f => labels.GetValueOrDefault(f.Number)).ToList();
        var phases = new List<List<(long Number, long Micros, string Src, string Dst)>>();
        foreach (var f in malicious)
        {
            if (phases.Count == 0 || phases[^1][^1].Number != f.Number - 1)
            {
                phases.Add([]);
            }

            phases[^1].Add(f);
        }

        int coveredFrames = malicious.Count(Covered);
        int coveredPhases = phases.Count(p => p.Any(Covered));
        var maliciousDevices = malicious.SelectMany(f => new[] { f.Src, f.Dst }).ToHashSet();
        var benignOnly = frames.Where(f => !labels.GetValueOrDefault(f.Number)).SelectMany(f => new[] { f.Src, f.Dst })
            .Where(d => !maliciousDevices.Contains(d)).ToHashSet();

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"malicious frames {malicious.Count}, inside an incident {coveredFrames} ({(double)coveredFrames / malicious.Count:P1})");
        report.AppendLine(CultureInfo.InvariantCulture, $"malicious phases {phases.Count}, with frames inside an incident {coveredPhases}");
        foreach (var p in phases.Where(p => !p.Any(Covered)))
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"phase not covered: frames {p[0].Number}-{p[^1].Number} ({p[0].Src} -> {p[0].Dst}, t={p[0].Micros})");
        }

        foreach (var i in incidents)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"incident {i.IncidentId} score {i.Score} device {i.Device} from {ToMicros(i.FirstSeen)} to {ToMicros(i.LastSeen)}: {i.Title} [{string.Join(", ", i.Models.Select(m => m.Model))}]");
        }

        File.WriteAllText(Path.Combine(SharedData.ArtifactsDirectory, "labelled-evaluation.txt"), report.ToString());

        Assert.Equal(phases.Count, coveredPhases);
        Assert.True(coveredFrames >= 0.9 * malicious.Count, report.ToString());
        Assert.DoesNotContain(incidents, i => benignOnly.Contains(i.Device) && i.Score > 30);
    }

    private static long ToMicros(DateTimeOffset t) => (t - DateTimeOffset.UnixEpoch).Ticks / 10;

    private static List<(long Number, long Micros, string Src, string Dst)> ReadFrames()
    {
        var frames = new List<(long, long, string, string)>();
        using var source = PcapSource.OpenFile(SharedData.Pcap(Capture));
        long n = 0;
        while (source.TryReadNext(out var frame) == CaptureReadStatus.Frame)
        {
            n++;
            if (PacketDecoder.TryDecode(source.LinkType, frame.Data, out var p, out _) == DecodeStatus.Ok && p.IpVersion != 0)
            {
                frames.Add((n, frame.TimestampMicroseconds, p.Source.ToString(), p.Destination.ToString()));
            }
        }

        return frames;
    }
}
