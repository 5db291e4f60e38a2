using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using EdgeSensor.Cli;
using EdgeSensor.Tests.Support;

namespace EdgeSensor.Tests.Cli;

/// <summary>
/// The command line explains itself: <c>--version</c>, the usage, and each command's <c>--help</c> (its options, what it
/// prints, an example), the same as <c>help &lt;command&gt;</c>.
/// </summary>
public partial class CommandLineTests
{
    /// <summary>Every option each command accepts: its help must name all of them and no other.</summary>
    public static TheoryData<string, string[]> CommandOptions => new()
    {
        { "dissect", ["--protocol", "--decode-as", "--interface", "--bpf", "--duration"] },
        {
            "analyze",
            ["--learn", "--learning-seconds", "--zones", "--state", "--interface", "--bpf", "--duration", "--save-every", "--json"]
        },
        { "run", ["--config"] },
        { "stats", [] },
        { "bench", ["--seconds", "--plant", "--synthetic-plant"] },
    };

    public static TheoryData<string> Commands => new(CommandLine.CommandNames);

    [Fact]
    public void Version_is_one_line_with_the_version_of_Directory_Build_props()
    {
        var (rc, output, error) = Run("--version");

        Assert.Equal(0, rc);
        Assert.Equal(string.Empty, error);
        string props = Path.Combine(SharedData.RepoRoot, "Directory.Build.props");
        string version = XDocument.Load(props).Descendants("Version").Single().Value;
        Assert.Equal($"edge-sensor {version}\n", output.ReplaceLineEndings("\n"));

        string informational = typeof(CommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.StartsWith(version, informational, StringComparison.Ordinal);
        Assert.Equal(version, ProductVersion.Text);
    }

    [Theory]
    [InlineData("0.3.0", "0.3.0")]
    [InlineData("0.3.0+9e9191f0c1d2", "0.3.0")]
    [InlineData("1.0.0-beta.2+abc", "1.0.0-beta.2")]
    [InlineData("", "unknown")]
    [InlineData(null, "unknown")]
    public void The_commit_suffix_is_not_part_of_the_version(string? informational, string expected) =>
        Assert.Equal(expected, ProductVersion.WithoutBuildMetadata(informational));

    [Fact]
    public void Usage_lists_every_command_the_version_and_command_help()
    {
        var (rc, output, _) = Run("--help");

        Assert.Equal(0, rc);
        Assert.Equal(CommandLine.Usage, output);
        Assert.Equal(["dissect", "analyze", "run", "stats", "bench"], CommandLine.CommandNames);
        foreach (string command in CommandLine.CommandNames)
        {
            Assert.Contains($"\n  {command} ", CommandLine.Usage, StringComparison.Ordinal);
        }

        Assert.Contains("--version", CommandLine.Usage, StringComparison.Ordinal);
        Assert.Contains("<command> --help", CommandLine.Usage, StringComparison.Ordinal);
        Assert.Contains("help <command>", CommandLine.Usage, StringComparison.Ordinal);
        Assert.Contains("asset records, then the anomalies, then the incidents", CommandLine.Usage, StringComparison.Ordinal);
        Assert.Equal(output, Run("-h").Output);
        Assert.Equal(output, Run("help").Output);
    }

    [Fact]
    public void No_arguments_print_the_usage_and_exit_2()
    {
        var (rc, output, _) = Run();

        Assert.Equal(2, rc);
        Assert.Equal(CommandLine.Usage, output);
    }

    [Theory]
    [MemberData(nameof(CommandOptions))]
    public void Command_help_names_every_option_what_it_prints_and_an_example(string command, string[] options)
    {
        var (rc, output, error) = Run(command, "--help");

        Assert.Equal(0, rc);
        Assert.Equal(string.Empty, error);
        Assert.Equal(CommandLine.HelpOf(command), output);
        Assert.StartsWith($"usage: edge-sensor {command} ", output, StringComparison.Ordinal);
        Assert.Contains("\noutput:\n", output, StringComparison.Ordinal);
        Assert.Contains("example", output, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"\n  edge-sensor {command} ", output, StringComparison.Ordinal);

        // Each option on a line of its own with an explanation, and no option the command does not take.
        foreach (string option in options)
        {
            Assert.Matches($@"\n  {Regex.Escape(option)}\b[^\n]*\S\s{{2,}}\S", output);
        }

        var mentioned = OptionPattern().Matches(output).Select(m => m.Value).Where(o => o != "--help").ToHashSet(StringComparer.Ordinal);
        Assert.Equal(options.Order(StringComparer.Ordinal), mentioned.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Help_command_and_dash_h_equal_command_dash_dash_help(string command)
    {
        string help = Run(command, "--help").Output;

        var viaHelp = Run("help", command);
        Assert.Equal(0, viaHelp.Rc);
        Assert.Equal(help, viaHelp.Output);
        Assert.Equal(help, Run(command, "-h").Output);

        // Anywhere among the arguments, even beside ones that would fail.
        var late = Run(command, "no-such-capture.pcap", "--help");
        Assert.Equal(0, late.Rc);
        Assert.Equal(help, late.Output);
        Assert.Equal(string.Empty, late.Error);
    }

    [Fact]
    public void Help_for_an_unknown_command_is_one_line_and_exit_2()
    {
        var (rc, output, error) = Run("help", "frobnicate");

        Assert.Equal(2, rc);
        Assert.Equal(string.Empty, output);
        Assert.Equal("edge-sensor help: unknown command 'frobnicate' (commands: dissect, analyze, run, stats, bench)", error.Trim());
    }

    [Theory]
    [InlineData("dissect", "--frobnicate")]
    [InlineData("analyze", "--frobnicate")]
    [InlineData("run", "--frobnicate")]
    [InlineData("bench", "a.pcap", "--frobnicate")]
    public void Bad_options_are_still_one_line_on_stderr_and_exit_2(params string[] args)
    {
        var (rc, output, error) = Run(args);

        Assert.Equal(2, rc);
        Assert.Equal(string.Empty, output);
        string line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"edge-sensor {args[0]}: ", line, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_command_is_one_line_and_exit_2()
    {
        var (rc, _, error) = Run("frobnicate");

        Assert.Equal(2, rc);
        Assert.Equal("edge-sensor: unknown command 'frobnicate' (try --help)", error.Trim());
    }

    private static (int Rc, string Output, string Error) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int rc = CommandLine.Run(args, stdout, stderr);
        return (rc, stdout.ToString(), stderr.ToString());
    }

    [GeneratedRegex(@"(?<![\w-])--[a-z][a-z-]*[a-z]")]
    private static partial Regex OptionPattern();
}
