using EdgeSensor.Capture;
using EdgeSensor.Dissect;
using EdgeSensor.Pipeline;
using EdgeSensor.Tests.Support;

namespace EdgeSensor.Tests.Parity;

/// <summary>
/// Compares <c>edge-sensor dissect</c> with tshark's reference dissection, PDU by PDU. A PDU agrees when both list it
/// (same frame and pdu_in_frame) and every compared column is equal. PDUs only one side lists are disagreements.
/// </summary>
public static class ParityComparer
{
    /// <summary>The columns the issue names; those absent from a table (e.g. kind in Modbus) are skipped.</summary>
    public static readonly string[] ComparedColumns =
    [
        "frame", "pdu_in_frame", "ip_src", "ip_dst", "tcp_srcport", "tcp_dstport", "kind",
        "mbtcp.trans_id", "mbtcp.unit_id", "raw_func_code", "modbus.exception_code", "modbus.reference_num",
        "modbus.word_cnt", "modbus.bit_cnt", "modbus.mei", "modbus.read_device_id",
        "s7comm.header.rosctr", "s7comm.header.pduref", "s7comm.param.func", "s7comm.param.userdata.type",
        "s7comm.param.userdata.funcgroup", "s7comm.param.userdata.subfunc", "s7comm.data.userdata.szl_id",
        "s7comm.data.userdata.szl_index", "s7comm.param.item.area", "s7comm.param.item.db", "s7comm.param.item.address",
        "s7comm.param.pistart.servicename", "s7p.opcode", "s7p.function",
    ];

    public static string Dissect(string capture, DissectProtocol protocol, out DecodeCounters counters)
    {
        var options = new PipelineOptions();
        foreach (string spec in SharedData.DecodeAs(capture))
        {
            Assert.True(DissectCommand.TryParseDecodeAs(spec, options, out string? error), error);
        }

        using var source = PcapSource.OpenFile(SharedData.Pcap(capture));
        var writer = new StringWriter { NewLine = "\n" };
        var sink = new DissectSink(protocol, writer);
        sink.WriteHeader();
        var pipeline = new DecodePipeline(options, sink, source.LinkType);
        pipeline.Run(source);
        pipeline.Complete();
        sink.Complete();
        counters = pipeline.Counters;
        return writer.ToString();
    }

    public static FileParity Compare(string capture, DissectProtocol protocol)
    {
        string suffix = protocol == DissectProtocol.Modbus ? "modbus" : "s7";
        var reference = TsvTable.Parse(File.ReadAllText(Path.Combine(SharedData.ReferenceDirectory, $"{capture}.{suffix}.tsv")));
        var ours = TsvTable.Parse(Dissect(capture, protocol, out _));
        Assert.Equal(reference.Header, ours.Header);

        var columns = ComparedColumns.Where(reference.Index.ContainsKey).ToArray();
        var refByKey = reference.Rows.ToDictionary(r => Key(reference, r));
        var oursByKey = new Dictionary<string, string[]>();
        foreach (var r in ours.Rows)
        {
            oursByKey.TryAdd(Key(ours, r), r);
        }

        var result = new FileParity(capture, protocol);
        foreach (var key in refByKey.Keys.Union(oursByKey.Keys).OrderBy(FrameOf).ThenBy(k => k, StringComparer.Ordinal))
        {
            result.Total++;
            bool inRef = refByKey.TryGetValue(key, out var rr);
            bool inOurs = oursByKey.TryGetValue(key, out var or);
            string kind = inRef ? reference.Get(rr!, "kind") : ours.Get(or!, "kind");
            result.CountKind(kind, agreed: false);
            if (!inRef)
            {
                result.Disagreements.Add(new Disagreement(key, "extra", "we report a PDU tshark does not"));
                continue;
            }

            if (!inOurs)
            {
                result.Disagreements.Add(new Disagreement(key, "missing", "tshark reports a PDU we do not"));
                continue;
            }

            var diffs = columns.Where(c => reference.Get(rr!, c) != ours.Get(or!, c))
                .Select(c => $"{c}: ref='{reference.Get(rr!, c)}' ours='{ours.Get(or!, c)}'").ToList();
            if (diffs.Count == 0)
            {
                result.Agreed++;
                result.CountKind(kind, agreed: true);
            }
            else
            {
                result.Disagreements.Add(new Disagreement(key, "differs", string.Join("; ", diffs)));
            }
        }

        return result;
    }

    private static string Key(TsvTable t, string[] row) => t.Get(row, "frame") + "/" + t.Get(row, "pdu_in_frame");

    private static long FrameOf(string key) => long.Parse(key.AsSpan(0, key.IndexOf('/')), System.Globalization.CultureInfo.InvariantCulture);
}

public sealed record Disagreement(string Key, string Kind, string Detail);

public sealed class FileParity(string capture, DissectProtocol protocol)
{
    public string Capture { get; } = capture;

    public DissectProtocol Protocol { get; } = protocol;

    public int Total { get; set; }

    public int Agreed { get; set; }

    public List<Disagreement> Disagreements { get; } = [];

    /// <summary>Per row kind (cotp_CR, s7comm, s7commplus, ...; empty for Modbus): (agreed, total).</summary>
    public Dictionary<string, (int Agreed, int Total)> ByKind { get; } = [];

    public void CountKind(string kind, bool agreed)
    {
        var (a, t) = ByKind.GetValueOrDefault(kind);
        ByKind[kind] = agreed ? (a + 1, t) : (a, t + 1);
    }
}
