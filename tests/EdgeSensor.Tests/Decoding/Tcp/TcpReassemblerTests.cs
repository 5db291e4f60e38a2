using EdgeSensor.Decoding.Packet;
using EdgeSensor.Decoding.Tcp;

namespace EdgeSensor.Tests.Decoding.Tcp;

public sealed class TcpReassemblerTests
{
    private readonly BufferPool _pool = new(4096, 4);

    private static byte[] Bytes(int start, int count) => Enumerable.Range(start, count).Select(i => (byte)i).ToArray();

    private List<byte> Collect(ref TcpDirectionState s, uint seq, byte[] payload, List<string> events, TcpFlags flags = TcpFlags.Ack)
    {
        var d = TcpReassembler.Accept(ref s, seq, flags, payload, _pool);
        var got = new List<byte>();
        if (d.GapBeforeFirst)
        {
            events.Add("gap");
        }

        got.AddRange(d.First.ToArray());
        if (d.GapBeforeSecond)
        {
            events.Add("gap");
        }

        got.AddRange(d.Second.ToArray());
        return got;
    }

    [Fact]
    public void In_order_segments_pass_through_and_a_syn_sets_the_start()
    {
        var s = default(TcpDirectionState);
        var events = new List<string>();
        Assert.Empty(Collect(ref s, 999, [], events, TcpFlags.Syn));
        Assert.Equal(Bytes(0, 10), Collect(ref s, 1000, Bytes(0, 10), events));
        Assert.Equal(Bytes(10, 5), Collect(ref s, 1010, Bytes(10, 5), events));
        Assert.Empty(events);
        Assert.False(s.StartedMidstream);
    }

    [Fact]
    public void Retransmissions_are_dropped_and_partial_overlaps_trimmed()
    {
        var s = default(TcpDirectionState);
        var events = new List<string>();
        Collect(ref s, 1000, Bytes(0, 10), events);
        Assert.Empty(Collect(ref s, 1000, Bytes(0, 10), events));          // full retransmission
        Assert.Equal(Bytes(10, 5), Collect(ref s, 1005, Bytes(5, 10), events)); // overlap: only the new 5 bytes
        Assert.Equal(2, s.Retransmissions);
        Assert.True(s.StartedMidstream);
    }

    [Fact]
    public void Out_of_order_segment_is_held_until_the_hole_fills()
    {
        var s = default(TcpDirectionState);
        var events = new List<string>();
        Collect(ref s, 1000, Bytes(0, 10), events);
        Assert.Empty(Collect(ref s, 1020, Bytes(20, 10), events));         // ahead: held
        Assert.Empty(Collect(ref s, 1030, Bytes(30, 10), events));         // contiguous with the held bytes
        Assert.Equal(Bytes(10, 30), Collect(ref s, 1010, Bytes(10, 10), events)); // hole fills: all in order
        Assert.Empty(events);
        Assert.Equal(1040u, s.NextSequence);
        Assert.Equal(40, s.Bytes);
    }

    [Fact]
    public void A_hole_that_never_fills_becomes_a_gap_when_the_hold_overflows()
    {
        var s = default(TcpDirectionState);
        var events = new List<string>();
        Collect(ref s, 1000, Bytes(0, 10), events);
        Collect(ref s, 1020, Bytes(20, 10), events);                       // held
        var got = Collect(ref s, 1100, Bytes(100, 10), events);            // not contiguous with the held bytes
        Assert.Equal([.. Bytes(20, 10), .. Bytes(100, 10)], got);
        Assert.Equal(["gap", "gap"], events);
        Assert.Equal(2, s.Gaps);
    }

    [Fact]
    public void Flush_releases_held_bytes_after_a_gap()
    {
        var s = default(TcpDirectionState);
        Collect(ref s, 1000, Bytes(0, 10), []);
        Collect(ref s, 1020, Bytes(20, 10), []);
        var d = TcpReassembler.Flush(ref s);
        Assert.True(d.GapBeforeFirst);
        Assert.Equal(Bytes(20, 10), d.First.ToArray());
        TcpReassembler.Release(ref s, _pool);
        Assert.Equal(0, _pool.Outstanding);
    }

    [Fact]
    public void Sequence_numbers_wrap_around()
    {
        var s = default(TcpDirectionState);
        var events = new List<string>();
        Collect(ref s, uint.MaxValue - 4, Bytes(0, 10), events);
        Assert.Equal(Bytes(10, 10), Collect(ref s, 5, Bytes(10, 10), events));
        Assert.Empty(events);
    }

    [Fact]
    public void Random_segmentation_reordering_and_duplication_delivers_the_stream_once_in_order()
    {
        var random = new Random(7);
        for (int round = 0; round < 300; round++)
        {
            byte[] stream = new byte[random.Next(1, 3000)];
            random.NextBytes(stream);
            var segments = new List<(uint Seq, byte[] Data)>();
            uint isn = (uint)random.Next();
            for (int at = 0; at < stream.Length;)
            {
                int n = Math.Min(random.Next(1, 200), stream.Length - at);
                segments.Add((isn + (uint)at, stream.AsSpan(at, n).ToArray()));
                at += n;
            }

            // Swap a few neighbours and duplicate a few segments: a bounded reordering the hold can absorb.
            for (int i = 1; i < segments.Count; i += random.Next(3, 7))
            {
                (segments[i - 1], segments[i]) = (segments[i], segments[i - 1]);
            }

            for (int k = 0; k < 3 && segments.Count > 0; k++)
            {
                int i = random.Next(segments.Count);
                segments.Insert(Math.Min(segments.Count, i + random.Next(1, 4)), segments[i]);
            }

            var s = default(TcpDirectionState);
            var pool = new BufferPool(4096, 2);
            TcpReassembler.Accept(ref s, isn - 1, TcpFlags.Syn, [], pool);
            var got = new List<byte>();
            int gaps = 0;
            foreach (var (seq, data) in segments)
            {
                var d = TcpReassembler.Accept(ref s, seq, TcpFlags.Ack, data, pool);
                gaps += (d.GapBeforeFirst ? 1 : 0) + (d.GapBeforeSecond ? 1 : 0);
                got.AddRange(d.First.ToArray());
                got.AddRange(d.Second.ToArray());
            }

            Assert.Equal(0, gaps);
            Assert.Equal(stream, got.ToArray());
        }
    }
}
