using System.Diagnostics;

namespace EdgeSensor.Health;

/// <summary>
/// A process's CPU use between two readings, in percent of the whole machine: the growth of its total processor
/// time (user + system, all threads) divided by the wall time between the readings and the number of cores, so 100
/// means every core was busy with it the whole time. The first reading covers the time since the meter was made.
/// </summary>
public sealed class ProcessCpuMeter
{
    private readonly Func<TimeSpan?> _cpuTime;
    private readonly TimeProvider _time;
    private readonly int _cores;
    private TimeSpan _lastCpu;
    private long _lastStamp;

    public ProcessCpuMeter(Func<TimeSpan?> cpuTime, TimeProvider time, int cores)
    {
        ArgumentNullException.ThrowIfNull(cpuTime);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(cores, 1);
        _cpuTime = cpuTime;
        _time = time;
        _cores = cores;
        _lastCpu = cpuTime() ?? TimeSpan.Zero;
        _lastStamp = time.GetTimestamp();
    }

    /// <summary>The sensor's own process time (null when the platform will not say).</summary>
    public static TimeSpan? CurrentProcess()
    {
        try
        {
            using var process = Process.GetCurrentProcess();
            return process.TotalProcessorTime;
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>Percent of the machine used since the previous reading (0-100, one decimal); null when it cannot be told.</summary>
    public double? Read()
    {
        TimeSpan? cpu = _cpuTime();
        long stamp = _time.GetTimestamp();
        if (cpu is not { } now)
        {
            return null;
        }

        TimeSpan wall = _time.GetElapsedTime(_lastStamp, stamp);
        TimeSpan used = now - _lastCpu;
        if (wall <= TimeSpan.Zero || used < TimeSpan.Zero)
        {
            // No time passed, or the counter went back (it never should): start again from here.
            (_lastCpu, _lastStamp) = (now, stamp);
            return null;
        }

        (_lastCpu, _lastStamp) = (now, stamp);
        return Math.Round(Math.Clamp(used / wall / _cores * 100, 0, 100), 1);
    }
}
