using EdgeSensor.Decoding;
using EdgeSensor.Decoding.Modbus;

namespace EdgeSensor.Tests.Decoding.Modbus;

/// <summary>Seeded random properties: never throws, never consumes more than given, whole == byte by byte.</summary>
public class ModbusDecoderPropertyTests
{
    private const int Seed = 20240502;

    [Fact]
    public void RandomBytes_NeverThrowAndStayInBounds()
    {
        var random = new Random(Seed);
        for (int i = 0; i < 20_000; i++)
        {
            byte[] bytes = new byte[random.Next(0, 300)];
            random.NextBytes(bytes);
            if (bytes.Length >= 4 && random.Next(2) == 0)
            {
                // Half the cases look like Modbus so the decoder gets past the protocol id.
                bytes[2] = 0;
                bytes[3] = 0;
            }

            DecodeStatus framing = ModbusFraming.TryGetFrameLength(bytes, out int frameLength, out _);
            if (framing == DecodeStatus.Ok)
            {
                Assert.InRange(frameLength, 8, 65535 + 6);
            }
            else
            {
                Assert.Equal(0, frameLength);
            }

            foreach (ModbusDirection direction in new[] { ModbusDirection.Unknown, ModbusDirection.Request, ModbusDirection.Response })
            {
                ModbusDecoder.TryDecode(bytes, direction, out ModbusAdu adu, out _);
                if (ModbusDeviceIdObjectReader.TryCreate(bytes, out ModbusDeviceIdObjectReader reader))
                {
                    int guard = 0;
                    while (reader.TryReadNext(out _, out ReadOnlySpan<byte> value))
                    {
                        Assert.True(value.Length <= bytes.Length);
                        Assert.True(++guard <= 255);
                    }
                }

                Assert.Equal(direction, bytes.Length >= 7 && bytes[2] == 0 && bytes[3] == 0 ? adu.Direction : direction);
            }
        }
    }

    [Fact]
    public void TruncatedValidAdus_NeverThrow_AndFramingAsksForMore()
    {
        var random = new Random(Seed + 1);
        for (int i = 0; i < 2_000; i++)
        {
            byte[] adu = RandomValidAdu(random, out _);
            for (int cut = 0; cut < adu.Length; cut++)
            {
                ReadOnlySpan<byte> head = adu.AsSpan(0, cut);
                DecodeStatus framing = ModbusFraming.TryGetFrameLength(head, out int frameLength, out _);
                Assert.True(framing == DecodeStatus.NeedMoreData || (framing == DecodeStatus.Ok && frameLength > cut));
                DecodeStatus status = ModbusDecoder.TryDecode(head, ModbusDirection.Request, out _, out ModbusMalformedReason reason);
                Assert.NotEqual(DecodeStatus.Ok, status);
                Assert.NotEqual(ModbusMalformedReason.None, reason);
            }
        }
    }

    [Fact]
    public void StreamOfValidAdus_SameResultWholeOrByteByByte()
    {
        var random = new Random(Seed + 2);
        var stream = new List<byte>();
        var directions = new List<ModbusDirection>();
        for (int i = 0; i < 500; i++)
        {
            byte[] adu = RandomValidAdu(random, out ModbusDirection direction);
            stream.AddRange(adu);
            directions.Add(direction);
        }

        byte[] bytes = [.. stream];
        List<ModbusAdu> whole = FrameAll(bytes, directions, chunk: bytes.Length);
        List<ModbusAdu> byByte = FrameAll(bytes, directions, chunk: 1);
        List<ModbusAdu> byRandom = FrameAll(bytes, directions, chunk: 0, random: new Random(Seed + 3));

        Assert.Equal(500, whole.Count);
        Assert.Equal(whole, byByte);
        Assert.Equal(whole, byRandom);
    }

    /// <summary>A test-local framing loop: append chunks, hand out every complete frame, keep the rest.</summary>
    private static List<ModbusAdu> FrameAll(byte[] bytes, List<ModbusDirection> directions, int chunk, Random? random = null)
    {
        var result = new List<ModbusAdu>();
        var buffer = new List<byte>();
        int offset = 0;
        while (offset < bytes.Length)
        {
            int size = random is null ? chunk : random.Next(1, 40);
            size = Math.Min(size, bytes.Length - offset);
            buffer.AddRange(bytes.AsSpan(offset, size).ToArray());
            offset += size;

            while (true)
            {
                byte[] pending = [.. buffer];
                DecodeStatus framing = ModbusFraming.TryGetFrameLength(pending, out int frameLength, out _);
                if (framing == DecodeStatus.NeedMoreData || (framing == DecodeStatus.Ok && frameLength > pending.Length))
                {
                    break;
                }

                Assert.Equal(DecodeStatus.Ok, framing);
                Assert.InRange(frameLength, 8, pending.Length);
                DecodeStatus status = ModbusDecoder.TryDecode(pending.AsSpan(0, frameLength), directions[result.Count], out ModbusAdu adu, out ModbusMalformedReason reason);
                Assert.Equal(ModbusMalformedReason.None, reason);
                Assert.Equal(DecodeStatus.Ok, status);
                result.Add(adu);
                buffer.RemoveRange(0, frameLength);
            }
        }

        Assert.Empty(buffer);
        return result;
    }

