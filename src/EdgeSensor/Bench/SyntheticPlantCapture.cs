using System.Buffers.Binary;
using EdgeSensor.Capture;
using EdgeSensor.Decoding.Packet;

namespace EdgeSensor.Bench;

// A plant made up in memory, to measure the plant model over a realistic population rather than the two or three
// devices of a capture. Device d (0-based) has IPv4 10.1.h.l (h, l in 1..250, never .0 / .255) and MAC
// 02:00:00:00:hh:ll; its role is d % 20:
//   0       S7 PLC (ISO-on-TCP server, port 102)
//   1       Modbus/TCP PLC (port 502)
//   2       IT server (HTTPS, port 443)
//   3       HMI: polls 4 S7 PLCs and 4 Modbus PLCs, and one HTTPS server   (9 relations as client)
//   4       engineering station: one S7 PLC, two HTTPS servers                (3)
//   5..19   office or IT host: two HTTPS servers                              (2)
// Every relation is one TCP connection: SYN, SYN-ACK, ACK, then PollsPerConnection request/answer pairs with real
// payloads (copied from shared captures, below), 1 ms apart. Sequence numbers are consistent, so the pipeline's TCP
// reassembly and ICS decoders see ordinary traffic.

/// <summary>A synthetic plant of N devices as frames in memory (see the layout comment above); a capture source.</summary>
public sealed class SyntheticPlantCapture : ICaptureSource
{
    public const int MinDevices = 20;

    public const int MaxDevices = 62_500;

    public const int PollsPerConnection = 3;

    private const int EthernetLength = 14;
    private const int Ipv4Length = 20;
    private const int TcpLength = 20;
    private const int HeadersLength = EthernetLength + Ipv4Length + TcpLength;
    private const byte Syn = 0x02;
    private const byte Psh = 0x08;
    private const byte AckFlag = 0x10;
    private const long StartMicros = 1_767_225_600_000_000L; // 2026-01-01T00:00:00Z
    private const long StepMicros = 1_000;

    // modbus_plant1_polling-baseline.pcap frames 2 and 5: FC 4 read 2 input registers from 0x08D2, and its answer.
    private static ReadOnlySpan<byte> ModbusRequest => [0x00, 0x00, 0x00, 0x00, 0x00, 0x06, 0xFF, 0x04, 0x08, 0xD2, 0x00, 0x02];

    private static ReadOnlySpan<byte> ModbusResponse => [0x00, 0x00, 0x00, 0x00, 0x00, 0x07, 0xFF, 0x04, 0x04, 0x00, 0x00, 0x00, 0x00];

    // s7comm_hmi-read-baseline-15min.pcap: TPKT + COTP DT + S7 Job read var (1 item, DB 1 byte 0) and its Ack_Data.
    private static ReadOnlySpan<byte> S7Request =>
    [
        0x03, 0x00, 0x00, 0x1F, 0x02, 0xF0, 0x80, 0x32, 0x01, 0x00, 0x00, 0x31, 0x06, 0x00, 0x0E, 0x00, 0x00, 0x04, 0x01,
        0x12, 0x0A, 0x10, 0x02, 0x00, 0x01, 0x00, 0x00, 0x81, 0x00, 0x00, 0x00,
    ];

    private static ReadOnlySpan<byte> S7Response =>
    [
        0x03, 0x00, 0x00, 0x1A, 0x02, 0xF0, 0x80, 0x32, 0x03, 0x00, 0x00, 0x31, 0x06, 0x00, 0x02, 0x00, 0x05, 0x00, 0x00,
        0x04, 0x01, 0xFF, 0x04, 0x00, 0x08, 0x00,
    ];

    // A TLS 1.2 application-data record head; the body is filler (the pipeline does not decode TLS).
    private static ReadOnlySpan<byte> TlsRecordHead => [0x17, 0x03, 0x03, 0x00, 0x40];

    private readonly List<(byte[] Frame, long Timestamp)> _frames = [];
    private readonly byte[] _tlsRecord;
    private long _clock = StartMicros;
    private ushort _nextClientPort = 49152;
    private int _next;

    private SyntheticPlantCapture(int devices)
    {
        Devices = devices;
        _tlsRecord = new byte[TlsRecordHead.Length + 0x40];
        TlsRecordHead.CopyTo(_tlsRecord);
        for (int i = TlsRecordHead.Length; i < _tlsRecord.Length; i++)
        {
            _tlsRecord[i] = (byte)(i * 31);
        }

        Build();
    }

    public int Devices { get; }

    /// <summary>Client-server pairs made (one TCP connection each).</summary>
    public int Relations { get; private set; }

    public LinkType LinkType => LinkType.Ethernet;

    public string Description => $"synthetic-plant-{Devices}";

    public string? LastError => null;

    public long FramesRead { get; private set; }

