using System.Buffers.Binary;
using EdgeSensor.Decoding;
using EdgeSensor.Decoding.Tcp;

namespace EdgeSensor.Tests.Decoding.Tcp;

public sealed class PduStreamTests
{
    /// <summary>A toy framing: magic 0xAB, then a 1-byte length of the whole PDU (3..64).</summary>
    private readonly struct ToyFraming : IPduFraming
    {
        public static int HeaderLength => 2;

        public static int MaxFrameLength => 64;

        public static DecodeStatus TryGetFrameLength(ReadOnlySpan<byte> stream, out int frameLength, out byte reason)
        {
            frameLength = 0;
            reason = 0;
            if (stream.Length >= 1 && stream[0] != 0xAB)
            {
                return DecodeStatus.NotThisProtocol;
            }

            if (stream.Length < 2)
            {
                return DecodeStatus.NeedMoreData;
            }

            frameLength = stream[1];
            if (frameLength < 3)
            {
                reason = 1;
                return DecodeStatus.Malformed;
            }

            return DecodeStatus.Ok;
        }
    }

    private sealed class Receiver : IPduReceiver
    {
        public List<byte[]> Pdus { get; } = [];

        public int Rejected { get; private set; }

        public int Abandoned { get; private set; }

        public void OnPdu(ReadOnlySpan<byte> pdu) => Pdus.Add(pdu.ToArray());

        public void OnRejected(ReadOnlySpan<byte> rest, DecodeStatus status, byte reason) => Rejected++;

        public void OnAbandoned(int bytes) => Abandoned += bytes;
    }

    private static byte[] Pdu(byte length, byte fill) => [0xAB, length, .. Enumerable.Repeat(fill, length - 2)];

    [Fact]
    public void Several_pdus_in_one_segment_are_cut_without_copying_state()
    {
        var state = default(PduStreamState);
        var pool = new BufferPool(64, 2);
        var r = new Receiver();
        PduStream.Process<ToyFraming>(ref state, [.. Pdu(4, 1), .. Pdu(5, 2), .. Pdu(3, 3)], false, pool, r);
        Assert.Equal([Pdu(4, 1), Pdu(5, 2), Pdu(3, 3)], r.Pdus);
        Assert.Equal(0, state.PendingLength);
        Assert.Equal(0, pool.Created);
    }

    [Fact]
    public void One_pdu_over_several_segments_completes_in_the_last_one()
    {
        var state = default(PduStreamState);
        var pool = new BufferPool(64, 2);
        var r = new Receiver();
        byte[] pdu = Pdu(20, 9);
        PduStream.Process<ToyFraming>(ref state, pdu.AsSpan(0, 1), false, pool, r);   // not even the length yet
        PduStream.Process<ToyFraming>(ref state, pdu.AsSpan(1, 10), false, pool, r);
        Assert.Empty(r.Pdus);
        PduStream.Process<ToyFraming>(ref state, [.. pdu.AsSpan(11), .. Pdu(3, 7)], false, pool, r);
        Assert.Equal([pdu, Pdu(3, 7)], r.Pdus);
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public void Bytes_that_are_not_the_protocol_skip_to_the_next_segment()
    {
        var state = default(PduStreamState);
        var pool = new BufferPool(64, 2);
        var r = new Receiver();
        PduStream.Process<ToyFraming>(ref state, [0x16, 0x03, 0x01, 0x00], false, pool, r);  // a TLS record on our port
        PduStream.Process<ToyFraming>(ref state, Pdu(4, 1), false, pool, r);
        Assert.Equal(1, r.Rejected);
        Assert.Equal([Pdu(4, 1)], r.Pdus);
    }

    [Fact]
    public void A_gap_abandons_the_partial_pdu_and_resynchronises()
    {
        var state = default(PduStreamState);
        var pool = new BufferPool(64, 2);
        var r = new Receiver();
        PduStream.Process<ToyFraming>(ref state, Pdu(20, 1).AsSpan(0, 8), false, pool, r);
        PduStream.Process<ToyFraming>(ref state, Pdu(4, 2), true, pool, r);
        Assert.Equal(8, r.Abandoned);
        Assert.Equal([Pdu(4, 2)], r.Pdus);
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public void Whole_or_byte_by_byte_gives_the_same_pdus()
    {
        var random = new Random(11);
        for (int round = 0; round < 200; round++)
        {
            var stream = new List<byte>();
            int count = random.Next(1, 20);
            for (int i = 0; i < count; i++)
            {
                stream.AddRange(Pdu((byte)random.Next(3, 65), (byte)i));
            }

            byte[] bytes = [.. stream];
            var whole = new Receiver();
            var state = default(PduStreamState);
            var pool = new BufferPool(64, 2);
            PduStream.Process<ToyFraming>(ref state, bytes, false, pool, whole);

            var bytewise = new Receiver();
            var state2 = default(PduStreamState);
            foreach (byte b in bytes)
            {
                PduStream.Process<ToyFraming>(ref state2, [b], false, pool, bytewise);
            }

            Assert.Equal(count, whole.Pdus.Count);
            Assert.Equal(whole.Pdus, bytewise.Pdus);
            Assert.Equal(0, pool.Outstanding);
            _ = BinaryPrimitives.ReverseEndianness(0);
        }
    }
}