    /// <summary>A random, specification-valid ADU of a common function code family.</summary>
    internal static byte[] RandomValidAdu(Random random, out ModbusDirection direction)
    {
        var pdu = new List<byte>();
        direction = random.Next(2) == 0 ? ModbusDirection.Request : ModbusDirection.Response;
        int kind = random.Next(8);
        void U16(int v)
        {
            pdu.Add((byte)(v >> 8));
            pdu.Add((byte)v);
        }

        void Bytes(int n)
        {
            for (int i = 0; i < n; i++)
            {
                pdu.Add((byte)random.Next(256));
            }
        }

        switch (kind)
        {
            case 0: // FC1/2/3/4 read
                int fc = random.Next(1, 5);
                pdu.Add((byte)fc);
                if (direction == ModbusDirection.Request)
                {
                    U16(random.Next(65536));
                    U16(random.Next(1, (fc <= 2 ? ModbusLimits.MaxReadBits : ModbusLimits.MaxReadRegisters) + 1));
                }
                else
                {
                    int count = fc <= 2 ? random.Next(1, 251) : 2 * random.Next(1, 126);
                    pdu.Add((byte)count);
                    Bytes(count);
                }

                break;
            case 1: // FC6 write single register (echo)
                pdu.Add(6);
                U16(random.Next(65536));
                U16(random.Next(65536));
                break;
            case 2: // FC16 write multiple registers
                pdu.Add(16);
                U16(random.Next(65536));
                int quantity = random.Next(1, ModbusLimits.MaxWriteRegisters + 1);
                U16(quantity);
                if (direction == ModbusDirection.Request)
                {
                    pdu.Add((byte)(quantity * 2));
                    Bytes(quantity * 2);
                }

                break;
            case 3: // FC15 write multiple coils
                pdu.Add(15);
                U16(random.Next(65536));
                int coils = random.Next(1, ModbusLimits.MaxWriteBits + 1);
                U16(coils);
                if (direction == ModbusDirection.Request)
                {
                    pdu.Add((byte)((coils + 7) / 8));
                    Bytes((coils + 7) / 8);
                }

                break;
            case 4: // exception
                direction = ModbusDirection.Response;
                pdu.Add((byte)(random.Next(1, 128) | 0x80));
                pdu.Add((byte)random.Next(1, 12));
                break;
            case 5: // FC43/14
                pdu.Add(43);
                pdu.Add(14);
                if (direction == ModbusDirection.Request)
                {
                    pdu.Add((byte)random.Next(1, 5));
                    pdu.Add((byte)random.Next(7));
                }
                else
                {
                    pdu.Add(1);
                    pdu.Add(0x81);
                    pdu.Add(0);
                    pdu.Add(0);
                    int objects = random.Next(0, 4);
                    pdu.Add((byte)objects);
                    for (int i = 0; i < objects; i++)
                    {
                        pdu.Add((byte)i);
                        int length = random.Next(0, 40);
                        pdu.Add((byte)length);
                        Bytes(length);
                    }
                }

                break;
            case 6: // UMAS / user codes: opaque
                pdu.Add((byte)(random.Next(2) == 0 ? 90 : random.Next(100, 111)));
                Bytes(random.Next(0, 200));
                break;
            default: // FC23 read/write
                pdu.Add(23);
                if (direction == ModbusDirection.Request)
                {
                    U16(random.Next(65536));
                    U16(random.Next(1, 126));
                    U16(random.Next(65536));
                    int write = random.Next(1, 122);
                    U16(write);
                    pdu.Add((byte)(write * 2));
                    Bytes(write * 2);
                }
                else
                {
                    int count = 2 * random.Next(1, 126);
                    pdu.Add((byte)count);
                    Bytes(count);
                }

                break;
        }

        int length16 = pdu.Count + 1;
        byte[] adu = new byte[7 + pdu.Count];
        adu[0] = (byte)random.Next(256);
        adu[1] = (byte)random.Next(256);
        adu[4] = (byte)(length16 >> 8);
        adu[5] = (byte)length16;
        adu[6] = (byte)random.Next(256);
        pdu.CopyTo(adu, 7);
        return adu;
    }
}
