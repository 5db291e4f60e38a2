using System.Buffers.Binary;
using System.Globalization;

namespace EdgeSensor.Tests.Lab;

/// <summary>
/// Replays a third-party capture of one TCP conversation into the lab, onto the lab's own addresses and MACs.
/// The capture is converted to classic pcap (editcap) with Ethernet padding cut, then rewritten twice with tcprewrite (IPs mapped in both directions by <c>--srcipmap</c>/<c>--dstipmap</c>,
/// checksums fixed): once with the client's MAC and its gateway as Ethernet source/destination, once with the server's.
/// It is then cut into runs of consecutive packets sent by the same side, and each run is sent with tcpreplay from
/// that side's own interface, in order. So every frame enters the lab where a real one would (the client's port, or the
/// server's), with the right MACs, and traverses the router. No real TCP session forms: the hosts' stacks never see the
/// replayed segments (the router blackholes the replayed port), which is fine for a passive sensor.
/// </summary>
public static class PcapReplay
{
    public sealed record Side(string Namespace, string Address, string Mac, string GatewayMac);

    /// <summary>Returns the number of frames sent.</summary>
    public static int ReplayConversation(string capture, Side client, Side server, string workDirectory)
    {
        string normalised = ConvertToPcap(capture, workDirectory);
        var original = ReadPcap(normalised);
        var (origClient, origServer) = Endpoints(original.Frames);
        string map = $"{origClient}/32:{client.Address}/32,{origServer}/32:{server.Address}/32";
        string asClient = Rewrite(normalised, workDirectory, "client", map, client);
        string asServer = Rewrite(normalised, workDirectory, "server", map, server);
        var c = ReadPcap(asClient);
        var s = ReadPcap(asServer);
        if (c.Frames.Count != s.Frames.Count || c.Frames.Count != original.Frames.Count)
        {
            throw new InvalidOperationException("tcprewrite changed the number of frames");
        }

        uint clientIp = Ipv4(client.Address);
        int run = 0;
        int sent = 0;
        for (int i = 0; i < c.Frames.Count;)
        {
            bool fromClient = SourceIp(c.Frames[i].Data) == clientIp;
            int j = i;
            while (j < c.Frames.Count && (SourceIp(c.Frames[j].Data) == clientIp) == fromClient)
            {
                j++;
            }

            var frames = (fromClient ? c : s).Frames.GetRange(i, j - i);
            string path = Path.Combine(workDirectory, string.Create(CultureInfo.InvariantCulture, $"run{run++:D3}.pcap"));
            WritePcap(path, c.Header, frames);
            string ns = fromClient ? client.Namespace : server.Namespace;
            var (rc, _, err) = LabProcess.Exec(ns, TimeSpan.FromSeconds(30), "tcpreplay", "-q", "--topspeed", "-i", AttackLab.HostInterface, path);
            if (rc != 0)
            {
                throw new InvalidOperationException($"tcpreplay in {ns} failed: {err.Trim()}");
            }

            sent += frames.Count;
            i = j;
        }

        return sent;
    }

    /// <summary>
    /// The capture as classic pcap (editcap), with Ethernet padding cut off: tcprewrite 4.4.3 grows the IPv4 total
    /// length over the padding of short frames (a 60-byte bare ACK became a 6-byte segment), even on a no-op rewrite.
    /// </summary>
    private static string ConvertToPcap(string capture, string workDirectory)
    {
        string converted = Path.Combine(workDirectory, "converted.pcap");
        LabProcess.Check("editcap", "-F", "pcap", capture, converted);
        var file = ReadPcap(converted);
        bool little = BinaryPrimitives.ReadUInt32LittleEndian(file.Header) is 0xa1b2c3d4 or 0xa1b23c4d;
        var trimmed = new List<PcapFrame>(file.Frames.Count);
        foreach (var f in file.Frames)
        {
            var d = f.Data;
            int ipEnd = d.Length >= 18 && BinaryPrimitives.ReadUInt16BigEndian(d.AsSpan(12)) == 0x0800
                ? 14 + BinaryPrimitives.ReadUInt16BigEndian(d.AsSpan(16))
                : d.Length;
            if (ipEnd >= d.Length)
            {
                trimmed.Add(f);
                continue;
            }

            byte[] header = (byte[])f.RecordHeader.Clone();
            foreach (int at in new[] { 8, 12 })
            {
                if (little)
                {
                    BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(at), (uint)ipEnd);
                }
                else
                {
                    BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(at), (uint)ipEnd);
                }
            }

