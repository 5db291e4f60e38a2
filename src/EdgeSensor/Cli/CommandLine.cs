namespace EdgeSensor.Cli;

/// <summary>
/// Entry point of <c>edge-sensor</c>: picks the sub-command, and answers <c>--version</c>, <c>--help</c>,
/// <c>&lt;command&gt; --help</c> and <c>help &lt;command&gt;</c> (each command's help text sits beside it, as its
/// <c>Help</c> constant).
/// </summary>
public static class CommandLine
{
    private static readonly Command[] Commands =
    [
        new("dissect", Dissect.DissectCommand.Help, Dissect.DissectCommand.Run),
        new("analyze", Analyze.AnalyzeCommand.Help, Analyze.AnalyzeCommand.Run),
        new("run", Hosting.RunCommand.Help, (args, _, stderr) => Hosting.RunCommand.Run(args, stderr)),
        new("stats", Stats.StatsCommand.Help, Stats.StatsCommand.Run),
        new("bench", Bench.BenchCommand.Help, Bench.BenchCommand.Run),
    ];

    /// <summary>The sub-commands, in the order the usage lists them.</summary>
    public static IReadOnlyList<string> CommandNames { get; } = Array.ConvertAll(Commands, c => c.Name);

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args.Length == 0 || args[0] is "-h" or "--help" || args is ["help"])
        {
            stdout.Write(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        if (args[0] == "--version")
        {
            stdout.WriteLine($"edge-sensor {ProductVersion.Text}");
            return 0;
        }

        if (args[0] == "help")
        {
            if (Find(args[1]) is { } topic)
            {
                stdout.Write(topic.Help);
                return 0;
            }

            stderr.WriteLine($"edge-sensor help: unknown command '{args[1]}' (commands: {string.Join(", ", CommandNames)})");
            return 2;
        }

        if (Find(args[0]) is not { } command)
        {
            stderr.WriteLine($"edge-sensor: unknown command '{args[0]}' (try --help)");
            return 2;
        }

        string[] rest = args[1..];
        if (Array.Exists(rest, a => a is "-h" or "--help"))
        {
            stdout.Write(command.Help);
            return 0;
        }

        return command.Run(rest, stdout, stderr);
    }

    /// <summary>The help text of a sub-command, or null for an unknown name.</summary>
    public static string? HelpOf(string name) => Find(name)?.Help;

    private static Command? Find(string name) => Array.Find(Commands, c => c.Name == name);

    public const string Usage = """
        usage: edge-sensor <command> [options]
               edge-sensor <command> --help    that command's options, what it prints, examples (or: edge-sensor help <command>)
               edge-sensor --version           the version

        commands:
          dissect <capture> --protocol modbus|s7 [--decode-as tcp.port==N,mbtcp|tpkt]...
          dissect --interface IFACE [--bpf FILTER] [--duration SECONDS] --protocol modbus|s7
                 decode Modbus/TCP or S7 and print one TSV row per PDU, in the columns of tshark's reference dissection
          analyze <capture>... [--learn <capture>]... [--learning-seconds N] [--zones FILE] [--state FILE] [--json]
          analyze --interface IFACE [--bpf FILTER] [--duration S] [--save-every S] [--zones FILE] [--state FILE] [--json]
                 the plant model and detection: prints the asset records, then the anomalies, then the incidents;
                 as tables by default, as JSON Lines (one record per line) with --json
          run --config FILE
                 the sensor as a service: capture (live or a file at its recorded pace), plant model, detection, state saved
                 at intervals and on SIGTERM, systemd notify and watchdog; prints logs on stderr, and findings (anomalies,
                 incidents) as JSON Lines to a file and over MQTT to the collector
          stats <capture>...
                 decode captures and print the pipeline's counters as "name value" lines, malformed units by layer and reason
          bench <capture> [--seconds N] [--plant]
          bench --synthetic-plant DEVICES [--seconds N]
                 decode a capture from memory for N seconds (default 3) and print "name value" lines: frames/s, MB/s, bytes
                 allocated per frame, vs a byte-sum reference; --plant adds plant.* lines (plant model speed and memory)

        examples:
          edge-sensor analyze ../shared/pcaps/mixed_plant1_modbus-s7comm-it-traffic.pcap
          edge-sensor analyze --help

        """;

    /// <summary>A sub-command: its name, its help text, and how to run it with the arguments after its name.</summary>
    private sealed record Command(string Name, string Help, Func<IReadOnlyList<string>, TextWriter, TextWriter, int> Run);
}
