using System.Globalization;
using EdgeSensor.Capture;
using EdgeSensor.Pipeline;

namespace EdgeSensor.Dissect;

/// <summary>
/// <c>edge-sensor dissect &lt;capture&gt; --protocol modbus|s7 [--decode-as tcp.port==N,mbtcp|tpkt]...</c>:
/// one TSV row per PDU with the columns of tshark's reference dissection, so Edge can be diffed against Wireshark.
/// With <c>--interface IFACE [--bpf FILTER] [--duration SECONDS]</c> instead of a file it captures live, passively
/// (promiscuous, nothing is ever sent), until the duration ends or the process is interrupted.
/// </summary>
public static class DissectCommand
{
    /// <summary>What <c>edge-sensor dissect --help</c> prints.</summary>
    public const string Help = """
        usage: edge-sensor dissect <capture> --protocol modbus|s7 [--decode-as tcp.port==N,mbtcp|tpkt]...
               edge-sensor dissect --interface IFACE [--bpf FILTER] [--duration SECONDS] --protocol modbus|s7 [--decode-as ...]...

        Decodes Modbus/TCP, or ISO-on-TCP (COTP, S7comm, S7comm-plus), from a capture file or live from an interface
        (passively: promiscuous, nothing is ever sent; needs CAP_NET_RAW), and prints one row per PDU.

        options:
          <capture>                           a pcap or pcapng file
          --protocol modbus|s7                which table to print (required): modbus for Modbus/TCP PDUs; s7 for
                                              COTP connection TPDUs, S7comm and S7comm-plus
          --decode-as tcp.port==N,mbtcp|tpkt  also decode TCP port N as Modbus/TCP (mbtcp) or TPKT/COTP (tpkt), as
                                              tshark's -d does; repeatable
          --interface IFACE                   capture live on IFACE instead of reading a file: inbound frames only
                                              on a tap (no address); with a warning and both directions on an
                                              interface that has an address (see TAP.md)
          --bpf FILTER                        with --interface: a BPF capture filter, e.g. "tcp port 502"
          --duration SECONDS                  with --interface: stop after SECONDS (default: until Ctrl+C)
          -h, --help                          this help

        output:
          Tab-separated values: a header row, then one row per PDU in the frame where the PDU completes, with the
          columns of tshark's reference dissection (../shared/reference/dev/<capture>.<modbus|s7>.tsv), so Edge can
          be diffed against Wireshark.

        examples:
          edge-sensor dissect ../shared/pcaps/modbus_small_fc1-fc15.pcap --protocol modbus
          edge-sensor dissect plant.pcap --protocol modbus --decode-as tcp.port==5020,mbtcp
          edge-sensor dissect --interface eth1 --bpf "tcp port 102" --duration 60 --protocol s7

        """;

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        if (!TryParse(args, out var parsed, out string? error))
        {
            stderr.WriteLine($"edge-sensor dissect: {error}");
            return 2;
        }

