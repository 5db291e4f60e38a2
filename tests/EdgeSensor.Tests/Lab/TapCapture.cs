using System.Globalization;
using System.Text.RegularExpressions;

namespace EdgeSensor.Tests.Lab;

/// <summary>A tcpdump on the sensor's tap; <see cref="Stop"/> (or dispose) ends it with SIGINT so the file is complete.</summary>
public sealed partial class TapCapture(LabService tcpdump, string path) : IDisposable
{
    public string Path { get; } = path;

    /// <summary>tcpdump's closing report ("N packets captured ... N packets dropped by kernel"), after <see cref="Stop"/>.</summary>
    public string Report => tcpdump.Output;

    /// <summary>Packets the kernel dropped before tcpdump read them (from its closing report; -1 if not stopped yet).</summary>
    public int DroppedByKernel
    {
        get
        {
            var m = DroppedPattern().Match(tcpdump.Output);
            return m.Success ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : -1;
        }
    }

    public void Stop() => tcpdump.Interrupt(TimeSpan.FromSeconds(10));

    public void Dispose()
    {
        Stop();
        tcpdump.Dispose();
    }

    [GeneratedRegex("([0-9]+) packets? dropped by kernel")]
    private static partial Regex DroppedPattern();
}
