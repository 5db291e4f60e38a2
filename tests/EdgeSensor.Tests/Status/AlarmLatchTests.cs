using EdgeSensor.Status;

namespace EdgeSensor.Tests.Status;

public sealed class AlarmLatchTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 8, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_open_incident_raises_the_alarm_until_acknowledged_with_who_and_when()
    {
        var latch = new AlarmLatch();
        var acks = new List<Acknowledgement>();
        latch.Acknowledged += acks.Add;
        latch.Update("i1", 85, open: true);
        Assert.Equal(85, latch.UnacknowledgedScore);

        Assert.True(latch.Acknowledge("i1", "alice (dashboard)", At));
        Assert.Equal(0, latch.UnacknowledgedScore);
        Assert.Equal([new Acknowledgement("i1", "alice (dashboard)", At)], acks);
        Assert.False(latch.Acknowledge("i1", "bob", At));          // already acknowledged
        Assert.False(latch.Acknowledge("nope", "bob", At));        // not open here
        Assert.Single(acks);
    }

    [Fact]
    public void A_new_version_in_the_same_band_stays_quiet_a_higher_band_alarms_again()
    {
        var latch = new AlarmLatch();
        latch.Update("i1", 62, open: true);
        latch.Acknowledge("i1", "alice", At);
        latch.Update("i1", 75, open: true);     // still high
        Assert.Equal(0, latch.UnacknowledgedScore);
        latch.Update("i1", 90, open: true);     // critical now
        Assert.Equal(90, latch.UnacknowledgedScore);
    }

    [Fact]
    public void A_new_incident_alarms_while_an_old_one_is_acknowledged_and_closing_clears_it()
    {
        var latch = new AlarmLatch();
        latch.Update("i1", 90, open: true);
        latch.Acknowledge("i1", "alice", At);
        latch.Update("i2", 40, open: true);
        Assert.Equal(40, latch.UnacknowledgedScore);
        latch.Update("i2", 40, open: false);
        Assert.Equal(0, latch.UnacknowledgedScore);
        Assert.Equal(1, latch.OpenCount);
    }

    [Fact]
    public void The_button_acknowledges_everything_open()
    {
        var latch = new AlarmLatch();
        latch.Update("i1", 90, open: true);
        latch.Update("i2", 50, open: true);
        latch.Update("i3", 70, open: true);
        latch.Acknowledge("i3", "alice", At);
        Assert.Equal(2, latch.AcknowledgeAll(StatusService.ButtonActor, At));
        Assert.Equal(0, latch.UnacknowledgedScore);
    }

    [Fact]
    public void It_is_bounded_and_forgets_the_lowest_scored()
    {
        var latch = new AlarmLatch();
        latch.Update("low", 1, open: true);
        for (int i = 0; i < AlarmLatch.Capacity; i++)
        {
            latch.Update($"i{i}", 50, open: true);
        }

        Assert.Equal(AlarmLatch.Capacity, latch.OpenCount);
        Assert.False(latch.Acknowledge("low", "x", At));
    }
}
