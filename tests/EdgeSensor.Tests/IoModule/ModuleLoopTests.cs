using Edge.IoModule;
using Edge.IoModule.Firmware;
using static EdgeSensor.Tests.IoModule.IoModuleFixtures;

namespace EdgeSensor.Tests.IoModule;

/// <summary>The firmware's main loop (firmware/io-module/ModuleLoop.cs) against fake pins, UART and clock.</summary>
public class ModuleLoopTests
{
    private readonly ManualTimeProvider _time = new();
    private readonly FakePins _pins = new();
    private readonly QueueSerialLink _serial = new();

    [Fact]
    public void StartsWithLampTest_RelayOff()
    {
        _ = new ModuleLoop(_pins, _serial, _time);
        Assert.All(_pins.Leds, Assert.True);
        Assert.False(_pins.Relay);
    }

    [Fact]
    public void OnePass_ReadsAppliesWritesAndReplies()
    {
        _time.Advance(TimeSpan.FromMilliseconds(1200));
        var loop = new ModuleLoop(_pins, _serial, _time);
        _time.Advance(TimeSpan.FromMilliseconds(1200));
        foreach (byte b in SetOutputsFrame)
        {
            _serial.Incoming.Enqueue(b);
        }

        loop.RunOnce();

        Assert.Equal([true, true, false, false], _pins.Leds); // t = 2400 ms: NET BlinkSlow is on in the first half of each second
        Assert.True(_pins.Relay);

        var decoder = new FrameDecoder();
        var written = _serial.Written.ToArray();
        Assert.Equal(FrameStatus.Ok, decoder.Push(written, 0, written.Length, out int consumed));
        Assert.Equal(written.Length, consumed);
        Assert.True(StatusMessage.TryRead(decoder.Frame.Payload, out var status));
        Assert.Equal((FirmwareVersion.Major, FirmwareVersion.Minor, (byte)5), (status.FirmwareMajor, status.FirmwareMinor, status.LastSequenceReceived));
    }

    [Fact]
    public void ReadsAreBoundedPerPass()
    {
        var loop = new ModuleLoop(_pins, _serial, _time);
        for (int i = 0; i < 1000; i++)
        {
            _serial.Incoming.Enqueue(0x55);
        }

        loop.RunOnce();
        Assert.Equal(1000 - 256, _serial.Incoming.Count);
        Assert.Equal(0, loop.Machine.BadFrames);
    }

    [Fact]
    public void NoSensor_FaultAfterTimeout_OnThePins()
    {
        var loop = new ModuleLoop(_pins, _serial, _time);
        for (int t = 0; t < 3000; t += ModuleLoop.PeriodMs)
        {
            loop.RunOnce();
            _time.Advance(TimeSpan.FromMilliseconds(ModuleLoop.PeriodMs));
        }

        loop.RunOnce(); // t = 3000
        Assert.True(loop.Machine.InFault);
        Assert.Equal([true, false, false, false], _pins.Leds);
        _time.Advance(TimeSpan.FromMilliseconds(250));
        loop.RunOnce();
        Assert.Equal([false, false, false, true], _pins.Leds);
        Assert.False(_pins.Relay);
    }
}
