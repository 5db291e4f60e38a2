using System.Buffers;
using System.IO.Pipelines;
using Edge.IoModule;
using EdgeSensor.Status.IoModule;

namespace EdgeSensor.Tests.IoModule;

/// <summary>
/// <see cref="IoModuleLink"/> against a scripted module: the test reads the frames the link writes and writes the
/// Status frames it wants the link to see. Time is a <see cref="ManualTimeProvider"/>.
/// </summary>
public sealed class IoModuleLinkTests : IAsyncDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly Pipe _toModule = new();
    private readonly Pipe _toSensor = new();
    private readonly ManualTimeProvider _time = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly IoModuleLink _link;
    private readonly Task _run;
    private readonly FrameDecoder _moduleDecoder = new();
    private byte _statusSequence;

    public IoModuleLinkTests()
    {
        _link = new IoModuleLink(new DuplexPipeStream(_toSensor.Reader, _toModule.Writer), _time);
        _run = _link.RunAsync(_stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run.WaitAsync(Wait);
        _stop.Dispose();
    }

    /// <summary>The next frame the link wrote, decoded.</summary>
    private async Task<(Frame Frame, SetOutputsMessage Message)> NextSetOutputsAsync()
    {
        using var timeout = new CancellationTokenSource(Wait);
        while (true)
        {
            var result = await _toModule.Reader.ReadAsync(timeout.Token);
            byte[] bytes = result.Buffer.ToArray();
            var status = _moduleDecoder.Push(bytes, 0, bytes.Length, out int consumed);
            _toModule.Reader.AdvanceTo(result.Buffer.GetPosition(consumed));
            if (status == FrameStatus.Ok)
            {
                Assert.Equal(MessageType.SetOutputs, _moduleDecoder.Frame.Type);
                Assert.True(SetOutputsMessage.TryRead(_moduleDecoder.Frame.Payload, out var message));
                return (_moduleDecoder.Frame, message);
            }

            Assert.NotEqual(FrameStatus.Malformed, status);
        }
    }

    private bool AnyFrameWaiting() => _toModule.Reader.TryRead(out var r) && Consume(r);

    private bool Consume(ReadResult r)
    {
        bool any = !r.Buffer.IsEmpty;
        _toModule.Reader.AdvanceTo(r.Buffer.Start);
        return any;
    }

    private async Task SendStatusAsync(StatusMessage status, byte[]? raw = null)
    {
        await _toSensor.Writer.WriteAsync(raw ?? FrameEncoder.Encode(MessageType.Status, _statusSequence++, 0, status.ToPayload()));
    }

    private static StatusMessage Status(ButtonEvent e = ButtonEvent.None, byte count = 0, bool fault = false, uint uptime = 10, byte lastSeq = 0) =>
        new(1, 2, fault ? StatusFlags.Fault : StatusFlags.None, e, count, lastSeq, 3, uptime);

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(5);
        }
    }

    [Fact]
    public async Task NothingIsSentBeforeTheFirstSetOutputs()
    {
        _time.Advance(TimeSpan.FromSeconds(3));
        await Task.Delay(50);
        Assert.False(AnyFrameWaiting());
        Assert.Equal(0, _link.Health.FramesSent);
    }

    [Fact]
    public async Task SetOutputs_IsSentAtOnce_WithTheMessageAndIncrementingSequence()
    {
        _link.SetOutputs([LedPattern.On, LedPattern.BlinkSlow, LedPattern.Progress3, LedPattern.Off], relayEnergised: true, failSafe: true);
        var (first, message) = await NextSetOutputsAsync();
        Assert.Equal(new SetOutputsMessage(LedPattern.On, LedPattern.BlinkSlow, LedPattern.Progress3, LedPattern.Off, true, true, 3000), message);

        _link.SetOutputs([LedPattern.On, LedPattern.BlinkSlow, LedPattern.Progress3, LedPattern.On], relayEnergised: false, failSafe: true);
        var (second, changed) = await NextSetOutputsAsync();
        Assert.Equal(LedPattern.On, changed.Alarm);
        Assert.False(changed.RelayEnergised);
        Assert.Equal((byte)(first.Sequence + 1), second.Sequence);
        await WaitUntil(() => _link.Health.FramesSent == 2);
        Assert.Equal(second.Sequence, _link.Health.LastSequenceSent);
    }

    [Fact]
    public async Task UnchangedOutputs_GoOnlyWithTheHeartbeat_EverySecond()
    {
        LedPattern[] patterns = [LedPattern.On, LedPattern.Off, LedPattern.Off, LedPattern.Off];
        _link.SetOutputs(patterns, false, false);
        await NextSetOutputsAsync();
        _link.SetOutputs(patterns, false, false);
        await Task.Delay(50);
        Assert.False(AnyFrameWaiting());

        for (int second = 1; second <= 3; second++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(999));
            await Task.Delay(20);
            Assert.False(AnyFrameWaiting());
            _time.Advance(TimeSpan.FromMilliseconds(1));
            var (_, message) = await NextSetOutputsAsync();
            Assert.Equal(LedPattern.On, message.Run);
        }
    }

    [Fact]
    public void SetOutputs_RejectsAWrongNumberOfPatterns()
    {
        Assert.Throws<ArgumentException>(() => _link.SetOutputs([LedPattern.On], false, false));
        Assert.Throws<ArgumentOutOfRangeException>(() => _link.SetOutputs([LedPattern.On, LedPattern.On, LedPattern.On, (LedPattern)99], false, false));
    }

    [Fact]
    public async Task ButtonEvent_RaisedOncePerCounterChange()
    {
        var events = new List<IoModuleButtonEventArgs>();
        _link.ButtonEvent += (_, e) => { lock (events) { events.Add(e); } };

        await SendStatusAsync(Status(ButtonEvent.ShortPress, count: 4));   // baseline: happened before the link
        await SendStatusAsync(Status(ButtonEvent.ShortPress, count: 4));
        await SendStatusAsync(Status(ButtonEvent.LongPressArmed, count: 5));
        await SendStatusAsync(Status(ButtonEvent.LongPressArmed, count: 5)); // a periodic repeat
        await SendStatusAsync(Status(ButtonEvent.Cancelled, count: 7));      // the Status with count 6 was lost
        await WaitUntil(() => _link.Health.StatusFrames == 5);

        lock (events)
        {
            Assert.Equal([ButtonEvent.LongPressArmed, ButtonEvent.Cancelled], events.Select(e => e.Event));
            Assert.Equal([0, 1], events.Select(e => e.MissedBefore));
        }

        Assert.Equal(1, _link.Health.MissedButtonEvents);
    }

    [Fact]
    public async Task ModuleRestart_IsCounted_AndItsFirstEventRaised()
    {
        var events = new List<ButtonEvent>();
        _link.ButtonEvent += (_, e) => { lock (events) { events.Add(e.Event); } };
        await SendStatusAsync(Status(ButtonEvent.ShortPress, count: 9, uptime: 500));
        await SendStatusAsync(Status(ButtonEvent.ShortPress, count: 1, uptime: 2));
        await WaitUntil(() => _link.Health.StatusFrames == 2);
        Assert.Equal(1, _link.Health.ModuleRestarts);
        lock (events)
        {
            Assert.Equal([ButtonEvent.ShortPress], events);
        }
    }

    [Fact]
    public async Task Health_StatusAgeStaleFaultAndCounters()
    {
        Assert.True(_link.Health.Stale);
        Assert.Null(_link.Health.StatusAge);
        Assert.False(_link.Health.Up);

        await SendStatusAsync(Status(lastSeq: 9));
        await WaitUntil(() => _link.Health.StatusFrames == 1);
        var health = _link.Health;
        Assert.True(health.Up);
        Assert.Equal("1.2", health.FirmwareVersion);
        Assert.Equal(3, health.ModuleBadFrames);
        Assert.Equal(9, health.LastSequenceAcknowledged);
        Assert.Equal(TimeSpan.Zero, health.StatusAge);

        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.False(_link.Health.Stale);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(_link.Health.Stale);
        Assert.False(_link.Health.Up);
        Assert.Equal(TimeSpan.FromMilliseconds(3001), _link.Health.StatusAge);

        await SendStatusAsync(Status(fault: true));
        await WaitUntil(() => _link.Health.StatusFrames == 2);
        Assert.True(_link.Health.ModuleFault);
        Assert.False(_link.Health.Up);
    }

    [Fact]
    public async Task BadFramesFromTheModule_AreCounted_AndSkipped()
    {
        byte[] wrongDirection = FrameEncoder.Encode(MessageType.SetOutputs, 1, 0, IoModuleFixtures.SetOutputsSample.ToPayload());
        await SendStatusAsync(default, IoModuleFixtures.Concat(IoModuleFixtures.Hex("00 11 22"), IoModuleFixtures.BadCrc, wrongDirection));
        await SendStatusAsync(Status());
        await WaitUntil(() => _link.Health.StatusFrames == 1);
        Assert.Equal(2, _link.Health.BadFramesReceived);
        Assert.Equal(3 + IoModuleFixtures.BadCrc.Length, _link.Health.DroppedBytes);
    }

    [Fact]
    public async Task ThrowingSubscriber_DoesNotStopTheLink()
    {
        _link.StatusReceived += (_, _) => throw new InvalidOperationException("subscriber bug");
        await SendStatusAsync(Status());
        await SendStatusAsync(Status());
        await WaitUntil(() => _link.Health.StatusFrames == 2);
        Assert.False(_run.IsCompleted);
    }

    [Fact]
    public async Task StreamEnd_EndsRunAsync()
    {
        await _toSensor.Writer.CompleteAsync();
        await _run.WaitAsync(Wait);
        Assert.True(_run.IsCompletedSuccessfully);
    }
}
