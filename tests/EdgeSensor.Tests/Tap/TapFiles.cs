using System.Text.RegularExpressions;

namespace EdgeSensor.Tests.Tap;

/// <summary>
/// Reads the package's tap files (firmware/sensor/rootfs) into comparable facts: systemd-networkd's .network and
/// .link keys ("network:Link.ARP=no"), the sysctl.d lines for the tap ("sysctl.d:disable_ipv6=1", with the interface
/// they name), and what edge-tap-setup changes ("sysctl:disable_ipv6=1", "ip-link:arp off", "ip-address:flush").
/// </summary>
public static partial class TapFiles
{
    public static string NetworkFile => Path.Combine(TapLab.RootFs, "usr", "lib", "systemd", "network", "10-edge-tap.network");

    public static string LinkFile => Path.Combine(TapLab.RootFs, "usr", "lib", "systemd", "network", "10-edge-tap.link");

    public static string SysctlFile => Path.Combine(TapLab.RootFs, "usr", "lib", "sysctl.d", "60-edge-tap.conf");

    public static string IfupdownFile => Path.Combine(TapLab.RootFs, "etc", "network", "interfaces.d", "edge-tap");

    /// <summary>A systemd unit-style file's settings as "prefix:Section.Key=Value", in file order (repeats kept).</summary>
    public static IReadOnlyList<string> SystemdKeys(string path, string prefix)
    {
        var facts = new List<string>();
        string? section = null;
        foreach (string raw in File.ReadAllLines(path))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[' && line[^1] == ']')
            {
                section = line[1..^1];
                continue;
            }

            int eq = line.IndexOf('=', StringComparison.Ordinal);
            Assert.True(section is not null && eq > 0, $"{path}: not a key=value line in a section: {raw}");
            facts.Add($"{prefix}:{section}.{line[..eq].Trim()}={line[(eq + 1)..].Trim()}");
        }

        return facts;
    }

    /// <summary>The sysctl.d lines as (interface, "sysctl.d:key=value") for net.ipv6.conf.IFACE.key / net.ipv4.conf.IFACE.key.</summary>
    public static IReadOnlyList<(string Interface, string Fact)> SysctlLines(string path)
    {
        var facts = new List<(string, string)>();
        foreach (string raw in File.ReadAllLines(path))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            var m = SysctlLine().Match(line);
            Assert.True(m.Success, $"{path}: not a per-interface IPv4/IPv6 sysctl line: {raw}");
            facts.Add((m.Groups["iface"].Value, $"sysctl.d:{m.Groups["key"].Value}={m.Groups["value"].Value}"));
        }

        return facts;
    }

    /// <summary>
    /// What the script changes: every <c>sysctl -w</c> and <c>ip</c> command it runs, as facts; any other sysctl or ip
    /// command that is not a read-only <c>ip -o address show</c> comes back as "unrecognised:LINE" so a test fails on it.
    /// </summary>
    public static IReadOnlyList<string> ScriptFacts(string path)
    {
        var facts = new List<string>();
        foreach (string raw in File.ReadAllLines(path))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line[0] == '#' || line.StartsWith("echo ", StringComparison.Ordinal) || !CommandWord().IsMatch(line))
            {
                continue;
            }

            if (ScriptSysctl().Match(line) is { Success: true } s)
            {
                facts.Add($"sysctl:{s.Groups["key"].Value}={s.Groups["value"].Value}");
            }
            else if (ScriptIpLink().Match(line) is { Success: true } l)
            {
                string[] words = l.Groups["args"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                for (int i = 0; i < words.Length; i++)
                {
                    facts.Add(words[i] is "up" or "down" ? $"ip-link:{words[i]}" : $"ip-link:{words[i]} {words[++i]}");
                }
            }
            else if (ScriptAddressFlush().IsMatch(line))
            {
                facts.Add("ip-address:flush");
            }
            else if (!ScriptAddressShow().IsMatch(line))
            {
                facts.Add($"unrecognised:{line}");
            }
        }

        return facts;
    }

    [GeneratedRegex(@"^net\.ipv[46]\.conf\.(?<iface>[A-Za-z0-9_.-]+)\.(?<key>[a-z0-9_]+)\s*=\s*(?<value>-?[0-9]+)$")]
    private static partial Regex SysctlLine();

    [GeneratedRegex(@"(^|[\s(])(sysctl|ip)\s")]
    private static partial Regex CommandWord();

    [GeneratedRegex("^sysctl -q -w \"net/ipv6/conf/\\$iface/(?<key>[a-z0-9_]+)=(?<value>-?[0-9]+)\"$")]
    private static partial Regex ScriptSysctl();

    [GeneratedRegex("^ip link set dev \"\\$iface\" (?<args>[a-z ]+)$")]
    private static partial Regex ScriptIpLink();

    [GeneratedRegex("^ip address flush dev \"\\$iface\"$")]
    private static partial Regex ScriptAddressFlush();

    [GeneratedRegex("^left=\\$\\(ip -o address show dev \"\\$iface\"\\)$")]
    private static partial Regex ScriptAddressShow();
}
