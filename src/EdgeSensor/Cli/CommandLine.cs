namespace EdgeSensor.Cli;

/// <summary>Entry point of <c>edge-sensor</c>: picks the sub-command.</summary>
public static class CommandLine
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            stdout.Write(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        if (args[0] == "dissect")
        {
            return Dissect.DissectCommand.Run(args[1..], stdout, stderr);
        }

        if (args[0] == "run")
        {
            return Hosting.RunCommand.Run(args[1..], stderr);
        }

        if (args[0] == "analyze")
        {
            return Analyze.AnalyzeCommand.Run(args[1..], stdout, stderr);
        }

        if (args[0] == "stats")
        {
            return Stats.StatsCommand.Run(args[1..], stdout, stderr);
        }

        if (args[0] == "bench")
        {
            return Bench.BenchCommand.Run(args[1..], stdout, stderr);
        }

        stderr.WriteLine($"edge-sensor: unknown command '{args[0]}' (try --help)");
        return 2;
    }

    public const string Usage = """
        usage: edge-sensor <command> [options]

        commands:
          dissect <capture> --protocol modbus|s7 [--decode-as tcp.port==N,mbtcp|tpkt]...
          dissect --interface IFACE [--bpf FILTER] [--duration SECONDS] --protocol modbus|s7
                 print one TSV row per PDU, in the columns of tshark's reference dissection
          analyze <capture>... [--learn <capture>]... [--learning-seconds N] [--zones FILE] [--state FILE] --json
          analyze --interface IFACE [--bpf FILTER] [--duration S] [--save-every S] [--state FILE] [--zones FILE] --json
                 the plant model: one JSON line per asset (identity, role, zone, peers, baseline)
          run --config FILE
                 the sensor as a service: capture (live or a file at its recorded pace), plant model, detection,
                 state saved at intervals and on SIGTERM, findings as JSON Lines; systemd notify and watchdog
          stats <capture>...
                 decode captures and print the pipeline's counters, malformed units by layer and reason
          bench <capture> [--seconds N] [--plant]
                 decode the capture from memory for N seconds (default 3): frames/s, MB/s, bytes allocated per frame, vs a byte-sum reference;
                 --plant adds plant.* lines: decode + plant model in steady state, and the model's memory per device
          bench --synthetic-plant DEVICES [--seconds N]
                 the same over a plant of DEVICES devices made in memory (HMIs, PLCs, IT hosts), with plant.* lines

        """;
}
