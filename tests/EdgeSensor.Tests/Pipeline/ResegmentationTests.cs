using System.Buffers.Binary;
using EdgeSensor.Capture;
using EdgeSensor.Decoding;
using EdgeSensor.Decoding.Packet;
using EdgeSensor.Dissect;
using EdgeSensor.Pipeline;
using EdgeSensor.Tests.Support;

namespace EdgeSensor.Tests.Pipeline;

/// <summary>
/// The same TCP byte streams give the same PDUs whether each segment is fed whole or split into one-byte segments:
/// framing, TPKT/COTP reassembly and the decoders must not depend on where the sender's writes happened to end.
/// Real captures are re-segmented in memory (IPv4 length and sequence numbers rewritten per piece).
/// </summary>
public sealed class ResegmentationTests
{
    [Theory]
    [InlineData("modbus_many-function-codes_fc1-24-43_exception__icsnpp.pcap", DissectProtocol.Modbus)]
    [InlineData("modbus_small_fc1-fc15.pcap", DissectProtocol.Modbus)]
    [InlineData("s7comm_snap7-s300_everything_szl-upload-write-plcstop.pcapng", DissectProtocol.S7)]
    [InlineData("s7comm_tia-s300_go-online_many-szl-reads.pcapng", DissectProtocol.S7)]
    [InlineData("s7comm_read-plc-status_szl.pcap", DissectProtocol.S7)]
    [InlineData("s7commplus_s7-1200_upload-ob1-tiav12.pcap", DissectProtocol.S7)]
    public void Whole_and_byte_by_byte_segments_give_the_same_pdus(string capture, DissectProtocol protocol)
    {
        using var memory = MemoryCaptureSource.LoadFile(SharedData.Pcap(capture));
        var whole = Run(memory, protocol, pieceSize: 0);
        memory.Rewind();
        var bytewise = Run(memory, protocol, pieceSize: 1);
        memory.Rewind();
        var threes = Run(memory, protocol, pieceSize: 3);

        Assert.NotEmpty(whole);
        Assert.Equal(whole, bytewise);
        Assert.Equal(whole, threes);
    }

    /// <summary>Rows without the columns that name frames (they change when segments are split).</summary>
    private static List<string> Run(MemoryCaptureSource source, DissectProtocol protocol, int pieceSize)
    {
        var writer = new StringWriter();
        var sink = new DissectSink(protocol, writer);
        sink.WriteHeader();
        var pipeline = new DecodePipeline(new PipelineOptions(), sink, source.LinkType);
        var scratch = new byte[70_000];
        while (source.TryReadNext(out var frame) == CaptureReadStatus.Frame)
        {
            if (pieceSize == 0 || !TrySplit(source.LinkType, frame.Data, pieceSize, scratch, pipeline, frame.TimestampMicroseconds))
            {
                pipeline.ProcessFrame(frame.Data, frame.TimestampMicroseconds);
            }
        }

        pipeline.Complete();
        sink.Complete();
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split('\t');
        var drop = new HashSet<int>(new[] { "frame", "time_epoch", "pdu_in_frame", "frame_malformed", "modbus.request_frame" }
            .Select(c => Array.IndexOf(header, c)).Where(i => i >= 0));
        return lines.Skip(1).Select(l => string.Join('\t', l.Split('\t').Where((_, i) => !drop.Contains(i)))).ToList();
    }

    /// <summary>Feeds an IPv4 TCP frame with payload as several frames of <paramref name="pieceSize"/> payload bytes.</summary>
    private static bool TrySplit(LinkType link, ReadOnlySpan<byte> frame, int pieceSize, byte[] scratch, DecodePipeline pipeline, long timestamp)
    {
        if (PacketDecoder.TryDecode(link, frame, out var info, out _) != DecodeStatus.Ok || !info.IsTcp || info.IpVersion != 4
            || info.PayloadLength <= pieceSize || (info.TcpFlags & (TcpFlags.Syn | TcpFlags.Fin | TcpFlags.Rst)) != 0)
        {
            return false;
        }

        int ipOffset = link == LinkType.LinuxSll ? 16 : 14 + (info.VlanTagCount * 4);
        int tcpOffset = ipOffset + ((frame[ipOffset] & 0x0F) * 4);
        int headerLength = info.PayloadOffset;
        for (int at = 0; at < info.PayloadLength; at += pieceSize)
        {
            int n = Math.Min(pieceSize, info.PayloadLength - at);
            frame[..headerLength].CopyTo(scratch);
            frame.Slice(headerLength + at, n).CopyTo(scratch.AsSpan(headerLength));
            BinaryPrimitives.WriteUInt16BigEndian(scratch.AsSpan(ipOffset + 2), (ushort)(headerLength - ipOffset + n));
            BinaryPrimitives.WriteUInt32BigEndian(scratch.AsSpan(tcpOffset + 4), info.Sequence + (uint)at);
            pipeline.ProcessFrame(scratch.AsSpan(0, headerLength + n), timestamp);
        }

        return true;
    }
}
