using EdgeSensor.Hosting;
using EdgeSensor.Pipeline;
using EdgeSensor.Status;

namespace EdgeSensor.Tests.Status;

/// <summary>How the running sensor's state becomes the lights' inputs: tap traffic, a stuck capture loop, the uplink, alarms.</summary>
public sealed class SensorStatusReaderTests
{
    private static SensorRuntime Runtime(bool live) => new(new SensorConfig
    {
        Site = "plant1",
        SensorId = "cabinet-7",
        Capture = live ? new CaptureConfig { Interface = "eth1" } : new CaptureConfig { File = "x.pcap" },
        LearningSeconds = 60,
    }, _ => { });

    [Fact]
    public void Booting_until_capture_starts_then_tap_follows_the_frame_counter()
    {
        var runtime = Runtime(live: false);   // a replay: no stall check, so a minute of silence is only the tap
        var reader = new SensorStatusReader(runtime);
        Assert.Equal(BootStage.Booting, reader.Read(0).Stage);
        Assert.Null(reader.Read(0).SecondsSinceLastFrame);

        var counters = new DecodeCounters();
        runtime.Counters = counters;
        var first = reader.Read(1000);
        Assert.Equal(BootStage.Running, first.Stage);
        Assert.True(first.SecondsSinceLastFrame > 1, "frames counted before the first reading are not traffic now");
        counters.Frames = 10;
        Assert.Equal(0, reader.Read(1500).SecondsSinceLastFrame);
        Assert.Equal(Edge.IoModule.LedPattern.On, LedStateAt(reader.Read(2000)));       // 0.5 s ago
        Assert.Equal(Edge.IoModule.LedPattern.BlinkFast, LedStateAt(reader.Read(61_500))); // 60 s of silence
        counters.Frames = 11;
        Assert.Equal(Edge.IoModule.LedPattern.On, LedStateAt(reader.Read(61_600)));
    }

    [Fact]
    public void A_live_capture_loop_that_stops_turning_is_a_fault()
    {
        var runtime = Runtime(live: true);
        runtime.Counters = new DecodeCounters();
        var reader = new SensorStatusReader(runtime);
        Assert.False(reader.Read(0).Fault);
        Volatile.Write(ref runtime.Heartbeat, 5);
        Assert.False(reader.Read(20_000).Fault);
        Assert.False(reader.Read(49_999).Fault);
        Assert.True(reader.Read(50_000).Fault);
        Volatile.Write(ref runtime.Heartbeat, 6);
        Assert.False(reader.Read(50_025).Fault);
    }

    [Fact]
    public void A_replay_waiting_for_its_next_frame_is_not_stuck_but_a_capture_error_is_a_fault()
    {
        var runtime = Runtime(live: false);
        runtime.Counters = new DecodeCounters();
        var reader = new SensorStatusReader(runtime);
        Assert.False(reader.Read(0).Fault);
        Assert.False(reader.Read(600_000).Fault);
        runtime.Fault = "capture error on x.pcap";
        Assert.True(reader.Read(600_025).Fault);
    }

    [Fact]
    public void Uplink_alarms_and_learning_come_from_the_runtime()
    {
        var runtime = Runtime(live: true);
        var reader = new SensorStatusReader(runtime);
        Assert.Equal(UplinkLight.NotConfigured, reader.Read(0).Uplink);
        runtime.UplinkLight = () => (UplinkLight.Down, 0.9);
        runtime.Alarms.Update("i1", 70, open: true);
        var s = reader.Read(0);
        Assert.Equal((UplinkLight.Down, 0.9, 70, true), (s.Uplink, s.OutboxFill, s.UnacknowledgedScore, s.Learning));
    }

    private static Edge.IoModule.LedPattern LedStateAt(StatusInputs inputs) => StatusLights.Compute(inputs, new StatusOptions()).Tap;
}
