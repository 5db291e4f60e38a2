using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Collector.Tests.Provisioning.Discovery;

/// <summary>
/// Three namespaces the test makes (root; CI runs as root), joined by veth pairs in private ranges that exist only
/// here, no route out: <see cref="Collector"/> (eth0, .1) — <see cref="Sensor"/> (uplink0 .2 on that link; other0 .1 on
/// the second) — <see cref="Other"/> (eth0, .2). The sensor's default route points at other0, the wrong interface for
/// discovery, so a browser that ignored the named interface would be caught there. Disposing deletes the namespaces.
/// </summary>
internal sealed class MdnsLab : IDisposable
{
    public const string Uplink = "uplink0";
    public const string OtherInterface = "other0";
    private const int CloneNewNet = 0x40000000;
    private static int _counter;

    private MdnsLab(string prefix, int subnet)
    {
        Collector = prefix + "-c";
        Sensor = prefix + "-s";
        Other = prefix + "-o";
        CollectorAddress = $"10.205.{subnet}.1";
        SensorAddress = $"10.205.{subnet}.2";
        OtherAddress = $"10.206.{subnet}.2";
        SensorOtherAddress = $"10.206.{subnet}.1";
        Prefix = prefix;
    }

    public string Prefix { get; }

    public string Collector { get; }

    public string Sensor { get; }

    public string Other { get; }

    public string CollectorAddress { get; }

    public string SensorAddress { get; }

    public string OtherAddress { get; }

    public string SensorOtherAddress { get; }

    public static MdnsLab Create()
    {
        if (Environment.UserName != "root")
        {
            throw new InvalidOperationException("the mDNS lab needs root (ip netns); CI runs as root");
        }

        int n = Interlocked.Increment(ref _counter);
        var lab = new MdnsLab($"edge-m{Environment.ProcessId % 100000}-{n}", (Environment.ProcessId + n) % 250);
        try
        {
            lab.Setup();
        }
        catch
        {
            lab.Dispose();
            throw;
        }

        return lab;
    }

    private void Setup()
    {
        foreach (string ns in new[] { Collector, Sensor, Other })
        {
            Ip($"netns add {ns}");
            Ip($"-n {ns} link set lo up");
        }

        Ip($"link add {Prefix}a type veth peer name {Prefix}b");
        Ip($"link set {Prefix}a netns {Collector} name eth0");
        Ip($"link set {Prefix}b netns {Sensor} name {Uplink}");
        Ip($"link add {Prefix}c type veth peer name {Prefix}d");
        Ip($"link set {Prefix}c netns {Sensor} name {OtherInterface}");
        Ip($"link set {Prefix}d netns {Other} name eth0");
        Ip($"-n {Collector} addr add {CollectorAddress}/24 dev eth0");
        Ip($"-n {Sensor} addr add {SensorAddress}/24 dev {Uplink}");
        Ip($"-n {Sensor} addr add {SensorOtherAddress}/24 dev {OtherInterface}");
        Ip($"-n {Other} addr add {OtherAddress}/24 dev eth0");
        Ip($"-n {Collector} link set eth0 up");
        Ip($"-n {Sensor} link set {Uplink} up");
        Ip($"-n {Sensor} link set {OtherInterface} up");
        Ip($"-n {Other} link set eth0 up");
        Ip($"-n {Sensor} route add default via {OtherAddress} dev {OtherInterface}");
    }

    /// <summary>Runs <paramref name="work"/> on a new thread that has entered namespace <paramref name="ns"/>: sockets and
    /// interface lists it makes belong to that namespace (a socket keeps its namespace for life, whichever thread uses it).</summary>
    public static T InNamespace<T>(string ns, Func<T> work)
    {
        T result = default!;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                using SafeFileHandle handle = File.OpenHandle($"/var/run/netns/{ns}");
                if (SetNs((int)handle.DangerousGetHandle(), CloneNewNet) != 0)
                {
                    throw new InvalidOperationException($"setns {ns}: errno {Marshal.GetLastPInvokeError()}");
                }

                result = work();
            }
            catch (Exception ex)
            {
                error = ex;
            }
        });
        thread.Start();
        thread.Join();
        if (error is not null)
        {
            throw new InvalidOperationException($"in {ns}: {error.Message}", error);
        }

        return result;
    }

    /// <summary>Starts a program inside a namespace (<c>ip netns exec</c> execs it: the process id is the program's).</summary>
    public static Process Start(string ns, string program, params string[] arguments)
    {
        var psi = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in (string[])["netns", "exec", ns, program, .. arguments])
        {
            psi.ArgumentList.Add(a);
        }

        return Process.Start(psi) ?? throw new InvalidOperationException($"could not start {program} in {ns}");
    }

    public void Dispose()
    {
        foreach (string ns in new[] { Collector, Sensor, Other })
        {
            Ip($"netns del {ns}", check: false);
        }
    }

    private static void Ip(string arguments, bool check = true)
    {
        using var p = Process.Start(new ProcessStartInfo("ip", arguments) { RedirectStandardError = true, UseShellExecute = false })!;
        string err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (check && p.ExitCode != 0)
        {
            throw new InvalidOperationException($"ip {arguments} failed: {err.Trim()}");
        }
    }

    [DllImport("libc", EntryPoint = "setns", SetLastError = true)]
#pragma warning disable SYSLIB1054 // LibraryImport would need AllowUnsafeBlocks in the test project for one call
    private static extern int SetNs(int fd, int nstype);
#pragma warning restore SYSLIB1054
}
