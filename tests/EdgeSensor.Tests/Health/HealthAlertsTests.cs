using Edge.Contracts.Lifecycle;
using EdgeSensor.Health;

namespace EdgeSensor.Tests.Health;

/// <summary>The health alerts' raise and clear rules, driven reading by reading with a clock the test sets.</summary>
public sealed class HealthAlertsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 20, 0, 0, TimeSpan.Zero);

    private readonly HealthAlerts _alerts = new(new HealthAlertOptions { NoTraffic = TimeSpan.FromSeconds(60), DropsQuiet = TimeSpan.FromSeconds(60) });

    [Fact]
    public void No_traffic_rises_once_after_the_configured_quiet_and_clears_on_the_next_frame()
    {
        Assert.Empty(Update(T0, frames: 100));
        Assert.Empty(Update(T0.AddSeconds(30), frames: 150));      // traffic: the quiet starts again at 30 s
        Assert.Empty(Update(T0.AddSeconds(85), frames: 150));      // 55 s quiet: not yet

        HealthAlertChange raised = Assert.Single(Update(T0.AddSeconds(90), frames: 150));
        Assert.True(raised.Raised);
        Assert.Equal((HealthAlertCodes.NoTraffic, T0.AddSeconds(30)), (raised.Alert.Code, raised.Alert.Since));
        Assert.Contains("for 60 s", raised.Alert.Detail, StringComparison.Ordinal);

        // Still quiet: no second raise, but the detail follows the quiet.
        Assert.Empty(Update(T0.AddSeconds(120), frames: 150));
        HealthAlert standing = Assert.Single(_alerts.Active);
        Assert.Contains("for 90 s", standing.Detail, StringComparison.Ordinal);
        Assert.Equal(T0.AddSeconds(30), standing.Since);

        HealthAlertChange cleared = Assert.Single(Update(T0.AddSeconds(125), frames: 151));
        Assert.False(cleared.Raised);
        Assert.Equal((HealthAlertCodes.NoTraffic, T0.AddSeconds(125)), (cleared.Alert.Code, cleared.At));
        Assert.Empty(_alerts.Active);
        Assert.Empty(Update(T0.AddSeconds(130), frames: 151));
    }

    [Fact]
    public void No_traffic_is_only_judged_while_a_live_capture_counts()
    {
        Assert.Empty(Update(T0, frames: null));
        Assert.Empty(Update(T0.AddHours(1), frames: null));

        // The quiet is measured from the first count, not from before capture started.
        Assert.Empty(Update(T0.AddHours(2), frames: 0));
        Assert.Empty(Update(T0.AddHours(2).AddSeconds(59), frames: 0));
        Assert.True(Assert.Single(Update(T0.AddHours(2).AddSeconds(60), frames: 0)).Raised);

        // Counting stops (capture ended): the alert goes rather than standing forever.
        Assert.False(Assert.Single(Update(T0.AddHours(3), frames: null)).Raised);
    }

    [Fact]
    public void Capture_drops_rise_when_the_counters_grow_and_clear_after_a_quiet_minute()
    {
        Assert.Empty(Update(T0, frames: 1, kernel: 0, nic: 0));
        Assert.Empty(Update(T0.AddSeconds(5), frames: 2, kernel: 0, nic: 0));

        HealthAlertChange raised = Assert.Single(Update(T0.AddSeconds(10), frames: 3, kernel: 7, nic: 1));
        Assert.Equal((HealthAlertCodes.CaptureDrops, T0.AddSeconds(10), true), (raised.Alert.Code, raised.Alert.Since, raised.Raised));
        Assert.StartsWith("8 frames lost since 20:00:10 UTC", raised.Alert.Detail, StringComparison.Ordinal);

        // Growing again: the same alert, its count updated from when it began.
        Assert.Empty(Update(T0.AddSeconds(40), frames: 4, kernel: 20, nic: 1));
        Assert.StartsWith("21 frames lost since 20:00:10 UTC", Assert.Single(_alerts.Active).Detail, StringComparison.Ordinal);

        Assert.Empty(Update(T0.AddSeconds(99), frames: 5, kernel: 20, nic: 1));   // 59 s without a drop
        HealthAlertChange cleared = Assert.Single(Update(T0.AddSeconds(100), frames: 6, kernel: 20, nic: 1));
        Assert.Equal((HealthAlertCodes.CaptureDrops, false), (cleared.Alert.Code, cleared.Raised));

        // New drops after the clear: a new alert, counting only them.
        HealthAlertChange again = Assert.Single(Update(T0.AddSeconds(200), frames: 7, kernel: 23, nic: 1));
        Assert.True(again.Raised);
        Assert.StartsWith("3 frames lost since 20:03:20 UTC", again.Alert.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Drops_unknown_for_a_file_replay_raise_nothing_and_restarted_counters_are_not_drops()
    {
        Assert.Empty(Update(frames: null, now: T0, kernel: null, nic: null));
        Assert.True(Assert.Single(Update(frames: null, now: T0.AddSeconds(5), kernel: 50, nic: null)).Raised);   // (reopened live capture) ...
        Assert.Empty(Update(frames: null, now: T0.AddSeconds(10), kernel: 2, nic: null));   // ... whose counters restarted: no new drop
        Assert.Empty(Update(frames: null, now: T0.AddSeconds(15), kernel: 2, nic: null));
        Assert.False(Assert.Single(Update(frames: null, now: T0.AddSeconds(65), kernel: 2, nic: null)).Raised);
    }

    [Fact]
    public void Disk_low_rises_under_five_percent_and_clears_at_six()
    {
        const long total = 10_000_000_000;
        Assert.Empty(Update(T0, diskFree: 600_000_000, diskTotal: total));
        HealthAlertChange raised = Assert.Single(Update(T0.AddSeconds(5), diskFree: 450_000_000, diskTotal: total));
        Assert.Equal((HealthAlertCodes.DiskLow, "4.5 % free on the state's disk (429 MiB of 9.3 GiB)"), (raised.Alert.Code, raised.Alert.Detail));

        Assert.Empty(Update(T0.AddSeconds(10), diskFree: 550_000_000, diskTotal: total));   // 5.5 %: inside the band, stays
        Assert.Single(_alerts.Active);
        Assert.Empty(Update(T0.AddSeconds(15), diskFree: null, diskTotal: null));            // unreadable: stays
        Assert.False(Assert.Single(Update(T0.AddSeconds(20), diskFree: 600_000_000, diskTotal: total)).Raised);
    }

    [Fact]
    public void Memory_high_rises_over_ninety_percent_of_the_cap_and_clears_at_eighty_five()
    {
        const long cap = 256L << 20;
        Assert.Empty(Update(T0, memory: 230L << 20, limit: cap));                 // 89.8 %
        HealthAlertChange raised = Assert.Single(Update(T0.AddSeconds(5), memory: 240L << 20, limit: cap));
        Assert.Equal((HealthAlertCodes.MemoryHigh, "240 MiB resident of a 256 MiB cap (93.8 %)"), (raised.Alert.Code, raised.Alert.Detail));
        Assert.Empty(Update(T0.AddSeconds(10), memory: 225L << 20, limit: cap));  // 87.9 %: stays
        Assert.Empty(Update(T0.AddSeconds(15), memory: 250L << 20, limit: null)); // no cap known now: stays as it was
        Assert.False(Assert.Single(Update(T0.AddSeconds(20), memory: 200L << 20, limit: cap)).Raised);

        // Without a cap, any amount of memory is not "high".
        Assert.Empty(Update(T0.AddSeconds(25), memory: long.MaxValue, limit: null));
    }

    [Fact]
    public void Active_alerts_are_listed_oldest_first()
    {
        Update(T0, frames: 1);
        Update(T0.AddSeconds(10), frames: 2);
        Update(T0.AddSeconds(40), frames: 2, memory: 95, limit: 100);
        Update(T0.AddSeconds(70), frames: 2, memory: 95, limit: 100, diskFree: 1, diskTotal: 100);

        Assert.Equal([HealthAlertCodes.NoTraffic, HealthAlertCodes.MemoryHigh, HealthAlertCodes.DiskLow],
            _alerts.Active.Select(a => a.Code));
    }

    private IReadOnlyList<HealthAlertChange> Update(DateTimeOffset now, long? frames = 1, long? kernel = 0, long? nic = 0,
        long? memory = null, long? limit = null, long? diskFree = null, long? diskTotal = null) =>
        _alerts.Update(new HealthReading(frames, kernel, nic, memory, limit, diskFree, diskTotal), now);
}
