using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Collector.Tests.Infrastructure;
using EdgeSensor.Provisioning.Discovery;
using Xunit.Abstractions;

namespace Collector.Tests.Provisioning.Discovery;

/// <summary>
/// Discovery for real, across namespaces the test makes: the collector process runs in one (under <c>ip netns exec</c>,
/// its responder on 224.0.0.251:5353 there), the sensor's <see cref="DnsSdBrowser"/> runs in another (a thread that has
/// entered it), a third namespace sits behind the sensor's default route to catch any query sent on the wrong interface.
/// A python-zeroconf peer stands in for a third-party implementation on either side.
/// </summary>
[Collection(nameof(MdnsNetnsTests))]
public sealed class MdnsNetnsTests(ITestOutputHelper output) : IDisposable
{
    private const int MqttPort = 18883;
    private readonly MdnsLab _lab = MdnsLab.Create();
    private readonly TestPki _pki = new();
    private readonly string _data = Directory.CreateTempSubdirectory("edge-mdns-").FullName;

    private static string PeerScript => Path.Combine(RepositoryPaths.Root, "tests", "Collector.Tests", "Provisioning", "Discovery", "zeroconf_peer.py");

    private string CaFingerprint => Convert.ToHexStringLower(SHA256.HashData(_pki.Ca.RawData));

    public void Dispose()
    {
        _lab.Dispose();
        _pki.Dispose();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task The_browser_finds_the_collectors_host_port_and_CA_fingerprint()
    {
        using LabOutput collector = await StartCollectorAsync();

        var browser = new DnsSdBrowser();
        var watch = Stopwatch.StartNew();
        DiscoveredEndpoint? found = await Find(browser, MdnsLab.Uplink, TimeSpan.FromSeconds(10));
        watch.Stop();
        output.WriteLine($"discovered in {watch.ElapsedMilliseconds} ms after {browser.Counters.QueriesSent} queries: {found}");

        Assert.NotNull(found);
        Assert.Equal(_lab.CollectorAddress, found.Host);
        Assert.Equal(MqttPort, found.Port);
        Assert.Equal(CaFingerprint, found.CaFingerprint);
        Assert.Equal("Edge Collector lab", found.InstanceName);
        Assert.Equal("collector-lab.local", found.TargetHost);
        Assert.Equal(0, browser.Counters.Malformed);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task The_browser_sends_nothing_on_an_interface_it_was_not_given()
    {
        using LabOutput collector = await StartCollectorAsync();
        using LabOutput capture = await CaptureMdnsAsync(_lab.Other);

        var browser = new DnsSdBrowser();
        DiscoveredEndpoint? found = await Find(browser, MdnsLab.Uplink, TimeSpan.FromSeconds(3.5));
        Assert.NotNull(found);
        // Keep querying for a while: retransmissions must stay on the uplink too (no answer: the service type is unknown).
        var silent = new DnsSdBrowser { ServiceType = "_nobody._tcp.local" };
        Assert.Null(await Find(silent, MdnsLab.Uplink, TimeSpan.FromSeconds(3.5)));
        Assert.True(silent.Counters.QueriesSent >= 3, $"{silent.Counters.QueriesSent} queries");
        await Task.Delay(300);
        capture.Stop();
        output.WriteLine($"on {MdnsLab.OtherInterface}: {capture.StdoutLines.Count} mDNS packets");
        Assert.Empty(capture.StdoutLines);

        // The capture does see queries when the browser is left to the default route (which points at other0).
        using LabOutput control = await CaptureMdnsAsync(_lab.Other);
        Assert.Null(await Find(new DnsSdBrowser(), null, TimeSpan.FromSeconds(1.5)));
        await Task.Delay(300);
        control.Stop();
        Assert.NotEmpty(control.StdoutLines);
        Assert.Contains(control.StdoutLines, l => l.Contains(_lab.SensorOtherAddress, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_browser_finds_a_third_party_responder()
    {
        const string fp = "aa00112233445566778899aabbccddeeff00112233445566778899aabbccddee";
        using var peer = new LabOutput(MdnsLab.Start(_lab.Collector, "/usr/bin/python3", PeerScript, "publish", _lab.CollectorAddress, "18884", fp));
        await peer.WaitForAsync("registered", TimeSpan.FromSeconds(20));

        var browser = new DnsSdBrowser();
        DiscoveredEndpoint? found = await Find(browser, MdnsLab.Uplink, TimeSpan.FromSeconds(10));

        output.WriteLine($"{found}");
        Assert.NotNull(found);
        Assert.Equal((_lab.CollectorAddress, 18884, "Zeroconf Peer", fp), (found.Host, found.Port, found.InstanceName, found.CaFingerprint));
    }

    [Fact]
    public async Task A_third_party_browser_finds_the_collector()
    {
        using LabOutput collector = await StartCollectorAsync();

        var (rc, stdout, stderr) = await RunAsync(_lab.Sensor, "/usr/bin/python3", PeerScript, "browse", _lab.SensorAddress, "8");

        output.WriteLine(stdout + stderr);
        Assert.Equal(0, rc);
        string[] f = stdout.Trim().Split(' ');
        // found <instance> <server> <port> <addresses> <v> <fp>; the instance has a space: "Edge Collector lab._edge-prov._tcp.local."
        Assert.Equal("found", f[0]);
        Assert.Equal("collector-lab.local.", f[^5]);
        Assert.Equal(MqttPort.ToString(CultureInfo.InvariantCulture), f[^4]);
        Assert.Equal(_lab.CollectorAddress, f[^3]);
        Assert.Equal(("1", CaFingerprint), (f[^2], f[^1]));
    }

    /// <summary>The browser as the sensor runs it: interface lookup and socket made inside the sensor's namespace.</summary>
    private Task<DiscoveredEndpoint?> Find(DnsSdBrowser browser, string? interfaceName, TimeSpan timeout) =>
        MdnsLab.InNamespace(_lab.Sensor, () => browser.FindAsync(interfaceName, timeout, CancellationToken.None));

    private async Task<LabOutput> StartCollectorAsync()
    {
        var collector = new LabOutput(MdnsLab.Start(_lab.Collector, "dotnet", Path.Combine(AppContext.BaseDirectory, "edge-collector.dll"),
            "--data", _data, "--mqtt-port", MqttPort.ToString(CultureInfo.InvariantCulture), "--mqtt-bind", _lab.CollectorAddress,
            "--ca", _pki.CaPath, "--cert", _pki.CertPath, "--key", _pki.KeyPath, "--urls", "http://127.0.0.1:0",
            "--Collector:Mdns:InstanceName=Edge Collector lab", "--Collector:Mdns:HostName=collector-lab.local"));
        try
        {
            await collector.WaitForAsync("mDNS: answering for", TimeSpan.FromSeconds(60));
        }
        catch
        {
            collector.Dispose();
            throw;
        }

        return collector;
    }

    /// <summary>tcpdump on the far end of the sensor's other interface, one line per mDNS packet.</summary>
    private static async Task<LabOutput> CaptureMdnsAsync(string ns)
    {
        var capture = new LabOutput(MdnsLab.Start(ns, "tcpdump", "-i", "eth0", "-n", "-l", "-U", "udp", "port", "5353"));
        await capture.WaitForAsync("listening on", TimeSpan.FromSeconds(20));
        return capture;
    }

    private static async Task<(int, string, string)> RunAsync(string ns, string program, params string[] arguments)
    {
        using Process p = MdnsLab.Start(ns, program, arguments);
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (p.ExitCode, await stdout, await stderr);
    }
}
