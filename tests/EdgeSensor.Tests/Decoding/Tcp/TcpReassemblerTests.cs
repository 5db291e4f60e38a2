using EdgeSensor.Decoding.Packet;
using EdgeSensor.Decoding.Tcp;

namespace EdgeSensor.Tests.Decoding.Tcp;

public sealed class TcpReassemblerTests
{
    private static byte[] Bytes(int start, int count) => Enumerable.Range(start, count).Select(i => (byte)i).ToArray();

    private static (byte[] Data, bool Gap, bool Late) Feed(ref TcpDirectionState s, uint seq, byte[] payload, TcpFlags flags = TcpFlags.Ack)
    {
        var d = TcpReassembler.Accept(ref s, seq, flags, payload);
        return (d.Data.ToArray(), d.GapBefore, d.Late);
    }

    private static void Expect(byte[] data, bool gap, bool late, (byte[] Data, bool Gap, bool Late) got)
    {
        Assert.Equal(data, got.Data);
        Assert.Equal(gap, got.Gap);
        Assert.Equal(late, got.Late);
    }

    [Fact]
    public void In_order_segments_pass_through_and_a_syn_sets_the_start()
    {
        var s = default(TcpDirectionState);
        Assert.Empty(Feed(ref s, 999, [], TcpFlags.Syn).Data);
        Expect(Bytes(0, 10), false, false, Feed(ref s, 1000, Bytes(0, 10)));
        Expect(Bytes(10, 5), false, false, Feed(ref s, 1010, Bytes(10, 5)));
        Assert.False(s.StartedMidstream);
        Assert.Equal(15, s.Bytes);
    }

    [Fact]
    public void A_capture_that_starts_mid_connection_starts_at_the_first_segment()
    {
        var s = default(TcpDirectionState);
        Expect(Bytes(0, 10), false, false, Feed(ref s, 123456, Bytes(0, 10)));
        Assert.True(s.StartedMidstream);
    }

    [Fact]
    public void Retransmissions_are_dropped_and_partial_overlaps_trimmed()
    {
        var s = default(TcpDirectionState);
        Feed(ref s, 1000, Bytes(0, 10));
        Assert.Empty(Feed(ref s, 1000, Bytes(0, 10)).Data);                       // full retransmission
        Expect(Bytes(10, 5), false, false, Feed(ref s, 1005, Bytes(5, 10))); // repacketised: only the new 5 bytes
        Assert.Equal(2, s.Retransmissions);
    }

    [Fact]
    public void A_segment_ahead_is_delivered_at_once_after_a_gap()
    {
        var s = default(TcpDirectionState);
        Feed(ref s, 1000, Bytes(0, 10));
        Expect(Bytes(20, 10), true, false, Feed(ref s, 1020, Bytes(20, 10)));
        Assert.Equal(1, s.Gaps);
        Assert.Equal(1030u, s.NextSequence);
    }

    [Fact]
    public void A_late_segment_that_fills_the_hole_is_delivered_as_late_once()
    {
        var s = default(TcpDirectionState);
        Feed(ref s, 1000, Bytes(0, 10));
        Feed(ref s, 1020, Bytes(20, 10));                                          // hole [1010, 1020)
        Expect(Bytes(10, 10), true, true, Feed(ref s, 1010, Bytes(10, 10)));
        Assert.False(s.HasHole);
        Assert.Empty(Feed(ref s, 1010, Bytes(10, 10)).Data);                       // now a plain retransmission
        Assert.Equal(1, s.LateFills);
    }

    [Fact]
    public void Sequence_numbers_wrap_around()
    {
        var s = default(TcpDirectionState);
        Feed(ref s, uint.MaxValue - 4, Bytes(0, 10));
        Expect(Bytes(10, 10), false, false, Feed(ref s, 5, Bytes(10, 10)));
        Assert.Equal(0, s.Gaps);
    }

    [Fact]
    public void A_sequence_half_the_space_away_does_not_throw()
    {
        var s = default(TcpDirectionState);
        Feed(ref s, 0x8000_0000, Bytes(0, 10));
        var d = Feed(ref s, 0x0000_000A, Bytes(0, 10));                            // exactly int.MinValue behind
        Assert.True(d.Data.Length <= 10);
    }

    [Fact]
    public void Random_segmentation_with_duplicates_delivers_the_stream_once_in_order()
    {
        var random = new Random(7);
        for (int round = 0; round < 300; round++)
        {
            byte[] stream = new byte[random.Next(1, 3000)];
            random.NextBytes(stream);
            var segments = new List<(uint Seq, byte[] Data)>();
            uint isn = (uint)random.Next() * 2;
            for (int at = 0; at < stream.Length;)
            {
                int n = Math.Min(random.Next(1, 200), stream.Length - at);
                segments.Add((isn + (uint)at, stream.AsSpan(at, n).ToArray()));
                at += n;
            }

            for (int k = 0; k < 3; k++)
            {
                int i = random.Next(segments.Count);
                segments.Insert(Math.Min(segments.Count, i + random.Next(1, 4)), segments[i]);   // retransmit later
            }

            var s = default(TcpDirectionState);
            TcpReassembler.Accept(ref s, isn - 1, TcpFlags.Syn, []);
            var got = new List<byte>();
            foreach (var (seq, data) in segments)
            {
                var d = TcpReassembler.Accept(ref s, seq, TcpFlags.Ack, data);
                Assert.False(d.GapBefore);
                got.AddRange(d.Data.ToArray());
            }

            Assert.Equal(stream, got.ToArray());
        }
    }
}
