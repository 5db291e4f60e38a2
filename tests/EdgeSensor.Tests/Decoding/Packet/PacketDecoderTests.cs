using EdgeSensor.Decoding;
using EdgeSensor.Decoding.Packet;

namespace EdgeSensor.Tests.Decoding.Packet;

public sealed class PacketDecoderTests
{
    // Ethernet II + 802.1Q (VLAN 20) + IPv4 + TCP, Modbus request payload of 12 bytes, 2 bytes of Ethernet padding.
    private static readonly byte[] VlanIPv4Tcp =
    [
        0x00, 0x1b, 0x1b, 0x01, 0x02, 0x03,             // destination MAC 00:1b:1b:01:02:03 (Siemens OUI)
        0x3c, 0x52, 0x82, 0xaa, 0xbb, 0xcc,             // source MAC
        0x81, 0x00,                                     // TPID 802.1Q
        0x20, 0x14,                                     // PCP 1, DEI 0, VLAN id 20
        0x08, 0x00,                                     // EtherType IPv4
        0x45, 0x00,                                     // version 4, IHL 5 (20 bytes), DSCP/ECN
        0x00, 0x34,                                     // total length 52 = 20 IP + 20 TCP + 12 payload
        0x12, 0x34, 0x40, 0x00,                         // id, flags DF, fragment offset 0
        0x40, 0x06, 0x00, 0x00,                         // TTL 64, protocol TCP, checksum (not checked)
        0x0a, 0x00, 0x14, 0x05,                         // source 10.0.20.5
        0x0a, 0x00, 0x14, 0x0a,                         // destination 10.0.20.10
        0xc3, 0x50, 0x01, 0xf6,                         // source port 50000, destination port 502
        0x00, 0x00, 0x03, 0xe8,                         // sequence 1000
        0x00, 0x00, 0x07, 0xd0,                         // acknowledgement 2000
        0x50, 0x18, 0x20, 0x00,                         // data offset 5 (20 bytes), flags PSH|ACK, window 8192
        0x00, 0x00, 0x00, 0x00,                         // checksum, urgent pointer
        0x00, 0x01, 0x00, 0x00, 0x00, 0x06, 0x01,       // MBAP: trans 1, proto 0, length 6, unit 1
        0x03, 0x00, 0x00, 0x00, 0x0a,                   // FC 3, reference 0, count 10
        0x00, 0x00,                                     // Ethernet padding: not part of the IP datagram
    ];

    [Fact]
    public void Decodes_vlan_ipv4_tcp_and_trims_ethernet_padding()
    {
        var status = PacketDecoder.TryDecode(LinkType.Ethernet, VlanIPv4Tcp, out var info, out var reason);

        Assert.Equal(DecodeStatus.Ok, status);
        Assert.Equal(PacketMalformedReason.None, reason);
        Assert.Equal(20, info.VlanId);
        Assert.Equal(1, info.VlanTagCount);
        Assert.Equal(0x001b1b010203UL, info.DestinationMac);
        Assert.Equal("10.0.20.5", info.Source.ToString());
        Assert.Equal("10.0.20.10", info.Destination.ToString());
        Assert.True(info.IsTcp);
        Assert.Equal(50000, info.SourcePort);
        Assert.Equal(502, info.DestinationPort);
        Assert.Equal(1000u, info.Sequence);
        Assert.Equal(TcpFlags.Psh | TcpFlags.Ack, info.TcpFlags);
        Assert.Equal(12, info.PayloadLength);
        Assert.Equal(0x00, VlanIPv4Tcp[info.PayloadOffset]);
        Assert.Equal(0x03, VlanIPv4Tcp[info.PayloadOffset + 7]);
    }

    [Fact]
    public void Decodes_qinq_keeping_both_vlan_ids()
    {
        byte[] frame =
        [
            .. VlanIPv4Tcp.AsSpan(0, 12),
            0x88, 0xa8, 0x00, 0x64,                     // 802.1ad outer tag, VLAN 100
            0x81, 0x00, 0x00, 0x14,                     // 802.1Q inner tag, VLAN 20
            .. VlanIPv4Tcp.AsSpan(16),                  // EtherType IPv4 onwards
        ];

        Assert.Equal(DecodeStatus.Ok, PacketDecoder.TryDecode(LinkType.Ethernet, frame, out var info, out _));
        Assert.Equal(100, info.VlanId);
        Assert.Equal(20, info.InnerVlanId);
        Assert.Equal(2, info.VlanTagCount);
        Assert.Equal(502, info.DestinationPort);
    }

    [Fact]
    public void Decodes_linux_cooked_capture()
    {
        byte[] frame =
        [
            0x00, 0x00,                                 // packet type: to us
            0x00, 0x01,                                 // ARPHRD_ETHER
            0x00, 0x06,                                 // address length 6
            0x3c, 0x52, 0x82, 0xaa, 0xbb, 0xcc, 0x00, 0x00, // address (8, padded)
            0x08, 0x00,                                 // protocol IPv4
            .. VlanIPv4Tcp.AsSpan(18),                  // IPv4 header onwards
        ];

        Assert.Equal(DecodeStatus.Ok, PacketDecoder.TryDecode(LinkType.LinuxSll, frame, out var info, out _));
        Assert.Equal(0x3c5282aabbccUL, info.SourceMac);
        Assert.Equal(502, info.DestinationPort);
        Assert.Equal(12, info.PayloadLength);
    }

