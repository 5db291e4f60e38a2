using Edge.IoModule;
using static EdgeSensor.Tests.IoModule.IoModuleFixtures;

namespace EdgeSensor.Tests.IoModule;

/// <summary>The firmware's logic: lamp test, SetOutputs, heartbeat fault and recovery, bad frames, Status frames.</summary>
public class ModuleStateMachineTests
{
    private static byte _sequence = 1;

    internal static byte[] MakeSetOutputs(bool relay, bool failSafe, ushort timeoutMs = 0, LedPattern run = LedPattern.On, LedPattern net = LedPattern.BlinkSlow, byte? sequence = null)
    {
        var message = new SetOutputsMessage(run, net, LedPattern.Off, LedPattern.Off, relay, failSafe, timeoutMs);
        return FrameEncoder.Encode(MessageType.SetOutputs, sequence ?? _sequence++, 0, message.ToPayload());
    }

    internal static void Feed(ModuleStateMachine machine, byte[] bytes, long now) => machine.OnReceived(bytes, 0, bytes.Length, now);

    private static LedPattern[] Shown(ModuleStateMachine m) => [m.ShownPattern(Led.Run), m.ShownPattern(Led.Net), m.ShownPattern(Led.Tap), m.ShownPattern(Led.Alarm)];

    private static bool[] Levels(ModuleStateMachine m) => [m.IsLedOn(Led.Run), m.IsLedOn(Led.Net), m.IsLedOn(Led.Tap), m.IsLedOn(Led.Alarm)];

    private static readonly LedPattern[] FaultPattern = [LedPattern.WigWagA, LedPattern.Off, LedPattern.Off, LedPattern.WigWagB];

    [Fact]
    public void LampTest_AllOnForOneSecond_ThenWaiting()
    {
        var m = new ModuleStateMachine(0, 1, 0);
        Assert.All(Levels(m), Assert.True);
        m.Tick(999, false);
        Assert.True(m.LampTestActive);
        Assert.All(Levels(m), Assert.True);
        Assert.False(m.RelayEnergised);

        m.Tick(1000, false);
        Assert.False(m.LampTestActive);
        Assert.Equal([LedPattern.Flash, LedPattern.Off, LedPattern.Off, LedPattern.Off], Shown(m));
        Assert.Equal(StatusFlags.Waiting, m.CurrentStatus().Flags);
        m.Tick(2000, false);
        Assert.True(m.IsLedOn(Led.Run));
        m.Tick(2050, false);
        Assert.False(m.IsLedOn(Led.Run));
    }

    [Fact]
    public void SetOutputs_IsApplied()
    {
        var m = new ModuleStateMachine(0, 1, 0);
        Feed(m, SetOutputsFrame, 1500);
        m.Tick(1500, false);

        Assert.Equal([LedPattern.On, LedPattern.BlinkSlow, LedPattern.Off, LedPattern.Off], Shown(m));
        Assert.Equal([true, false, false, false], Levels(m)); // BlinkSlow is off in [500, 1000) of its period
        m.Tick(2000, false);
        Assert.Equal([true, true, false, false], Levels(m));
        Assert.True(m.RelayEnergised);
        Assert.True(m.FailSafeMode);
        Assert.Equal(5, m.LastSequenceReceived);
        Assert.Equal(3000, m.HeartbeatTimeoutMs);
        Assert.Equal(1, m.FramesApplied);
        Assert.Equal(StatusFlags.FailSafeMode | StatusFlags.RelayEnergised, m.CurrentStatus().Flags);
    }

    [Fact]
    public void Relay_StaysDeEnergisedDuringLampTest()
    {
        var m = new ModuleStateMachine(0, 1, 0);
        Feed(m, MakeSetOutputs(relay: true, failSafe: true), 100);
        m.Tick(100, false);
        Assert.False(m.RelayEnergised);
        Assert.All(Levels(m), Assert.True);
        m.Tick(1000, false);
        Assert.True(m.RelayEnergised);
    }

    [Theory]
    [InlineData(true, true)]   // fail-safe, healthy: energised, must drop
    [InlineData(false, true)]  // fail-safe with alarm: already de-energised
    [InlineData(true, false)]  // normal mode with alarm: energised, must drop
    [InlineData(false, false)] // normal mode, no alarm
    public void MissedHeartbeat_FaultPatternAndRelayDrop(bool relay, bool failSafe)
    {
        var m = new ModuleStateMachine(0, 1, 0);
        Feed(m, MakeSetOutputs(relay, failSafe), 1000);
        m.Tick(3999, false);
        Assert.False(m.InFault);
        Assert.Equal(relay, m.RelayEnergised);

        m.Tick(4000, false);
        Assert.True(m.InFault);
        Assert.False(m.RelayEnergised);
        Assert.Equal(FaultPattern, Shown(m));
        Assert.Equal([true, false, false, false], Levels(m));
        m.Tick(4250, false);
        Assert.Equal([false, false, false, true], Levels(m));
        Assert.True(m.CurrentStatus().Fault);
        Assert.True(m.StatusDue);
    }

