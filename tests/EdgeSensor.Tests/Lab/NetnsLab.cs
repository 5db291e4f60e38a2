using System.Diagnostics;

namespace EdgeSensor.Tests.Lab;

/// <summary>
/// A two-host lab the test makes itself: network namespaces joined by a veth pair, addresses from a private range that
/// exists only inside them and no route out. Traffic in tests goes only to these hosts. Needs root (CI runs as root).
/// Disposing deletes the namespaces (which deletes the veth pair).
/// </summary>
public sealed class NetnsLab : IDisposable
{
    private static int _counter;

    private NetnsLab(string prefix, string subnet)
    {
        Prefix = prefix;
        HostA = new LabHost($"{prefix}-a", "veth-a", $"{subnet}.1");
        HostB = new LabHost($"{prefix}-b", "veth-b", $"{subnet}.2");
    }

    public string Prefix { get; }

    /// <summary>The server side (the "PLC"); the sensor captures on its interface.</summary>
    public LabHost HostA { get; }

    /// <summary>The client side (the "HMI").</summary>
    public LabHost HostB { get; }

    public static NetnsLab Create()
    {
        if (Environment.UserName != "root" && !string.Equals(Environment.GetEnvironmentVariable("USER"), "root", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("the network-namespace lab needs root (ip netns); CI runs as root");
        }

        LabPrerequisites.Require();
        int n = Interlocked.Increment(ref _counter);
        int id = (Environment.ProcessId % 200) + n;
        var lab = new NetnsLab($"edge-t{Environment.ProcessId}-{n}", $"10.203.{id % 250}");
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
        Run("ip", $"netns add {HostA.Namespace}");
        Run("ip", $"netns add {HostB.Namespace}");
        Run("ip", $"link add {Prefix}x type veth peer name {Prefix}y");
        Run("ip", $"link set {Prefix}x netns {HostA.Namespace} name {HostA.Interface}");
        Run("ip", $"link set {Prefix}y netns {HostB.Namespace} name {HostB.Interface}");
        foreach (var h in new[] { HostA, HostB })
        {
            Run("ip", $"-n {h.Namespace} addr add {h.Address}/24 dev {h.Interface}");
            Run("ip", $"-n {h.Namespace} link set {h.Interface} up");
            Run("ip", $"-n {h.Namespace} link set lo up");
        }
    }

    /// <summary>Runs a program inside a host's namespace and waits for it.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Exec(LabHost host, string program, string arguments, TimeSpan timeout)
    {
        using var p = Start(host, program, arguments);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {arguments} in {host.Namespace} did not finish in {timeout}");
        }

        p.WaitForExit();
        return (p.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    /// <summary>Starts a program inside a host's namespace (stdout and stderr redirected).</summary>
    public static Process Start(LabHost host, string program, string arguments)
    {
        var psi = new ProcessStartInfo("ip", $"netns exec {host.Namespace} {program} {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        return Process.Start(psi) ?? throw new InvalidOperationException("could not start ip netns exec");
    }

    public void Dispose()
    {
        Run("ip", $"netns del {HostA.Namespace}", check: false);
        Run("ip", $"netns del {HostB.Namespace}", check: false);
    }

    private static void Run(string program, string arguments, bool check = true)
    {
        using var p = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true, UseShellExecute = false })!;
        string err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (check && p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {arguments} failed: {err.Trim()}");
        }
    }
}

public sealed record LabHost(string Namespace, string Interface, string Address);
