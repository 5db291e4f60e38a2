using System.Diagnostics;
using Edge.Contracts.Lifecycle;
using EdgeSensor.Health;
using EdgeSensor.Tests.Support;

namespace EdgeSensor.Tests.Health;

/// <summary>
/// The record of the previous run's end (last-exit): the sensor's own lines, systemd's lines as record-exit writes
/// them, and whatever else a file may hold after a power loss or a hand edit.
/// </summary>
public sealed class ExitFileTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 19, 59, 30, TimeSpan.Zero);
    private readonly FakeRoot _root = new();

    public void Dispose() => _root.Dispose();

    [Theory]
    [InlineData("running 2026-11-27T20:00:00Z\n", false, "no-clean-stop", null, null, "sensor")]
    [InlineData("running", false, "no-clean-stop", null, null, "sensor")]
    [InlineData("exit 0\n", true, "success", 0, null, "sensor")]
    [InlineData("exit 1\n", false, "exit-code", 1, null, "sensor")]
    [InlineData("exit 75\n", true, "exit-code", 75, null, "sensor")]           // factory reset: a restart asked for
    [InlineData("success exited 0\n", true, "success", 0, null, "systemd")]
    [InlineData("exit-code exited 2\n", false, "exit-code", 2, null, "systemd")]  // a bad configuration after an update
    [InlineData("exit-code exited 75\n", true, "exit-code", 75, null, "systemd")]
    [InlineData("watchdog killed ABRT\n", false, "watchdog", null, "ABRT", "systemd")]
    [InlineData("signal killed SIGKILL\n", false, "signal", null, "KILL", "systemd")]
    [InlineData("core-dump dumped SEGV\n", false, "core-dump", null, "SEGV", "systemd")]
    [InlineData("oom-kill killed KILL", false, "oom-kill", null, "KILL", "systemd")]
    [InlineData("timeout  \n", false, "timeout", null, null, "systemd")]       // EXIT_CODE and EXIT_STATUS unset
    [InlineData("signal killed kill\n", false, "signal", null, null, "systemd")] // not a signal name: kept out
    [InlineData("exit-code exited lots\n", false, "exit-code", null, null, "systemd")]
    [InlineData("watchdog killed ABRT and more words\nsecond line\n", false, "watchdog", null, "ABRT", "systemd")]
    public void Known_lines_parse(string line, bool clean, string result, int? exitCode, string? signal, string source)
    {
        PreviousExit e = ExitFile.Parse(line, At);
        Assert.Equal((clean, result, exitCode, signal, source, At), (e.Clean, e.Result, e.ExitCode, e.Signal, e.Source, e.At));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n")]
    [InlineData("exit\n")]
    [InlineData("exit zero\n")]
    [InlineData("Watchdog killed ABRT\n")]
    [InlineData("<script>alert(1)</script> killed ABRT\n")]
    [InlineData("\0\0\0\0")]
    public void Anything_else_is_an_unknown_unclean_end(string text)
    {
        PreviousExit e = ExitFile.Parse(text, At);
        Assert.Equal((false, PreviousExitResults.Unknown, (string?)null), (e.Clean, e.Result, e.Source));
    }

    [Fact]
    public void No_file_is_no_previous_run_and_the_sensor_s_own_marks_read_back()
    {
        string path = _root.At("state/last-exit");
        Assert.Null(ExitFile.Read(path));

        Assert.Null(ExitFile.MarkRunning(path, At));
        Assert.StartsWith("running 2026-11-27T19:59:30Z", File.ReadAllText(path), StringComparison.Ordinal);
        PreviousExit died = ExitFile.Read(path)!;
        Assert.Equal((false, PreviousExitResults.NoCleanStop), (died.Clean, died.Result));
        Assert.InRange(died.At!.Value, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));

        Assert.Null(ExitFile.MarkExited(path, 0));
        Assert.Equal("exit 0\n", File.ReadAllText(path));
        Assert.True(ExitFile.Read(path)!.Clean);
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Fact]
    public void A_record_that_cannot_be_written_says_why_instead_of_throwing()
    {
        string blocker = _root.Write("file", "not a folder");
        Assert.NotNull(ExitFile.MarkRunning(Path.Combine(blocker, "last-exit"), At));
    }

    [Fact]
    public void The_record_sits_beside_the_state_else_the_outbox_else_nowhere()
    {
        var config = new EdgeSensor.Hosting.SensorConfig { StateFile = _root.At("lib/plant.state") };
        Assert.Equal(_root.At("lib/last-exit"), ExitFile.PathFor(config));
        config = new EdgeSensor.Hosting.SensorConfig { Uplink = new EdgeSensor.Hosting.UplinkConfig { Host = "h", OutboxDirectory = _root.At("outbox") } };
        Assert.Equal(_root.At("outbox/last-exit"), ExitFile.PathFor(config));
        Assert.Null(ExitFile.PathFor(new EdgeSensor.Hosting.SensorConfig()));
    }

    [Theory]
    [InlineData("watchdog", "killed", "ABRT", false, "watchdog", null, "ABRT")]
    [InlineData("success", "exited", "0", true, "success", 0, null)]
    [InlineData("exit-code", "exited", "2", false, "exit-code", 2, null)]
    [InlineData("", "", "", false, "unknown", null, null)]
    [InlineData("core-dump; rm -rf /", "dumped\nexit 0", "SEGV $(reboot)", false, "core-dumprm-rf", null, null)] // one line of [A-Za-z0-9+-] words
    public void Record_exit_writes_what_systemd_says_and_the_sensor_reads_it(string result, string code, string status,
        bool clean, string expectedResult, int? exitCode, string? signal)
    {
        string file = _root.At("var/lib/edge-sensor/last-exit");
        var start = new ProcessStartInfo("/bin/sh", [Script, file]) { RedirectStandardError = true };
        start.Environment["SERVICE_RESULT"] = result;
        start.Environment["EXIT_CODE"] = code;
        start.Environment["EXIT_STATUS"] = status;
        using var sh = Process.Start(start)!;
        string stderr = sh.StandardError.ReadToEnd();
        Assert.True(sh.WaitForExit(TimeSpan.FromSeconds(10)));
        Assert.True(sh.ExitCode == 0, stderr);

        string line = File.ReadAllText(file);
        Assert.EndsWith("\n", line, StringComparison.Ordinal);
        Assert.Equal(1, line.Count(c => c == '\n'));
        PreviousExit e = ExitFile.Read(file)!;
        Assert.Equal((clean, expectedResult, exitCode, signal), (e.Clean, e.Result, e.ExitCode, e.Signal));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(file)!, "*.tmp*"));
    }

    [Fact]
    public void Record_exit_finds_the_state_directory_and_never_fails_the_stop()
    {
        string state = _root.At("state");
        Directory.CreateDirectory(state);
        Assert.Equal(0, RunScript([], ("STATE_DIRECTORY", state + ":/elsewhere"), ("SERVICE_RESULT", "signal"), ("EXIT_CODE", "killed"), ("EXIT_STATUS", "KILL")));
        Assert.Equal("signal killed KILL\n", File.ReadAllText(Path.Combine(state, "last-exit")));

        // Unwritable (a file where its folder should be): a line on stderr, exit code 0.
        string blocker = _root.Write("blocker", "x");
        Assert.Equal(0, RunScript([Path.Combine(blocker, "last-exit")], ("SERVICE_RESULT", "success")));
    }

    private static string Script => Path.Combine(SharedData.RepoRoot, "firmware", "sensor", "rootfs", "usr", "lib", "edge-sensor", "record-exit");

    private static int RunScript(string[] args, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("/bin/sh", [Script, .. args]) { RedirectStandardError = true };
        start.Environment.Remove("STATE_DIRECTORY");
        foreach ((string name, string value) in environment)
        {
            start.Environment[name] = value;
        }

        using var sh = Process.Start(start)!;
        sh.StandardError.ReadToEnd();
        Assert.True(sh.WaitForExit(TimeSpan.FromSeconds(10)));
        return sh.ExitCode;
    }
}
