using System.Globalization;
using EdgeSensor.Capture;
using EdgeSensor.Decoding.IsoOnTcp;
using EdgeSensor.Decoding.Modbus;
using EdgeSensor.Decoding.Packet;
using EdgeSensor.Decoding.S7Comm;
using EdgeSensor.Decoding.S7CommPlus;
using EdgeSensor.Pipeline;

namespace EdgeSensor.Stats;

/// <summary>
/// <c>edge-sensor stats &lt;capture&gt;...</c>: decodes captures and prints the pipeline's counters, with malformed
/// units by layer and reason name, as "name value" lines.
/// </summary>
public static class StatsCommand
{
    /// <summary>What <c>edge-sensor stats --help</c> prints.</summary>
    public const string Help = """
        usage: edge-sensor stats <capture>...

        Decodes each capture (Ethernet, IP, TCP reassembly, Modbus/TCP, COTP, S7comm, S7comm-plus, TLS and RDP
        handshakes) and prints the pipeline's counters, to see what a capture holds and what did not decode.

        options:
          <capture>     a pcap or pcapng file; several are decoded one after the other, each with its own counters
          -h, --help    this help

        output:
          For each capture, a line "# <capture>", then "name value" lines: frames, bytes, TCP segments, flows,
          retransmissions and gaps, PDUs per protocol, ..., then "malformed.<layer>.<reason> count" for every kind of
          malformed unit seen.

        examples:
          edge-sensor stats ../shared/pcaps/modbus_fuzz-72_malformed.pcap
          edge-sensor stats a.pcap b.pcapng | grep -E '^(#|malformed)'

        """;

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Count == 0)
        {
            stderr.WriteLine("edge-sensor stats: missing capture file (usage: stats <capture>...)");
            return 2;
        }

        foreach (string capture in args)
        {
            try
            {
                using var source = PcapSource.OpenFile(capture);
                var sink = new CountingPduSink();
                var pipeline = new DecodePipeline(new PipelineOptions(), sink, source.LinkType);
                pipeline.Run(source);
                pipeline.Complete();
                stdout.WriteLine($"# {capture}");
                Write(stdout, pipeline.Counters);
            }
            catch (CaptureOpenException e)
            {
                stderr.WriteLine($"edge-sensor stats: {e.Message}");
                return 1;
            }
        }

        return 0;
    }

    public static void Write(TextWriter writer, DecodeCounters counters)
    {
        var ci = CultureInfo.InvariantCulture;
        foreach (var field in typeof(DecodeCounters).GetFields())
        {
            if (field.FieldType == typeof(long))
            {
                writer.WriteLine(string.Create(ci, $"{field.Name} {(long)field.GetValue(counters)!}"));
            }
        }

        foreach (var (name, count) in MalformedByReason(counters))
        {
            writer.WriteLine(string.Create(ci, $"malformed.{name} {count}"));
        }
    }

    /// <summary>Every non-zero malformed counter as "layer.reason" and its count.</summary>
    public static IEnumerable<(string Name, long Count)> MalformedByReason(DecodeCounters counters)
    {
        foreach (var layer in Enum.GetValues<ProtocolLayer>())
        {
            for (int reason = 0; reason < 256; reason++)
            {
                long n = counters.Malformed(layer, (byte)reason);
                if (n > 0)
                {
                    yield return ($"{layer}.{ReasonName(layer, (byte)reason)}", n);
                }
            }
        }
    }

    public static string ReasonName(ProtocolLayer layer, byte reason) => layer switch
    {
        ProtocolLayer.Packet => ((PacketMalformedReason)reason).ToString(),
        ProtocolLayer.Modbus => ((ModbusMalformedReason)reason).ToString(),
        ProtocolLayer.IsoOnTcp => ((IsoMalformedReason)reason).ToString(),
        ProtocolLayer.S7Comm => ((S7MalformedReason)reason).ToString(),
        ProtocolLayer.S7CommPlus => ((S7PlusMalformedReason)reason).ToString(),
        ProtocolLayer.Tls => ((Decoding.Tls.TlsMalformedReason)reason).ToString(),
        ProtocolLayer.Rdp => ((Decoding.Rdp.RdpMalformedReason)reason).ToString(),
        _ => reason.ToString(CultureInfo.InvariantCulture),
    };
}
