namespace Edge.Contracts.Lifecycle;

/// <summary>Values of <see cref="PreviousExit.Result"/> that are Edge's own; the others are systemd's <c>$SERVICE_RESULT</c>.</summary>
public static class PreviousExitResults
{
    /// <summary>systemd's word for a clean end; also the sensor's own clean stop with exit code 0.</summary>
    public const string Success = "success";

    /// <summary>systemd's word for an exit with a non-zero code; also the sensor's own stop with one.</summary>
    public const string ExitCode = "exit-code";

    /// <summary>The previous run was still marked running: it died without a clean stop and nothing recorded why (power loss, SIGKILL, no ExecStopPost).</summary>
    public const string NoCleanStop = "no-clean-stop";

    /// <summary>The record was there but could not be read.</summary>
    public const string Unknown = "unknown";

    /// <summary>Who wrote the record.</summary>
    public const string SourceSensor = "sensor";

    public const string SourceSystemd = "systemd";
}
