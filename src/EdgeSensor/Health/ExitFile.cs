using System.Globalization;
using Edge.Contracts.Lifecycle;
using EdgeSensor.Hosting;

namespace EdgeSensor.Health;

/// <summary>
/// The record of how the sensor's last run ended (firmware/sensor/HEALTH.md), one line in <see cref="FileName"/> in
/// the state's folder:
/// <code>
/// running 2026-11-27T20:00:00Z     the sensor, as it starts (the run in progress)
/// exit 0                           the sensor, as it stops cleanly (its exit code)
/// watchdog killed ABRT             systemd's ExecStopPost= (record-exit): $SERVICE_RESULT $EXIT_CODE $EXIT_STATUS
/// </code>
/// Read at start before the sensor marks it "running" again: "running" found means the previous run died without a
/// clean stop and nothing recorded why. Parsing is tolerant: extra words are ignored, and anything unreadable is an
/// unknown, unclean end; never an exception.
/// </summary>
public static class ExitFile
{
    public const string FileName = "last-exit";

    /// <summary>Exit codes of a clean stop: 0, and the factory reset's "start me again" (75).</summary>
    public static readonly IReadOnlySet<int> CleanExitCodes = new HashSet<int> { 0, Status.StatusService.FactoryResetExitCode };

    private const string Running = "running";
    private const string Exit = "exit";
    private const int MaxBytes = 256;
    private const int MaxWordLength = 32;

    /// <summary>Where the record lives: beside the state (or the outbox); null when the sensor keeps nothing on disk.</summary>
    public static string? PathFor(SensorConfig config) =>
        HealthSources.StateDirectory(config) is { } directory ? Path.Combine(directory, FileName) : null;

    /// <summary>The previous run's end, or null when there is no record (the first start).</summary>
    public static PreviousExit? Read(string path)
    {
        string? text = SmallFile.Read(path, MaxBytes);
        if (text is null)
        {
            return null;
        }

        DateTimeOffset? at = null;
        try
        {
            at = new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        return Parse(text, at);
    }

    public static PreviousExit Parse(string text, DateTimeOffset? at)
    {
        ArgumentNullException.ThrowIfNull(text);
        int newline = text.IndexOf('\n', StringComparison.Ordinal);
        string[] words = (newline < 0 ? text : text[..newline]).Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            // Empty: a write cut short (power lost while writing).
            return Unknown(at);
        }

        if (words[0] == Running)
        {
            return new PreviousExit { Clean = false, Result = PreviousExitResults.NoCleanStop, Source = PreviousExitResults.SourceSensor, At = at };
        }

        if (words[0] == Exit)
        {
            return words.Length >= 2 && int.TryParse(words[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int code)
                ? new PreviousExit
                {
                    Clean = CleanExitCodes.Contains(code),
                    Result = code == 0 ? PreviousExitResults.Success : PreviousExitResults.ExitCode,
                    ExitCode = code,
                    Source = PreviousExitResults.SourceSensor,
                    At = at,
                }
                : Unknown(at);
        }

        // systemd: $SERVICE_RESULT [$EXIT_CODE [$EXIT_STATUS]], e.g. "success exited 0", "signal killed KILL",
        // "core-dump dumped SEGV", "watchdog killed ABRT", "exit-code exited 1" (systemd.exec(5)).
        string result = words[0];
        if (!IsWord(result, lowerCase: true))
        {
            return Unknown(at);
        }

        int? exitCode = null;
        string? signal = null;
        if (words.Length >= 3)
        {
            if (words[1] == "exited" && int.TryParse(words[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int code))
            {
                exitCode = code;
            }
            else if (words[1] is "killed" or "dumped" && IsWord(words[2], lowerCase: false))
            {
                signal = words[2].StartsWith("SIG", StringComparison.Ordinal) ? words[2][3..] : words[2];
            }
        }

        bool clean = result == PreviousExitResults.Success
            || (result == PreviousExitResults.ExitCode && exitCode is { } c && CleanExitCodes.Contains(c));
        return new PreviousExit { Clean = clean, Result = result, ExitCode = exitCode, Signal = signal, Source = PreviousExitResults.SourceSystemd, At = at };
    }

    /// <summary>Marks the run in progress. Returns why it could not, or null.</summary>
    public static string? MarkRunning(string path, DateTimeOffset startedAt) =>
        Write(path, $"{Running} {startedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}");

    /// <summary>Records a clean stop with its exit code. Returns why it could not, or null.</summary>
    public static string? MarkExited(string path, int exitCode) =>
        Write(path, string.Create(CultureInfo.InvariantCulture, $"{Exit} {exitCode}"));

    /// <summary>Temporary file, fsync, rename: a crash leaves the old record or the new one, never half of one.</summary>
    private static string? Write(string path, string line)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            string temp = path + ".tmp";
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                stream.Write(System.Text.Encoding.ASCII.GetBytes(line + "\n"));
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
    }

    private static bool IsWord(string word, bool lowerCase)
    {
        if (word.Length is 0 or > MaxWordLength)
        {
            return false;
        }

        foreach (char c in word)
        {
            bool ok = lowerCase ? c is (>= 'a' and <= 'z') or '-' : c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '+' or '-';
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static PreviousExit Unknown(DateTimeOffset? at) => new() { Clean = false, Result = PreviousExitResults.Unknown, At = at };
}
