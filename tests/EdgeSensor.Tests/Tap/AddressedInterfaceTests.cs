using System.Diagnostics;
using System.Text.Json;
using EdgeSensor.Tests.Lab;

namespace EdgeSensor.Tests.Tap;

/// <summary>
/// <c>run</c> refuses to capture on an interface that has an address (IPv4, or IPv6 even link-local only), with one
/// line and exit code 2 like any other configuration error, unless <c>capture.allowAddressedInterface</c>;
/// <c>analyze</c> and <c>dissect</c> warn and capture. Interfaces are seen from inside the sensor's namespace, where
/// the sensor runs (.NET's NetworkInterface list is the namespace's own).
/// </summary>
public sealed class AddressedInterfaceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public void Run_refuses_an_addressed_interface_with_one_line_and_exit_2_and_starts_when_allowed()
    {
        using var lab = TapLab.Create();
        string config = lab.WriteRunConfig("sensor.json");
        string allowed = lab.WriteRunConfig("allowed.json", allowAddressedInterface: true);

        // Kernel defaults, link up: only the IPv6 link-local address the kernel gives it.
        TapLab.Ip(lab.Sensor, "link", "set", TapLab.SensorInterface, "up");
        string linkLocal = WaitForAddress(lab, "fe80:");
        var refused = lab.RunSensor(Timeout, "run", "--config", config);
        Assert.Equal(2, refused.ExitCode);
        string line = Assert.Single(refused.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("edge-sensor run: ", line, StringComparison.Ordinal);
        Assert.Contains($"capture.interface eth1 has an address ({linkLocal}%eth1)", line, StringComparison.Ordinal);
        Assert.Contains("allowAddressedInterface", line, StringComparison.Ordinal);

        // IPv4 as well.
        TapLab.Ip(lab.Sensor, "address", "add", $"{lab.Subnet}.1/24", "dev", TapLab.SensorInterface);
        refused = lab.RunSensor(Timeout, "run", "--config", config);
        Assert.Equal(2, refused.ExitCode);
        line = Assert.Single(refused.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"eth1 has addresses ({lab.Subnet}.1, {linkLocal}%eth1)", line, StringComparison.Ordinal);

        // Allowed: it starts, capturing in both directions, and stops cleanly.
        using var run = lab.StartSensor("run", "--config", allowed);
        Assert.True(run.WaitForOutput("capturing from", Timeout), run.Output);
        Assert.Contains("capturing from eth1 (frames in both directions)", run.Output, StringComparison.Ordinal);
        run.Signal("TERM");
        Assert.True(run.WaitForExit(TimeSpan.FromSeconds(60)), run.Output);
        Assert.True(run.ExitCode == 0, run.Output);

        // After the tap setup the same configuration starts (the silence test runs it with traffic).
        Assert.Equal(0, lab.ApplyTapSetup().ExitCode);
        using var tap = lab.StartSensor("run", "--config", config);
        Assert.True(tap.WaitForOutput("capturing from", Timeout), tap.Output);
        Assert.Contains("capturing from eth1 (inbound frames only)", tap.Output, StringComparison.Ordinal);
        tap.Signal("TERM");
        Assert.True(tap.WaitForExit(TimeSpan.FromSeconds(60)), tap.Output);
        Assert.True(tap.ExitCode == 0, tap.Output);
    }

    [Fact]
    public void Analyze_and_dissect_warn_on_an_addressed_interface_and_capture_anyway()
    {
        using var lab = TapLab.Create();
        TapLab.Ip(lab.Sensor, "address", "add", $"{lab.Subnet}.1/24", "dev", TapLab.SensorInterface);
        TapLab.Ip(lab.Sensor, "link", "set", TapLab.SensorInterface, "up");
        WaitForAddress(lab, "fe80:");

        var analyze = lab.RunSensor(Timeout, "analyze", "--interface", TapLab.SensorInterface, "--duration", "1");
        Assert.True(analyze.ExitCode == 0, analyze.Stderr);
        Assert.Contains($"edge-sensor analyze: warning: eth1 has addresses ({lab.Subnet}.1, fe80:", analyze.Stderr, StringComparison.Ordinal);
        Assert.Contains("capturing on eth1 (frames in both directions)", analyze.Stderr, StringComparison.Ordinal);
        Assert.Contains("live capture on eth1", analyze.Stdout, StringComparison.Ordinal);

        var dissect = lab.RunSensor(Timeout, "dissect", "--interface", TapLab.SensorInterface, "--duration", "1", "--protocol", "modbus");
        Assert.True(dissect.ExitCode == 0, dissect.Stderr);
        Assert.Contains($"edge-sensor dissect: warning: eth1 has addresses ({lab.Subnet}.1, fe80:", dissect.Stderr, StringComparison.Ordinal);
        Assert.Contains("capturing on eth1 (frames in both directions)", dissect.Stderr, StringComparison.Ordinal);
    }

    /// <summary>Waits until the sensor's port has an address starting with <paramref name="prefix"/>; returns it.</summary>
    private static string WaitForAddress(TapLab lab, string prefix)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            using var doc = JsonDocument.Parse(LabProcess.Check("ip", "-n", lab.Sensor, "-j", "address", "show", "dev", TapLab.SensorInterface));
            foreach (var info in doc.RootElement[0].GetProperty("addr_info").EnumerateArray())
            {
                string local = info.GetProperty("local").GetString()!;
                if (local.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return local;
                }
            }

            Thread.Sleep(100);
        }

        throw new TimeoutException($"no {prefix} address on the sensor's port");
    }
}
