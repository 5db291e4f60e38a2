using EdgeSensor.Decoding;
using EdgeSensor.Decoding.S7Comm;
using EdgeSensor.Dissect;

namespace EdgeSensor.Tests.Decoding.S7Comm;

/// <summary>Seeded random inputs: the decoder never throws, never reads past the span, and answers deterministically.</summary>
public class S7CommPropertyTests
{
    private const int Iterations = 20_000;

    [Fact]
    public void Random_bytes_never_throw()
    {
        var random = new Random(7);
        var buffer = new byte[600];
        for (int i = 0; i < Iterations; i++)
        {
            int length = random.Next(0, buffer.Length);
            random.NextBytes(buffer.AsSpan(0, length));
            if (length > 0 && random.Next(2) == 0)
            {
                buffer[0] = S7CommDecoder.ProtocolId;
            }

            if (length > 1 && random.Next(2) == 0)
            {
                buffer[1] = (byte)(random.Next(4) switch { 0 => 1, 1 => 2, 2 => 3, _ => 7 });
            }

            Exercise(buffer.AsSpan(0, length));
        }
    }

    [Fact]
    public void Mutated_and_truncated_fixtures_never_throw_and_never_read_past_the_span()
    {
        var random = new Random(42);
        foreach (byte[] fixture in S7CommReaderTests.AllFixtures())
        {
            for (int i = 0; i < 500; i++)
            {
                byte[] copy = (byte[])fixture.Clone();
                int flips = random.Next(1, 4);
                for (int f = 0; f < flips; f++)
                {
                    copy[random.Next(copy.Length)] = (byte)random.Next(256);
                }

                int length = random.Next(0, copy.Length + 1);
                // Bytes beyond `length` are poisoned: a reader that strays past the span would see them.
                byte[] padded = new byte[length + 64];
                Array.Copy(copy, padded, length);
                padded.AsSpan(length).Fill(0xEE);
                (DecodeStatus status, string fingerprint) first = Exercise(padded.AsSpan(0, length));
                padded.AsSpan(length).Fill(0x11);
                (DecodeStatus status, string fingerprint) second = Exercise(padded.AsSpan(0, length));
                Assert.Equal(first, second);
            }
        }
    }

    private static (DecodeStatus, string) Exercise(ReadOnlySpan<byte> bytes)
    {
        S7CommDecoder.TryReadHeader(bytes, out _, out _);
        var reader = new S7CommReader(bytes);
        DecodeStatus status = reader.TryRead(out S7Pdu pdu, out S7MalformedReason reason);
        long sum = (long)reason + pdu.ItemCount + pdu.ServiceName.Length + pdu.FileName.Length;
        int steps = 0;
        foreach (S7RequestItem item in pdu.GetRequestItems())
        {
            sum += item.Address + item.Area + item.DbNumber + item.Spec.Length;
            Assert.True(++steps <= bytes.Length, "request items must make progress");
        }

        steps = 0;
        foreach (S7DataItem item in pdu.GetDataItems())
        {
            sum += item.ReturnCode + item.Value.Length;
            Assert.True(++steps <= bytes.Length, "data items must make progress");
        }

        if (pdu.TryGetSzlData(out S7SzlData szl))
        {
            steps = 0;
            foreach (ReadOnlySpan<byte> record in szl.GetRecords())
            {
                sum += record.Length;
                Assert.True(++steps <= bytes.Length, "SZL records must make progress");
            }
        }

        var state = default(S7UserdataFragmentState);
        state.TryGetSzlId(pdu, out ushort id, out _);
        var row = new TsvRow(S7TsvFormatter.Columns);
        S7TsvFormatter.FillS7Comm(row, bytes);
        var text = new StringWriter();
        row.WriteTo(text);
        return (status, $"{sum}/{id}/{text}");
    }
}
