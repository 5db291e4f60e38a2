using System.Globalization;

namespace EdgeSensor.Capture;

/// <summary>
/// Frames a network interface dropped before the kernel's capture saw them, counted from when this counter was made:
/// the interface's <c>rx_missed_errors</c> + <c>rx_fifo_errors</c> under <c>/sys/class/net/&lt;if&gt;/statistics</c>,
/// which is how libpcap counts <c>ps_ifdrop</c> on Linux (pcap-linux.c, <c>linux_if_drops</c>). SharpPcap 6.3 always
/// reports 0 for it, so the sensor reads the files itself. A missing or unreadable file gives null, never an exception.
/// </summary>
public sealed class InterfaceDropCounter
{
    private static readonly string[] Counters = ["rx_missed_errors", "rx_fifo_errors"];

    private readonly string? _directory;
    private long? _last;
    private long _total;

    public InterfaceDropCounter(string interfaceName, string sysClassNet = "/sys/class/net")
    {
        // An interface name is one path segment (IFNAMSIZ 16); anything else would read outside its folder.
        _directory = interfaceName.Length is > 0 and <= 16 && interfaceName.IndexOfAny(['/', '\0']) < 0 && interfaceName is not ("." or "..")
            ? Path.Combine(sysClassNet, interfaceName, "statistics")
            : null;
        _last = ReadRaw();
    }

    /// <summary>Drops since the counter was made; null when the interface's statistics cannot be read now.</summary>
    public long? Read()
    {
        long? now = ReadRaw();
        if (now is not { } value)
        {
            return null;
        }

        // A counter that went down was reset (the interface was re-created): count from its new zero.
        _total += _last is { } last && value >= last ? value - last : _last is null ? 0 : value;
        _last = value;
        return _total;
    }

    private long? ReadRaw()
    {
        if (_directory is null)
        {
            return null;
        }

        long sum = 0;
        bool any = false;
        foreach (string counter in Counters)
        {
            if (ReadCounter(Path.Combine(_directory, counter)) is { } value)
            {
                sum += value;
                any = true;
            }
        }

        return any ? sum : null;
    }

    private static long? ReadCounter(string path)
    {
        try
        {
            string text = File.ReadAllText(path).Trim();
            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value) ? value : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
