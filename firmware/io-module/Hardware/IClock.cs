namespace Edge.IoModule.Firmware.Hardware
{
    /// <summary>A monotonic millisecond clock (not wall time: it must never jump).</summary>
    public interface IClock
    {
        long NowMs { get; }
    }
}
