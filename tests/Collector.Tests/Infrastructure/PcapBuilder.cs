using EdgeSensor.Decoding.Packet;
using System.Buffers.Binary;

namespace Collector.Tests.Infrastructure;

/// <summary>
/// A classic libpcap file (Ethernet link type) of Ethernet II / IPv4 / TCP frames made in memory, for captures a test
/// makes itself instead of committing third-party ones. Checksums are computed so other tools (tshark) accept it too.
/// <code>
/// file header   magic a1b2c3d4 (4, LE) | version 2.4 | thiszone 0 | sigfigs 0 | snaplen 65535 | linktype 1 (Ethernet)
/// record        ts_sec (4) | ts_usec (4) | incl_len (4) | orig_len (4) | frame
/// frame         Ethernet dst (6) | src (6) | 0x0800 | IPv4 header (20, no options) | TCP header (20, no options) | payload
/// </code>
/// </summary>
internal sealed class PcapBuilder
{
    private const int EthernetLength = 14;
    private const int Ipv4Length = 20;
    private const int TcpLength = 20;

    private readonly MemoryStream _file = new();
    private DateTimeOffset _time;
    private ushort _ipId = 1;

    public PcapBuilder(DateTimeOffset start)
    {
        _time = start;
        Span<byte> header = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0xa1b2c3d4);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 65535);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], 1);
        _file.Write(header);
    }

    public int Frames { get; private set; }

    /// <summary>Appends one TCP segment, a millisecond after the previous frame.</summary>
    public void Tcp(TcpEndpoint source, TcpEndpoint destination, uint seq, uint ack, TcpFlags flags, ReadOnlySpan<byte> payload = default)
    {
        int ipLength = Ipv4Length + TcpLength + payload.Length;
        var frame = new byte[EthernetLength + ipLength];
        source.Mac.CopyTo(frame.AsSpan(6));
        destination.Mac.CopyTo(frame.AsSpan(0));
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), 0x0800);

        Span<byte> ip = frame.AsSpan(EthernetLength, Ipv4Length);
        ip[0] = 0x45;                                           // version 4, IHL 5
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)ipLength);
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], _ipId++);
        ip[6] = 0x40;                                           // don't fragment
        ip[8] = 64;                                             // TTL
        ip[9] = 6;                                              // TCP
        source.Address.GetAddressBytes().CopyTo(ip[12..]);
        destination.Address.GetAddressBytes().CopyTo(ip[16..]);
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], Checksum(ip, 0));

        Span<byte> tcp = frame.AsSpan(EthernetLength + Ipv4Length);
        BinaryPrimitives.WriteUInt16BigEndian(tcp, source.Port);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[2..], destination.Port);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[4..], seq);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[8..], ack);
        tcp[12] = 0x50;                                         // data offset 5 words
        tcp[13] = (byte)flags;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[14..], 64240); // window
        payload.CopyTo(tcp[TcpLength..]);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[16..], TcpChecksum(ip, tcp));

        Span<byte> record = stackalloc byte[16];
        long micros = (_time.ToUnixTimeMilliseconds() * 1000) + (_time.Ticks / 10 % 1000);
        BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)(micros / 1_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(record[4..], (uint)(micros % 1_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(record[8..], (uint)frame.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(record[12..], (uint)frame.Length);
        _file.Write(record);
        _file.Write(frame);
        _time = _time.AddMilliseconds(1);
        Frames++;
    }

    /// <summary>Lets capture time pass before the next frame (e.g. past the sensor's learning period).</summary>
    public void Pause(TimeSpan gap) => _time += gap;

    public void WriteTo(string path) => File.WriteAllBytes(path, _file.ToArray());

    /// <summary>The Internet checksum (RFC 1071) over <paramref name="data"/>, starting from a partial sum.</summary>
    private static ushort Checksum(ReadOnlySpan<byte> data, uint sum)
    {
        int i = 0;
        for (; i + 1 < data.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        }

        if (i < data.Length)
        {
            sum += (uint)data[i] << 8;
        }

        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }

    private static ushort TcpChecksum(ReadOnlySpan<byte> ip, ReadOnlySpan<byte> segment)
    {
        // Pseudo-header: source and destination address, zero, protocol, TCP length.
        uint sum = 0;
        for (int i = 12; i < 20; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(ip[i..]);
        }

        sum += 6u + (uint)segment.Length;
        return Checksum(segment, sum);
    }
}
