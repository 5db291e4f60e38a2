using System.Globalization;
using EdgeSensor.Capture;
using EdgeSensor.Pipeline;

namespace EdgeSensor.Dissect;

/// <summary>
/// <c>edge-sensor dissect &lt;capture&gt; --protocol modbus|s7 [--decode-as tcp.port==N,mbtcp|tpkt]...</c>:
/// one TSV row per PDU with the columns of tshark's reference dissection, so Edge can be diffed against Wireshark.
/// </summary>
public static class DissectCommand
{
    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        if (!TryParse(args, out string? capture, out var protocol, out var options, out string? error))
        {
            stderr.WriteLine($"edge-sensor dissect: {error}");
            return 2;
        }

        try
        {
            using var source = PcapSource.OpenFile(capture!);
            var output = new StreamWriter(Console.OpenStandardOutput(), bufferSize: 1 << 16) { AutoFlush = false };
            TextWriter writer = ReferenceEquals(stdout, Console.Out) ? output : stdout;
            var sink = new DissectSink(protocol, writer);
            sink.WriteHeader();
            var pipeline = new DecodePipeline(options, sink, source.LinkType);
            pipeline.Run(source);
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

    internal static bool TryParse(IReadOnlyList<string> args, out string? capture, out DissectProtocol protocol, out PipelineOptions options, out string? error)
    {
        capture = null;
        protocol = DissectProtocol.Modbus;
        options = new PipelineOptions();
        error = null;
        bool protocolGiven = false;
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            if (a == "--protocol" && i + 1 < args.Count)
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
            else if (a == "--decode-as" && i + 1 < args.Count)
            {
                if (!TryParseDecodeAs(args[++i], options, out error))
                {
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

        if (capture is null)
        {
            error = "missing capture file (usage: dissect <capture> --protocol modbus|s7)";
            return false;
        }

        if (!protocolGiven)
        {
            error = "missing --protocol modbus|s7";
            return false;
        }

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
