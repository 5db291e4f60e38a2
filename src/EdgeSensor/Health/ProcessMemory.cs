using System.Globalization;

namespace EdgeSensor.Health;

/// <summary>
/// The process's resident memory from <c>/proc/self/status</c>: the <c>VmRSS:</c> line, in kB as the kernel
/// writes it (proc(5)). A missing file, a missing line or a number that does not parse gives null.
/// </summary>
public static class ProcessMemory
{
    public const string DefaultStatusPath = "/proc/self/status";

    /// <summary>Bigger than any status file; a file that is bigger is not one.</summary>
    private const int MaxStatusBytes = 64 * 1024;

    public static long? ResidentBytes(string statusPath = DefaultStatusPath)
    {
        string? text = SmallFile.Read(statusPath, MaxStatusBytes);
        if (text is null)
        {
            return null;
        }

        foreach (string line in text.Split('\n'))
        {
            if (!line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                continue;
            }

            // "VmRSS:\t   12345 kB"
            string[] parts = line["VmRSS:".Length..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && parts[1] == "kB"
                && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long kb) && kb <= long.MaxValue / 1024)
            {
                return kb * 1024;
            }

            return null;
        }

        return null;
    }
}
