using System.Globalization;

namespace EdgeSensor.Health;

/// <summary>
/// The memory cap that applies to this process under cgroup v2: its cgroup comes from the <c>0::/path</c> line of
/// <c>/proc/self/cgroup</c>, and the cap is the lowest <c>memory.max</c> on the way from that cgroup up to the root
/// (a parent's cap binds its children; "max" is no cap). Null when there is no cap, no cgroup v2 (a v1-only
/// system), or the files cannot be read.
/// </summary>
public static class CgroupMemory
{
    public const string DefaultProcCgroup = "/proc/self/cgroup";

    public const string DefaultCgroupRoot = "/sys/fs/cgroup";

    private const int MaxFileBytes = 16 * 1024;

    public static long? LimitBytes(string procCgroup = DefaultProcCgroup, string cgroupRoot = DefaultCgroupRoot)
    {
        if (CgroupPath(procCgroup) is not { } path)
        {
            return null;
        }

        long? lowest = null;
        string[] segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (int depth = segments.Length; depth >= 0; depth--)
        {
            string directory = Path.Combine([cgroupRoot, .. segments.AsSpan(0, depth)]);
            if (Limit(Path.Combine(directory, "memory.max")) is { } limit && (lowest is null || limit < lowest))
            {
                lowest = limit;
            }
        }

        return lowest;
    }

    /// <summary>The unified hierarchy's path of this process ("/system.slice/edge-sensor.service"), or null.</summary>
    internal static string? CgroupPath(string procCgroup)
    {
        string? text = SmallFile.Read(procCgroup, MaxFileBytes);
        if (text is null)
        {
            return null;
        }

        foreach (string line in text.Split('\n'))
        {
            if (!line.StartsWith("0::/", StringComparison.Ordinal))
            {
                continue;
            }

            // A cgroup removed while we run shows as "/path (deleted)".
            string path = line[3..].Trim();
            if (path.EndsWith(" (deleted)", StringComparison.Ordinal))
            {
                path = path[..^" (deleted)".Length];
            }

            // The kernel writes a plain absolute path; anything climbing out of the hierarchy is not one.
            return path.Split('/').Any(s => s is "." or "..") || path.Contains('\0', StringComparison.Ordinal) ? null : path;
        }

        return null;
    }

    private static long? Limit(string memoryMax)
    {
        string? text = SmallFile.Read(memoryMax, 64)?.Trim();
        return text is not null && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long bytes) && bytes > 0 ? bytes : null;
    }
}
