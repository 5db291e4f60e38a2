using System.Globalization;
using Edge.Contracts.Lifecycle;

namespace EdgeSensor.Health;

/// <summary>
/// The sensor's health alerts as a small state machine over successive <see cref="HealthReading"/>s, with time given
/// by the caller (tests drive it with a clock they control):
/// <list type="bullet">
/// <item>"no-traffic": the frame counter has not moved for <see cref="HealthAlertOptions.NoTraffic"/>; clears on the next frame;</item>
/// <item>"capture-drops": the kernel's or the interface's drop counters grew since the previous reading; clears after
/// <see cref="HealthAlertOptions.DropsQuiet"/> without a drop;</item>
/// <item>"disk-low" and "memory-high": a fraction over its threshold; clears inside the clear threshold.</item>
/// </list>
/// <see cref="Update"/> returns what was raised and cleared (each once); <see cref="Active"/> is what stands now.
/// Not thread-safe: the owner serialises the calls.
/// </summary>
public sealed class HealthAlerts(HealthAlertOptions options)
{
    private readonly Dictionary<string, HealthAlert> _active = new(StringComparer.Ordinal);
    private readonly List<HealthAlertChange> _changes = [];

    private long _lastFrames = -1;
    private DateTimeOffset _lastFrameChange;
    private long _lastDrops;
    private long _dropsBefore;
    private DateTimeOffset _lastDropGrowth;

    /// <summary>The alerts standing now, oldest first.</summary>
    public IReadOnlyList<HealthAlert> Active =>
        [.. _active.Values.OrderBy(a => a.Since).ThenBy(a => a.Code, StringComparer.Ordinal)];

    public IReadOnlyList<HealthAlertChange> Update(in HealthReading reading, DateTimeOffset now)
    {
        _changes.Clear();
        Traffic(reading.Frames, now);
        Drops(reading.KernelDropped, reading.InterfaceDropped, now);
        Disk(reading.DiskFreeBytes, reading.DiskTotalBytes, now);
        Memory(reading.MemoryBytes, reading.MemoryLimitBytes, now);
        return _changes.Count == 0 ? [] : [.. _changes];
    }

    private void Traffic(long? frames, DateTimeOffset now)
    {
        if (frames is not { } count)
        {
            // Not counting (no live capture yet, or any more): nothing to judge.
            _lastFrames = -1;
            Clear(HealthAlertCodes.NoTraffic, now);
            return;
        }

        if (count != _lastFrames)
        {
            // The first reading starts the count; the quiet is measured from it.
            _lastFrames = count;
            _lastFrameChange = now;
            Clear(HealthAlertCodes.NoTraffic, now);
            return;
        }

        TimeSpan quiet = now - _lastFrameChange;
        if (quiet >= options.NoTraffic)
        {
            Set(HealthAlertCodes.NoTraffic, _lastFrameChange, now,
                Invariant($"no frame from the tap for {quiet.TotalSeconds:0} s (the last at {_lastFrameChange:HH:mm:ss} UTC)"));
        }
    }

    private void Drops(long? kernel, long? nic, DateTimeOffset now)
    {
        if (kernel is null && nic is null)
        {
            _lastDrops = 0;
            Clear(HealthAlertCodes.CaptureDrops, now);
            return;
        }

        long total = (kernel ?? 0) + (nic ?? 0);
        if (total < _lastDrops)
        {
            // The counters restarted (capture reopened): count from them.
            _lastDrops = total;
            return;
        }

        if (total > _lastDrops)
        {
            if (!_active.ContainsKey(HealthAlertCodes.CaptureDrops))
            {
                _dropsBefore = _lastDrops;
            }

            _lastDrops = total;
            _lastDropGrowth = now;
            HealthAlert? standing = _active.GetValueOrDefault(HealthAlertCodes.CaptureDrops);
            DateTimeOffset since = standing?.Since ?? now;
            Set(HealthAlertCodes.CaptureDrops, since, now, Invariant(
                $"{total - _dropsBefore} frames lost since {since:HH:mm:ss} UTC; since capture started the kernel dropped {kernel?.ToString(CultureInfo.InvariantCulture) ?? "?"}, the interface {nic?.ToString(CultureInfo.InvariantCulture) ?? "?"}"));
            return;
        }

        if (now - _lastDropGrowth >= options.DropsQuiet)
        {
            Clear(HealthAlertCodes.CaptureDrops, now);
        }
    }

    private void Disk(long? free, long? total, DateTimeOffset now)
    {
        if (free is not { } f || total is not { } t || t <= 0)
        {
            return;
        }

        double fraction = (double)f / t;
        if (fraction < options.DiskLowFree)
        {
            Set(HealthAlertCodes.DiskLow, now, now, Invariant($"{fraction:P1} free on the state's disk ({Bytes(f)} of {Bytes(t)})"));
        }
        else if (fraction >= options.DiskClearFree)
        {
            Clear(HealthAlertCodes.DiskLow, now);
        }
    }

    private void Memory(long? resident, long? limit, DateTimeOffset now)
    {
        if (resident is not { } r || limit is not { } l || l <= 0)
        {
            return;
        }

        double fraction = (double)r / l;
        if (fraction > options.MemoryHigh)
        {
            Set(HealthAlertCodes.MemoryHigh, now, now, Invariant($"{Bytes(r)} resident of a {Bytes(l)} cap ({fraction:P1})"));
        }
        else if (fraction <= options.MemoryClear)
        {
            Clear(HealthAlertCodes.MemoryHigh, now);
        }
    }

    /// <summary>Raises the alert, or refreshes the detail of one already standing (keeping when it began).</summary>
    private void Set(string code, DateTimeOffset since, DateTimeOffset now, string detail)
    {
        if (_active.TryGetValue(code, out HealthAlert? standing))
        {
            _active[code] = standing with { Detail = detail };
            return;
        }

        var alert = new HealthAlert { Code = code, Since = since, Detail = detail };
        _active[code] = alert;
        _changes.Add(new HealthAlertChange(alert, Raised: true, now));
    }

    private void Clear(string code, DateTimeOffset now)
    {
        if (_active.Remove(code, out HealthAlert? alert))
        {
            _changes.Add(new HealthAlertChange(alert, Raised: false, now));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Binary units, as free(1) and the kernel print them.</summary>
    internal static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => Invariant($"{bytes / (double)(1L << 30):0.0} GiB"),
        >= 1L << 20 => Invariant($"{bytes / (double)(1L << 20):0} MiB"),
        >= 1L << 10 => Invariant($"{bytes / (double)(1L << 10):0} KiB"),
        _ => Invariant($"{bytes} B"),
    };
}
