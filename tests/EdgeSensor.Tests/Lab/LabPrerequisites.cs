namespace EdgeSensor.Tests.Lab;

/// <summary>
/// What the lab's peers need on this machine, checked once before the first lab is built, so that a missing tool or
/// Python module fails every lab test at once with one line naming it and the Debian package that brings it, instead
/// of a peer dying mid-test (a pymodbus PLC without <c>serial_asyncio</c>) or a wait running into its timeout.
/// <c>scripts/bootstrap.sh</c> installs all of it.
/// </summary>
public static class LabPrerequisites
{
    /// <summary>Programs the lab runs, each with the Debian package that ships it.</summary>
    public static readonly IReadOnlyList<(string Program, string Package)> Programs =
    [
        ("ip", "iproute2"),
        ("tc", "iproute2"),
        ("ss", "iproute2"),
        ("sysctl", "procps"),
        ("kill", "procps"),
        ("ping", "iputils-ping"),
        ("tcpdump", "tcpdump"),
        ("tshark", "tshark"),
        ("nmap", "nmap"),
        ("mbpoll", "mbpoll"),
        ("openssl", "openssl"),
        ("/usr/bin/python3", "python3"),
        ("unshare", "util-linux"),
        ("/lib/systemd/systemd-networkd", "systemd"),
        ("/lib/systemd/systemd-sysctl", "systemd"),
    ];

    /// <summary>
    /// Python modules the lab's scripts import under Debian's <c>/usr/bin/python3</c> (not a pyenv python first on
    /// PATH), each with its package. pymodbus 3.0's server imports <c>serial_asyncio</c>, which is only a Recommends of
    /// python3-pymodbus: <c>--no-install-recommends</c> leaves it out.
    /// </summary>
    public static readonly IReadOnlyList<(string Module, string Package)> PythonModules =
    [
        ("pymodbus.server", "python3-pymodbus"),
        ("pymodbus.datastore", "python3-pymodbus"),
        ("pymodbus.device", "python3-pymodbus"),
        ("serial_asyncio", "python3-serial-asyncio"),
        ("serial", "python3-serial"),
        ("ssl", "python3"),
        ("zeroconf", "python3-zeroconf"), // the mDNS discovery tests' third-party peer (Collector.Tests)
    ];

    private static readonly Lazy<string?> Missing = new(Find, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Throws with one line naming everything missing; checks the machine only once per test run.</summary>
    public static void Require()
    {
        if (Missing.Value is { } missing)
        {
            throw new InvalidOperationException(missing);
        }
    }

    /// <summary>The one-line description of what is missing, or null when everything is there.</summary>
    public static string? Find()
    {
        var missing = new List<string>();
        foreach (var (program, package) in Programs)
        {
            if (!OnPath(program))
            {
                missing.Add($"program {program} (apt package {package})");
            }
        }

        if (OnPath("/usr/bin/python3"))
        {
            foreach (var (module, package) in PythonModules)
            {
                string? error = PythonImportError(module);
                if (error is not null)
                {
                    missing.Add($"python module {module} for /usr/bin/python3 (apt package {package}): {error}");
                }
            }
        }

        return missing.Count == 0
            ? null
            : $"lab prerequisites missing: {string.Join("; ", missing)}. Run: bash scripts/bootstrap.sh";
    }

    /// <summary>True when <paramref name="program"/> is an executable file, by absolute path or on PATH.</summary>
    public static bool OnPath(string program)
    {
        if (Path.IsPathRooted(program))
        {
            return IsExecutable(program);
        }

        string path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/sbin").Append("/sbin")
            .Any(dir => IsExecutable(Path.Combine(dir, program)));
    }

    private static bool IsExecutable(string file) =>
        OperatingSystem.IsLinux() && File.Exists(file) && (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;

    /// <summary>Imports one module and returns the last line of the error (the ModuleNotFoundError), or null.</summary>
    private static string? PythonImportError(string module)
    {
        var (rc, _, stderr) = LabProcess.Run("/usr/bin/python3", ["-c", $"import {module}"], TimeSpan.FromSeconds(60));
        if (rc == 0)
        {
            return null;
        }

        string[] lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length > 0 ? lines[^1] : $"exit code {rc}";
    }
}
