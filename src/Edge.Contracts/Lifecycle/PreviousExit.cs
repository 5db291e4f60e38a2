namespace Edge.Contracts.Lifecycle;

/// <summary>
/// How the sensor's previous run ended, in the birth (<see cref="SensorStatusRecord.PreviousExit"/>): read at start
/// from a small file the sensor marks "running" when it starts and writes its exit code to when it stops cleanly, and
/// that systemd's <c>ExecStopPost=</c> may overwrite with its own view (firmware/sensor/HEALTH.md). A failed start
/// after an update, a crash, a kill by the watchdog or a power loss shows up here at the next start.
/// </summary>
public sealed record PreviousExit
{
    /// <summary>Whether the previous run stopped cleanly (exit code 0, or a factory reset's requested restart).</summary>
    public required bool Clean { get; init; }

    /// <summary>
    /// How it ended, in systemd's <c>$SERVICE_RESULT</c> words where known: "success", "exit-code", "signal",
    /// "core-dump", "watchdog", "timeout", "oom-kill", ...; or <see cref="PreviousExitResults.NoCleanStop"/> when the
    /// previous run left no record of its end, or <see cref="PreviousExitResults.Unknown"/> when the record did not parse.
    /// </summary>
    public required string Result { get; init; }

    /// <summary>The process's exit code, when it exited (rather than being killed by a signal).</summary>
    public int? ExitCode { get; init; }

    /// <summary>The signal that ended it (e.g. "KILL", "ABRT", "SEGV"), when killed or dumped.</summary>
    public string? Signal { get; init; }

    /// <summary>Who wrote the record: "sensor" (its own clean stop, or its "running" mark) or "systemd" (ExecStopPost).</summary>
    public string? Source { get; init; }

    /// <summary>When the record was written (for "no clean stop": when the previous run started).</summary>
    public DateTimeOffset? At { get; init; }
}