    /// <summary>Builds the plant's frames; <paramref name="devices"/> between <see cref="MinDevices"/> and <see cref="MaxDevices"/>.</summary>
    public static SyntheticPlantCapture Create(int devices)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(devices, MinDevices);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(devices, MaxDevices);
        return new SyntheticPlantCapture(devices);
    }

    public CaptureReadStatus TryReadNext(out CapturedFrame frame)
    {
        if ((uint)_next >= (uint)_frames.Count)
        {
            frame = default;
            return CaptureReadStatus.EndOfCapture;
        }

        var (bytes, timestamp) = _frames[_next++];
        FramesRead++;
        frame = new CapturedFrame(bytes, timestamp, bytes.Length);
        return CaptureReadStatus.Frame;
    }

    public void Dispose()
    {
    }

    private void Build()
    {
        // Servers of each kind, by device index.
        var s7Plcs = new List<int>();
        var modbusPlcs = new List<int>();
        var webServers = new List<int>();
        for (int d = 0; d < Devices; d++)
        {
            switch (d % 20)
            {
                case 0: s7Plcs.Add(d); break;
                case 1: modbusPlcs.Add(d); break;
                case 2: webServers.Add(d); break;
            }
        }

        // Targets are dealt round-robin, so every server is used and the load is even.
        int s7Next = 0;
        int modbusNext = 0;
        int webNext = 0;
        for (int d = 0; d < Devices; d++)
        {
            int role = d % 20;
            if (role == 3)
            {
                for (int k = 0; k < 4; k++)
                {
                    Converse(d, s7Plcs[s7Next++ % s7Plcs.Count], 102, S7Request, S7Response);
                    Converse(d, modbusPlcs[modbusNext++ % modbusPlcs.Count], 502, ModbusRequest, ModbusResponse);
                }

                Converse(d, webServers[webNext++ % webServers.Count], 443, _tlsRecord, _tlsRecord);
            }
            else if (role >= 4)
            {
                if (role == 4)
                {
                    Converse(d, s7Plcs[s7Next++ % s7Plcs.Count], 102, S7Request, S7Response);
                }

                Converse(d, webServers[webNext++ % webServers.Count], 443, _tlsRecord, _tlsRecord);
                Converse(d, webServers[webNext++ % webServers.Count], 443, _tlsRecord, _tlsRecord);
            }
        }
    }

    private void Converse(int client, int server, ushort serverPort, ReadOnlySpan<byte> request, ReadOnlySpan<byte> response)
    {
        Relations++;
        ushort clientPort = _nextClientPort;
        _nextClientPort = _nextClientPort == ushort.MaxValue ? (ushort)49152 : (ushort)(_nextClientPort + 1);
        uint clientSeq = (uint)(client * 7919 + serverPort);
        uint serverSeq = (uint)(server * 104_729 + clientPort);
        var c = new Endpoint(client, clientPort);
        var s = new Endpoint(server, serverPort);
        Add(c, s, clientSeq, 0, Syn, []);
        clientSeq++;
        Add(s, c, serverSeq, clientSeq, Syn | AckFlag, []);
        serverSeq++;
        Add(c, s, clientSeq, serverSeq, AckFlag, []);
        for (int i = 0; i < PollsPerConnection; i++)
        {
            // Modbus transaction ids differ per poll, as a real poller's do.
            byte[] req = request.ToArray();
            byte[] resp = response.ToArray();
            if (serverPort == 502)
            {
                BinaryPrimitives.WriteUInt16BigEndian(req, (ushort)i);
                BinaryPrimitives.WriteUInt16BigEndian(resp, (ushort)i);
            }

            Add(c, s, clientSeq, serverSeq, Psh | AckFlag, req);
            clientSeq += (uint)req.Length;
            Add(s, c, serverSeq, clientSeq, Psh | AckFlag, resp);
            serverSeq += (uint)resp.Length;
        }
    }

    private void Add(Endpoint from, Endpoint to, uint seq, uint ack, int flags, ReadOnlySpan<byte> payload)
    {
        byte[] f = new byte[HeadersLength + payload.Length];
        Span<byte> eth = f.AsSpan(0, EthernetLength);
        WriteMac(eth, to.Device);
        WriteMac(eth[6..], from.Device);
        BinaryPrimitives.WriteUInt16BigEndian(eth[12..], 0x0800);

        Span<byte> ip = f.AsSpan(EthernetLength, Ipv4Length);
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(Ipv4Length + TcpLength + payload.Length));
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], (ushort)_frames.Count);
        ip[6] = 0x40; // don't fragment
        ip[8] = 64;
        ip[9] = 6;
        BinaryPrimitives.WriteUInt32BigEndian(ip[12..], Address(from.Device));
        BinaryPrimitives.WriteUInt32BigEndian(ip[16..], Address(to.Device));
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], Ipv4Checksum(ip));

        Span<byte> tcp = f.AsSpan(EthernetLength + Ipv4Length, TcpLength);
        BinaryPrimitives.WriteUInt16BigEndian(tcp, from.Port);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[2..], to.Port);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[4..], seq);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[8..], ack);
        tcp[12] = 0x50; // data offset 5 words
        tcp[13] = (byte)flags;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[14..], 64_240);
        payload.CopyTo(f.AsSpan(HeadersLength));

        _frames.Add((f, _clock));
        _clock += StepMicros;
    }

    private static uint Address(int device)
    {
        int h = (device / 250) + 1;
        int l = (device % 250) + 1;
        return (10u << 24) | (1u << 16) | ((uint)h << 8) | (uint)l;
    }

    private static void WriteMac(Span<byte> mac, int device)
    {
        mac[0] = 0x02;
        mac[1] = 0;
        mac[2] = 0;
        mac[3] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(mac[4..], (ushort)device);
    }

    private static ushort Ipv4Checksum(ReadOnlySpan<byte> header)
    {
        uint sum = 0;
        for (int i = 0; i + 1 < header.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(header[i..]);
        }

        while ((sum >> 16) != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }

    private readonly record struct Endpoint(int Device, ushort Port);
}