    [Fact]
    public void Fault_WithoutAnyFrameSinceStart()
    {
        var m = new ModuleStateMachine(10_000, 1, 0);
        m.Tick(12_999, false);
        Assert.False(m.InFault);
        m.Tick(13_000, false);
        Assert.True(m.InFault);
        Assert.Equal(FaultPattern, Shown(m));
    }

    [Fact]
    public void Fault_LeftOnTheNextValidSetOutputs()
    {
        var m = new ModuleStateMachine(0, 1, 0);
        Feed(m, MakeSetOutputs(relay: true, failSafe: true, run: LedPattern.On, net: LedPattern.On), 1000);
        m.Tick(5000, false);
        Assert.True(m.InFault);
        m.TakeStatusFrame(new byte[IoProtocol.MaxEncodedFrameLength], 0);

        // A bad frame does not end the fault.
        Feed(m, BadCrc, 5100);
        m.Tick(5100, false);
        Assert.True(m.InFault);

        Feed(m, MakeSetOutputs(relay: true, failSafe: true, run: LedPattern.On, net: LedPattern.On), 5200);
        m.Tick(5200, false);
        Assert.False(m.InFault);
        Assert.True(m.RelayEnergised);
        Assert.Equal([LedPattern.On, LedPattern.On, LedPattern.Off, LedPattern.Off], Shown(m));
        Assert.True(m.StatusDue);
        Assert.False(m.CurrentStatus().Fault);
    }

    [Theory]
    [InlineData(5000, 5000)]
    [InlineData(0, ModuleTiming.DefaultHeartbeatTimeoutMs)]
    [InlineData(200, ModuleTiming.MinHeartbeatTimeoutMs)]
    [InlineData(65000, ModuleTiming.MaxHeartbeatTimeoutMs)]
    public void HeartbeatTimeout_FromSetOutputs(int requested, int effective)
    {
        var m = new ModuleStateMachine(0, 1, 0);
        Feed(m, MakeSetOutputs(relay: false, failSafe: false, timeoutMs: (ushort)requested), 2000);
        Assert.Equal(effective, m.HeartbeatTimeoutMs);
        m.Tick(2000 + effective - 1, false);
        Assert.False(m.InFault);
        m.Tick(2000 + effective, false);
        Assert.True(m.InFault);
    }

    [Fact]
    public void BadFrames_AreCounted_AndDoNotFeedTheHeartbeat()
    {
        var m = new ModuleStateMachine(0, 1, 0);
        Feed(m, SetOutputsFrame, 1000);
        Feed(m, Concat(BadCrc, BadField, UnknownType, StatusFrame, BadVersion), 2000);
        Assert.Equal(5, m.BadFrames);
        Assert.Equal(1, m.FramesApplied);
        m.Tick(4000, false);
        Assert.True(m.InFault);
        Assert.Equal(5, m.CurrentStatus().BadFrames);
    }

    [Fact]
    public void StatusFrames_RepliesAndPeriodic()
    {
        var m = new ModuleStateMachine(0, 2, 7);
        var buffer = new byte[IoProtocol.MaxEncodedFrameLength];
        m.Tick(0, false);
        Assert.Equal(0, m.TakeStatusFrame(buffer, 0));

        Feed(m, SetOutputsFrame, 1500);
        m.Tick(1500, false);
        int length = m.TakeStatusFrame(buffer, 0);
        Assert.True(length > 0);
        Assert.Equal(0, m.TakeStatusFrame(buffer, 0));

        var decoder = new FrameDecoder();
        Assert.Equal(FrameStatus.Ok, decoder.Push(buffer, 0, length, out _));
        Assert.Equal(MessageType.Status, decoder.Frame.Type);
        Assert.Equal(0, decoder.Frame.Sequence);
        Assert.Equal(5, decoder.Frame.Ack);
        Assert.True(StatusMessage.TryRead(decoder.Frame.Payload, out var status));
        Assert.Equal((2, 7, 5, 1u), (status.FirmwareMajor, status.FirmwareMinor, status.LastSequenceReceived, status.UptimeSeconds));

        m.Tick(2499, false);
        Assert.False(m.StatusDue);
        m.Tick(2500, false);
        Assert.True(m.StatusDue);
        length = m.TakeStatusFrame(buffer, 0);
        Assert.Equal(FrameStatus.Ok, decoder.Push(buffer, 0, length, out _));
        Assert.Equal(1, decoder.Frame.Sequence);
    }
}
