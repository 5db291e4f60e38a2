using System.Buffers.Binary;
using System.Net;

namespace EdgeSensor.Tests.Support;

/// <summary>
/// One frame as <see cref="IndependentCaptureReader"/> sees it: lengths, and the outer IP header's addresses and
/// transport ports (null / -1 when the frame has none).
/// </summary>
public readonly record struct ReaderFrame(
    int Number,
    int CapturedLength,
    int OriginalLength,
    string? Source,
    string? Destination,
    int Protocol,
    int SourcePort,
    int DestinationPort,
    bool CarriesEmbeddedIpHeader);

/// <summary>
/// A deliberately small pcap/pcapng reader with its own Ethernet/802.1Q/IPv4/IPv6 parsing, written for tests that need
/// an oracle for per-address counts which shares no code with the sensor (<c>EdgeSensor.Capture</c>,
/// <c>EdgeSensor.Decoding</c>). Ethernet link type only; the outer IP header only (like tshark's <c>ip.src</c> with
/// <c>-E occurrence=f</c>); TCP/UDP ports only in unfragmented or first fragments. Not fast, not defensive beyond what
/// the shared captures need: it throws on anything it does not understand.
/// </summary>
public static class IndependentCaptureReader
{
    private const int LinkTypeEthernet = 1;

    public static List<ReaderFrame> Read(string path)
    {
        byte[] file = File.ReadAllBytes(path);
        var frames = new List<ReaderFrame>();
        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(file);
        if (magic == 0x0A0D0D0A)
        {
            ReadPcapNg(file, frames);
        }
        else
        {
            ReadPcap(file, frames);
        }

        return frames;
    }

    private static void ReadPcap(byte[] file, List<ReaderFrame> frames)
    {
        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(file);
        bool little = magic is 0xA1B2C3D4 or 0xA1B23C4D;
        bool big = magic is 0xD4C3B2A1 or 0x4D3CB2A1;
        if (!little && !big)
        {
            throw new InvalidDataException($"not a pcap file (magic 0x{magic:x8})");
        }

        uint U32(int at) => little ? BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at)) : BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(at));
        RequireEthernet((int)U32(20));
        int offset = 24;
        while (offset + 16 <= file.Length)
        {
            int captured = (int)U32(offset + 8);
            int original = (int)U32(offset + 12);
            frames.Add(Parse(frames.Count + 1, file.AsSpan(offset + 16, captured), original));
            offset += 16 + captured;
        }
    }

    private static void ReadPcapNg(byte[] file, List<ReaderFrame> frames)
    {
        bool little = true;
        var linkTypes = new List<int>();
        int offset = 0;
        while (offset + 12 <= file.Length)
        {
            uint type = little ? BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset)) : BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(offset));
            if (type == 0x0A0D0D0A)
            {
                // Section header: the byte-order magic says how every later number in the section is written.
                little = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset + 8)) == 0x1A2B3C4D;
                linkTypes.Clear();
            }

            uint U32(int at) => little ? BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at)) : BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(at));
            int length = (int)U32(offset + 4);
            switch (type)
            {
                case 1: // interface description
                    linkTypes.Add(little ? BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(offset + 8)) : BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(offset + 8)));
                    break;
                case 6: // enhanced packet
                    RequireEthernet(linkTypes[(int)U32(offset + 8)]);
                    frames.Add(Parse(frames.Count + 1, file.AsSpan(offset + 28, (int)U32(offset + 20)), (int)U32(offset + 24)));
                    break;
                case 3: // simple packet: captured = what the block holds, at most the original length
                    RequireEthernet(linkTypes[0]);
                    int original = (int)U32(offset + 8);
                    frames.Add(Parse(frames.Count + 1, file.AsSpan(offset + 12, Math.Min(original, length - 16)), original));
                    break;
                case 2: // obsolete packet block
                    RequireEthernet(linkTypes[little ? BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(offset + 8)) : BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(offset + 8))]);
                    frames.Add(Parse(frames.Count + 1, file.AsSpan(offset + 28, (int)U32(offset + 20)), (int)U32(offset + 24)));
                    break;
            }

            offset += length;
        }
    }

    private static void RequireEthernet(int linkType)
    {
        if (linkType != LinkTypeEthernet)
        {
            throw new NotSupportedException($"link type {linkType}: this reader knows Ethernet only");
        }
    }

    private static ReaderFrame Parse(int number, ReadOnlySpan<byte> frame, int original)
    {
        var none = new ReaderFrame(number, frame.Length, original, null, null, -1, -1, -1, false);
        if (frame.Length < 14)
        {
            return none;
        }

        int at = 12;
        ushort etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[at..]);
        while (etherType is 0x8100 or 0x88A8 or 0x9100 && frame.Length >= at + 6)
        {
            at += 4;
            etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[at..]);
        }

        at += 2;
        ReadOnlySpan<byte> ip = frame[at..];
        string source;
        string destination;
        int protocol;
        ReadOnlySpan<byte> transport;
        if (etherType == 0x0800 && ip.Length >= 20 && (ip[0] >> 4) == 4)
        {
            source = new IPAddress(ip.Slice(12, 4)).ToString();
            destination = new IPAddress(ip.Slice(16, 4)).ToString();
            protocol = ip[9];
            int headerLength = (ip[0] & 0x0F) * 4;
            bool laterFragment = (BinaryPrimitives.ReadUInt16BigEndian(ip[6..]) & 0x1FFF) != 0;
            transport = laterFragment || ip.Length < headerLength ? default : ip[headerLength..];
        }
        else if (etherType == 0x86DD && ip.Length >= 40 && (ip[0] >> 4) == 6)
        {
            source = new IPAddress(ip.Slice(8, 16)).ToString();
            destination = new IPAddress(ip.Slice(24, 16)).ToString();
            protocol = ip[6];       // no extension headers in the captures this is used on: then it is not TCP/UDP below
            transport = ip[40..];
        }
        else
        {
            return none;
        }

        int sourcePort = -1;
        int destinationPort = -1;
        if (protocol is 6 or 17 && transport.Length >= 4)
        {
            sourcePort = BinaryPrimitives.ReadUInt16BigEndian(transport);
            destinationPort = BinaryPrimitives.ReadUInt16BigEndian(transport[2..]);
        }

        // ICMP errors quote the offending IP header (tshark then reports a second ip.src/ip.dst in the frame).
        bool embedded = protocol == 1 && transport.Length >= 8 + 20 && transport[0] is 3 or 4 or 5 or 11 or 12 && (transport[8] >> 4) == 4;
        return new ReaderFrame(number, frame.Length, original, source, destination, protocol, sourcePort, destinationPort, embedded);
    }
}
