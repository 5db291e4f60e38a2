using System.Diagnostics;

namespace EdgeSensor.Tests.Support;

/// <summary>
/// Runs Wireshark's tshark (Debian's package, installed by scripts/bootstrap.sh) as the oracle of a test, so that
/// expectations over every shared capture come from tshark at test time rather than from a hand-kept list that goes
/// stale when captures are added.
/// </summary>
public static class Tshark
{
    /// <summary>
    /// All shared captures concatenated into one pcapng (mergecap -a keeps each file's link type as its own
    /// interface), made once per test run: one tshark start instead of one per capture.
    /// </summary>
    private static readonly Lazy<string> AllCapturesFile = new(MergeAll, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Runs tshark with <paramref name="arguments"/> and returns its standard output; throws when it fails.</summary>
    public static string Run(IEnumerable<string> arguments, TimeSpan timeout) => Exec("tshark", arguments, timeout);

    /// <summary>
    /// <c>tshark -T fields</c> over every capture in ../shared/pcaps at once, with an empty personal configuration
    /// (default preferences, as the reference tables were made): one row per frame, tab-separated fields.
    /// </summary>
    public static IReadOnlyList<string[]> FieldsOfAllCaptures(IEnumerable<string> tsharkOptions, params string[] fields)
    {
        var args = new List<string> { "-r", AllCapturesFile.Value, "-T", "fields", "-E", "separator=/t", "-E", "occurrence=f" };
        args.AddRange(tsharkOptions);
        foreach (string f in fields)
        {
            args.Add("-e");
            args.Add(f);
        }

        return Run(args, TimeSpan.FromMinutes(5))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.TrimEnd('\r').Split('\t'))
            .ToList();
    }

    private static string MergeAll()
    {
        string dir = Directory.CreateTempSubdirectory("edge-tshark-").FullName;
        string merged = Path.Combine(dir, "all-captures.pcapng");
        Exec("mergecap", ["-a", "-F", "pcapng", "-w", merged, .. SharedData.AllCaptures().Select(SharedData.Pcap)], TimeSpan.FromMinutes(5));
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
            }
        };
        return merged;
    }

    private static string Exec(string program, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in arguments)
        {
            psi.ArgumentList.Add(a);
        }

        // Default preferences only: a fresh, empty personal configuration.
        string home = Directory.CreateTempSubdirectory("edge-tshark-home-").FullName;
        psi.Environment["HOME"] = home;
        psi.Environment["XDG_CONFIG_HOME"] = home;
        try
        {
            using var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {program}");
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(timeout))
            {
                p.Kill(entireProcessTree: true);
                throw new TimeoutException($"{program} did not finish in {timeout}");
            }

            p.WaitForExit();
            if (p.ExitCode != 0)
            {
                throw new InvalidOperationException($"{program} failed ({p.ExitCode}): {stderr.Result.Trim()}");
            }

            return stdout.Result;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{program} is not installed (apt package tshark; run bash scripts/bootstrap.sh): {e.Message}", e);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }
}