    [Fact]
    public void Decodes_ipv6_with_a_destination_options_header()
    {
        byte[] frame =
        [
            .. VlanIPv4Tcp.AsSpan(0, 12),
            0x86, 0xdd,                                 // EtherType IPv6
            0x60, 0x00, 0x00, 0x00,                     // version 6, class, flow
            0x00, 0x24,                                 // payload length 36 = 8 ext + 20 TCP + 8 data
            0x3c, 0x40,                                 // next header 60 (destination options), hop limit 64
            0xfd, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, // source fd00::1
            0xfd, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, // destination fd00::2
            0x06, 0x00, 0x01, 0x04, 0x00, 0x00, 0x00, 0x00, // dest options: next TCP, length 0 (8 bytes), PadN
            0xd4, 0x31, 0x00, 0x66,                     // ports 54321 -> 102
            0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x18, 0x10, 0x00, 0, 0, 0, 0, // seq 1, ack 0, offset 5, PSH|ACK
            0x03, 0x00, 0x00, 0x08, 0x02, 0xf0, 0x80, 0x32, // TPKT length 8, COTP DT EOT, S7 protocol id
        ];

        Assert.Equal(DecodeStatus.Ok, PacketDecoder.TryDecode(LinkType.Ethernet, frame, out var info, out _));
        Assert.Equal(6, info.IpVersion);
        Assert.Equal("fd00::1", info.Source.ToString());
        Assert.Equal(102, info.DestinationPort);
        Assert.Equal(8, info.PayloadLength);
    }

    [Fact]
    public void Total_length_zero_from_segmentation_offload_takes_the_captured_length()
    {
        byte[] frame = (byte[])VlanIPv4Tcp.Clone();
        frame[20] = 0x00;
        frame[21] = 0x00;                               // IPv4 total length 0: captured on the sender before TSO

        Assert.Equal(DecodeStatus.Ok, PacketDecoder.TryDecode(LinkType.Ethernet, frame, out var info, out _));
        Assert.Equal(14, info.PayloadLength);           // no length to trim the 2 padding bytes by
    }

    [Fact]
    public void Flags_ipv4_fragments_and_skips_transport_of_later_fragments()
    {
        byte[] frame = (byte[])VlanIPv4Tcp.Clone();
        frame[24] = 0x00;
        frame[25] = 0x10;                               // fragment offset 16 (x8 bytes), MF clear

        Assert.Equal(DecodeStatus.Ok, PacketDecoder.TryDecode(LinkType.Ethernet, frame, out var info, out _));
        Assert.True(info.IsFragment);
        Assert.False(info.IsFirstFragment);
        Assert.False(info.IsTcp);
    }

    [Theory]
    [InlineData(10, PacketMalformedReason.LinkHeaderTruncated)]
    [InlineData(17, PacketMalformedReason.LinkHeaderTruncated)]
    [InlineData(30, PacketMalformedReason.IPv4HeaderTruncated)]
    [InlineData(45, PacketMalformedReason.TcpHeaderTruncated)]
    public void Truncated_frames_are_malformed_with_a_reason(int length, PacketMalformedReason expected)
    {
        var status = PacketDecoder.TryDecode(LinkType.Ethernet, VlanIPv4Tcp.AsSpan(0, length), out _, out var reason);

        Assert.Equal(DecodeStatus.Malformed, status);
        Assert.Equal(expected, reason);
    }

    [Fact]
    public void Bad_tcp_data_offset_is_malformed()
    {
        byte[] frame = (byte[])VlanIPv4Tcp.Clone();
        frame[50] = 0x20;                               // data offset 2 words: below the 20-byte minimum

        Assert.Equal(DecodeStatus.Malformed, PacketDecoder.TryDecode(LinkType.Ethernet, frame, out _, out var reason));
        Assert.Equal(PacketMalformedReason.TcpBadDataOffset, reason);
    }

    [Fact]
    public void Non_ip_frames_are_ok_without_an_ip_header()
    {
        byte[] arp = [.. VlanIPv4Tcp.AsSpan(0, 12), 0x08, 0x06, .. new byte[28]];

        Assert.Equal(DecodeStatus.Ok, PacketDecoder.TryDecode(LinkType.Ethernet, arp, out var info, out _));
        Assert.Equal(0, info.IpVersion);
        Assert.Equal(0x0806, info.EtherType);
    }

    [Fact]
    public void Never_throws_on_random_or_truncated_bytes()
    {
        var random = new Random(20261127);
        var buffer = new byte[200];
        foreach (var link in new[] { LinkType.Ethernet, LinkType.LinuxSll, LinkType.LinuxSll2, LinkType.Raw, LinkType.Null })
        {
            for (int i = 0; i < 20_000; i++)
            {
                random.NextBytes(buffer);
                if (i % 2 == 0)
                {
                    VlanIPv4Tcp.AsSpan(0, Math.Min(VlanIPv4Tcp.Length, random.Next(VlanIPv4Tcp.Length))).CopyTo(buffer);
                }

                int length = random.Next(buffer.Length + 1);
                var status = PacketDecoder.TryDecode(link, buffer.AsSpan(0, length), out var info, out _);
                if (status == DecodeStatus.Ok && info.PayloadOffset > 0)
                {
                    Assert.InRange(info.PayloadOffset + info.PayloadLength, 0, length);
                    Assert.True(info.PayloadLength >= 0);
                }
            }
        }
    }
}
