using EdgeSensor.Decoding;
using EdgeSensor.Decoding.S7CommPlus;
using EdgeSensor.Dissect;

namespace EdgeSensor.Tests.Decoding.S7CommPlus;

/// <summary>Seeded random payload sequences: no throw, no read past the span, and replay gives the same answers.</summary>
public class S7PlusPropertyTests
{
    [Fact]
    public void Random_payloads_never_throw_and_never_read_past_the_span()
    {
        var random = new Random(1234);
        var state = default(S7PlusFragmentState);
        for (int i = 0; i < 20_000; i++)
        {
            int length = random.Next(0, 200);
            byte[] padded = new byte[length + 16];
            random.NextBytes(padded.AsSpan(0, length));
            if (length > 0 && random.Next(4) != 0)
            {
                padded[0] = S7PlusDecoder.ProtocolId;
            }

            padded.AsSpan(length).Fill(0xEE);
            S7PlusFragmentState before = state;
            DecodeStatus a = S7PlusDecoder.TryRead(padded.AsSpan(0, length), ref state, out S7PlusHeader ha, out S7PlusMalformedReason ra);
            S7PlusFragmentState after = state;

            padded.AsSpan(length).Fill(0x11);
            state = before;
            DecodeStatus b = S7PlusDecoder.TryRead(padded.AsSpan(0, length), ref state, out S7PlusHeader hb, out S7PlusMalformedReason rb);
            Assert.Equal((a, ra, ha), (b, rb, hb));
            Assert.Equal(after, state);
            var row = new TsvRow(S7TsvFormatter.Columns);
            S7TsvFormatter.FillS7Plus(row, ha);
        }
    }

    [Fact]
    public void Replaying_the_same_payload_sequence_gives_the_same_fragments()
    {
        var random = new Random(99);
        var sequence = new List<byte[]>();
        for (int i = 0; i < 2_000; i++)
        {
            sequence.Add(RandomPayload(random));
        }

        List<(DecodeStatus, S7PlusHeader, S7PlusMalformedReason)> first = Run(sequence);
        List<(DecodeStatus, S7PlusHeader, S7PlusMalformedReason)> second = Run(sequence);
        Assert.Equal(first, second);
        Assert.Contains(first, r => r.Item2.Fragment == S7PlusFragment.First);
        Assert.Contains(first, r => r.Item2.Fragment == S7PlusFragment.Middle);
        Assert.Contains(first, r => r.Item2.Fragment == S7PlusFragment.Last);
        Assert.Contains(first, r => r.Item2.Fragment == S7PlusFragment.Single);
    }

    private static List<(DecodeStatus, S7PlusHeader, S7PlusMalformedReason)> Run(List<byte[]> sequence)
    {
        var state = default(S7PlusFragmentState);
        var results = new List<(DecodeStatus, S7PlusHeader, S7PlusMalformedReason)>(sequence.Count);
        foreach (byte[] payload in sequence)
        {
            DecodeStatus s = S7PlusDecoder.TryRead(payload, ref state, out S7PlusHeader h, out S7PlusMalformedReason r);
            results.Add((s, h, r));
        }

        return results;
    }

    // Well-formed-looking payloads of the kinds seen on the wire: with or without trailer, versions 1-3, keep-alives.
    private static byte[] RandomPayload(Random random)
    {
        int kind = random.Next(10);
        if (kind == 0)
        {
            return [0x72, 0xFF, (byte)random.Next(256), 0x00];
        }

        if (kind == 1)
        {
            return [0x72, 0xFE, 0x00, 0x04, 0, 0, 0, 0];
        }

        byte version = (byte)random.Next(1, 4);
        int dataLength = random.Next(0, 60);
        bool trailer = random.Next(2) == 0;
        var payload = new byte[4 + dataLength + (trailer ? 4 : 0)];
        payload[0] = 0x72;
        payload[1] = version;
        payload[2] = (byte)(dataLength >> 8);
        payload[3] = (byte)dataLength;
        random.NextBytes(payload.AsSpan(4, dataLength));
        if (dataLength > 0)
        {
            payload[4] = version == 3 ? (byte)random.Next(0, 40) : (byte)(0x31 + random.Next(3));
        }

        if (trailer)
        {
            payload[^4] = 0x72;
            payload[^3] = version;
        }

        return payload;
    }
}
