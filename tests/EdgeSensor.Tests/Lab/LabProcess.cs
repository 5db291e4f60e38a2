using System.Diagnostics;

namespace EdgeSensor.Tests.Lab;

/// <summary>
/// Runs the lab's third-party tools (ip, tc, tcpdump, nmap, mbpoll, openssl, python) as child processes, in the root
/// namespace (only for <c>ip netns</c> and <c>ip -n</c> management) or inside a lab namespace via <c>ip netns exec</c>,
/// which execs the program, so a started process's id is the tool's own id and can be signalled or killed by it.
/// </summary>
public static class LabProcess
{
    public static (int ExitCode, string Stdout, string Stderr) Run(string program, IEnumerable<string> arguments, TimeSpan timeout)
    {
        using var p = Process.Start(Info(program, arguments, redirectStdin: true))
            ?? throw new InvalidOperationException($"could not start {program}");
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish in {timeout}");
        }

        p.WaitForExit();
        return (p.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    /// <summary>Runs a management command (ip, tc, sysctl); throws with its stderr when it fails.</summary>
    public static string Check(string program, params string[] arguments)
    {
        var (rc, stdout, stderr) = Run(program, arguments, TimeSpan.FromSeconds(30));
        if (rc != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({rc}): {stderr.Trim()}");
        }

        return stdout;
    }

    /// <summary>Runs a program inside a namespace and waits for it (stdin closed).</summary>
    public static (int ExitCode, string Stdout, string Stderr) Exec(string ns, TimeSpan timeout, string program, params string[] arguments) =>
        Run("ip", ["netns", "exec", ns, program, .. arguments], timeout);

    /// <summary>
    /// Starts a long-running program inside a namespace. Stdout and stderr are drained in the background (kept in
    /// <see cref="LabService.Output"/>), so a chatty tool never blocks on a full pipe; stdin stays open.
    /// </summary>
    public static LabService Start(string ns, string program, params string[] arguments)
    {
        var p = Process.Start(Info("ip", ["netns", "exec", ns, program, .. arguments], redirectStdin: true))
            ?? throw new InvalidOperationException($"could not start {program} in {ns}");
        return new LabService(p, $"{program} in {ns}");
    }

    internal static ProcessStartInfo Info(string program, IEnumerable<string> arguments, bool redirectStdin)
    {
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectStdin,
            UseShellExecute = false,
        };
        foreach (string a in arguments)
        {
            psi.ArgumentList.Add(a);
        }

        return psi;
    }
}
