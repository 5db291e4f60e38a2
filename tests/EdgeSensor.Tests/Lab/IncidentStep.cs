namespace EdgeSensor.Tests.Lab;

/// <summary>One incident step: its name, when it ran (UTC), and the tool's exit code and output.</summary>
public sealed record IncidentStep(string Name, DateTimeOffset Started, DateTimeOffset Ended, int ExitCode, string Stdout, string Stderr);
