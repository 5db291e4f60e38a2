using System.Globalization;

namespace EdgeSensor.Tests.Lab;

/// <summary>What each incident phase ran and how it ended (exit code and output), for assertions and reports.</summary>
public sealed class IncidentLog
{
    private readonly List<IncidentStep> _steps = [];

    public IReadOnlyList<IncidentStep> Steps => _steps;

    public IncidentStep this[string name] => _steps.Single(s => s.Name == name);

    private DateTimeOffset _stepStart = DateTimeOffset.UtcNow;

    /// <summary>Marks the start of the next step (steps otherwise start where the previous one ended).</summary>
    internal void Begin() => _stepStart = DateTimeOffset.UtcNow;

    internal void Step(string name, (int ExitCode, string Stdout, string Stderr) result)
    {
        var end = DateTimeOffset.UtcNow;
        _steps.Add(new IncidentStep(name, _stepStart, end, result.ExitCode, result.Stdout, result.Stderr));
        _stepStart = end;
    }

    /// <summary>The phase timeline (UTC, ISO 8601), one row per step, to go beside the recording.</summary>
    public void WriteTimeline(string path)
    {
        using var w = new StreamWriter(path);
        w.WriteLine("phase\tstart_utc\tend_utc\texit_code");
        foreach (var s in _steps)
        {
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{s.Name}\t{s.Started.UtcDateTime:O}\t{s.Ended.UtcDateTime:O}\t{s.ExitCode}"));
        }
    }

    public override string ToString() =>
        string.Join('\n', _steps.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Name}: rc={s.ExitCode}")));
}