            trimmed.Add(new PcapFrame(header, d[..ipEnd]));
        }

        string path = Path.Combine(workDirectory, "original.pcap");
        WritePcap(path, file.Header, trimmed);
        return path;
    }

    private static string Rewrite(string capture, string workDirectory, string side, string map, Side sender)
    {
        string path = Path.Combine(workDirectory, $"as-{side}.pcap");
        LabProcess.Check("tcprewrite", $"--infile={capture}", $"--outfile={path}", $"--srcipmap={map}", $"--dstipmap={map}",
            $"--enet-smac={sender.Mac}", $"--enet-dmac={sender.GatewayMac}", "--fixcsum");
        return path;
    }

    /// <summary>The conversation's client is the sender of the first SYN (else of the first frame).</summary>
    private static (string Client, string Server) Endpoints(List<PcapFrame> frames)
    {
        foreach (var f in frames)
        {
            var d = f.Data;
            if (IsIpv4Tcp(d, out int tcp) && (d[tcp + 13] & 0x12) == 0x02)
            {
                return (Dotted(d, 26), Dotted(d, 30));
            }
        }

        var first = frames[0].Data;
        return (Dotted(first, 26), Dotted(first, 30));
    }

    private static bool IsIpv4Tcp(byte[] d, out int tcp)
    {
        tcp = 0;
        if (d.Length < 34 || BinaryPrimitives.ReadUInt16BigEndian(d.AsSpan(12)) != 0x0800 || d[23] != 6)
        {
            return false;
        }

        tcp = 14 + ((d[14] & 0x0F) * 4);
        return d.Length >= tcp + 20;
    }

    private static uint SourceIp(byte[] d) => d.Length >= 30 ? BinaryPrimitives.ReadUInt32BigEndian(d.AsSpan(26)) : 0;

    private static uint Ipv4(string address) => BinaryPrimitives.ReadUInt32BigEndian(System.Net.IPAddress.Parse(address).GetAddressBytes());

    private static string Dotted(byte[] d, int offset) => string.Create(CultureInfo.InvariantCulture, $"{d[offset]}.{d[offset + 1]}.{d[offset + 2]}.{d[offset + 3]}");

    private sealed record PcapFrame(byte[] RecordHeader, byte[] Data);

    private sealed record PcapFile(byte[] Header, List<PcapFrame> Frames);

    /// <summary>Classic pcap (either byte order, micro- or nanosecond): 24-byte file header, then 16-byte record headers.</summary>
    private static PcapFile ReadPcap(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        bool little = magic is 0xa1b2c3d4 or 0xa1b23c4d;
        if (!little && magic is not (0xd4c3b2a1 or 0x4d3cb2a1))
        {
            throw new InvalidDataException($"{path} is not a classic pcap");
        }

        var frames = new List<PcapFrame>();
        int pos = 24;
        while (pos + 16 <= bytes.Length)
        {
            var len = bytes.AsSpan(pos + 8, 4);
            int incl = (int)(little ? BinaryPrimitives.ReadUInt32LittleEndian(len) : BinaryPrimitives.ReadUInt32BigEndian(len));
            if (incl < 0 || pos + 16 + incl > bytes.Length)
            {
                throw new InvalidDataException($"{path}: truncated record at offset {pos}");
            }

            frames.Add(new PcapFrame(bytes[pos..(pos + 16)], bytes[(pos + 16)..(pos + 16 + incl)]));
            pos += 16 + incl;
        }

        return new PcapFile(bytes[..24], frames);
    }

    private static void WritePcap(string path, byte[] header, List<PcapFrame> frames)
    {
        using var f = File.Create(path);
        f.Write(header);
        foreach (var frame in frames)
        {
            f.Write(frame.RecordHeader);
            f.Write(frame.Data);
        }
    }
}