        var (capture, protocol, options, live) = parsed;
        try
        {
            var addresses = live is null ? null : TapInterface.Addresses(live.Interface);
            if (live is not null && addresses is { Count: > 0 })
            {
                stderr.WriteLine($"edge-sensor dissect: warning: {TapInterface.Describe(live.Interface, addresses)}; {TapInterface.Hint}; capturing in both directions");
            }

            using var source = live is null ? PcapSource.OpenFile(capture!) : PcapSource.OpenLive(live.Interface, live.Bpf, TapInterface.DirectionFor(addresses));
            var output = new StreamWriter(Console.OpenStandardOutput(), bufferSize: 1 << 16) { AutoFlush = false };
            TextWriter writer = ReferenceEquals(stdout, Console.Out) ? output : stdout;
            var sink = new DissectSink(protocol, writer);
            sink.WriteHeader();
            var pipeline = new DecodePipeline(options, sink, source.LinkType);
            using var stop = new CancellationTokenSource();
            if (live is not null)
            {
                if (live.Duration > TimeSpan.Zero)
                {
                    stop.CancelAfter(live.Duration);
                }

                Console.CancelKeyPress += (_, e) =>
                {
                    e.Cancel = true;
                    stop.Cancel();
                };
                stderr.WriteLine($"edge-sensor dissect: capturing on {live.Interface} ({TapInterface.Text(source.Direction)}{(source.DirectionNote is { } note ? $"; {note}" : string.Empty)})");
                stderr.Flush();
            }

            pipeline.Run(source, stop.Token);
            pipeline.Complete();
            sink.Complete();
            writer.Flush();
            return 0;
        }
        catch (CaptureOpenException e)
        {
            stderr.WriteLine($"edge-sensor dissect: {e.Message}");
            return 1;
        }
    }

    internal sealed record LiveOptions(string Interface, string? Bpf, TimeSpan Duration);

    internal static bool TryParse(IReadOnlyList<string> args, out (string? Capture, DissectProtocol Protocol, PipelineOptions Options, LiveOptions? Live) parsed, out string? error)
    {
        string? capture = null;
        string? iface = null;
        string? bpf = null;
        double seconds = 0;
        var protocol = DissectProtocol.Modbus;
        var options = new PipelineOptions();
        parsed = default;
        error = null;
        bool protocolGiven = false;
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            bool hasValue = i + 1 < args.Count;
            if (a == "--protocol" && hasValue)
            {
                string p = args[++i];
                if (p == "modbus")
                {
                    protocol = DissectProtocol.Modbus;
                }
                else if (p == "s7")
                {
                    protocol = DissectProtocol.S7;
                }
                else
                {
                    error = $"unknown protocol '{p}' (expected modbus or s7)";
                    return false;
                }

                protocolGiven = true;
            }
            else if (a == "--decode-as" && hasValue)
            {
                if (!TryParseDecodeAs(args[++i], options, out error))
                {
                    return false;
                }
            }
            else if (a == "--interface" && hasValue)
            {
                iface = args[++i];
            }
            else if (a == "--bpf" && hasValue)
            {
                bpf = args[++i];
            }
            else if (a == "--duration" && hasValue)
            {
                if (!double.TryParse(args[++i], NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) || seconds <= 0 || seconds > 365 * 86400)
                {
                    error = $"bad --duration '{args[i]}' (seconds, greater than 0)";
                    return false;
                }
            }
            else if (a.StartsWith('-'))
            {
                error = $"unknown or incomplete option '{a}'";
                return false;
            }
            else if (capture is null)
            {
                capture = a;
            }
            else
            {
                error = $"unexpected argument '{a}'";
                return false;
            }
        }

        if ((capture is null) == (iface is null))
        {
            error = "give either a capture file or --interface IFACE (usage: dissect <capture> --protocol modbus|s7)";
            return false;
        }

        if (iface is null && (bpf is not null || seconds > 0))
        {
            error = "--bpf and --duration go with --interface";
            return false;
        }

        if (!protocolGiven)
        {
            error = "missing --protocol modbus|s7";
            return false;
        }

        parsed = (capture, protocol, options, iface is null ? null : new LiveOptions(iface, bpf, TimeSpan.FromSeconds(seconds)));
        return true;
    }

    /// <summary>Wireshark's decode-as syntax: <c>tcp.port==5020,mbtcp</c> or <c>tcp.port==10201,tpkt</c>.</summary>
    internal static bool TryParseDecodeAs(string spec, PipelineOptions options, out string? error)
    {
        error = null;
        const string prefix = "tcp.port==";
        int comma = spec.IndexOf(',');
        if (!spec.StartsWith(prefix, StringComparison.Ordinal) || comma < 0
            || !ushort.TryParse(spec.AsSpan(prefix.Length, comma - prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out ushort port) || port == 0)
        {
            error = $"bad --decode-as '{spec}' (expected tcp.port==N,mbtcp or tcp.port==N,tpkt)";
            return false;
        }

        string as_ = spec[(comma + 1)..];
        if (as_ == "mbtcp")
        {
            options.ModbusPorts.Add(port);
            return true;
        }

        if (as_ is "tpkt" or "cotp" or "s7comm")
        {
            options.IsoPorts.Add(port);
            return true;
        }

        error = $"bad --decode-as '{spec}': protocol must be mbtcp or tpkt";
        return false;
    }
}
