using EdgeSensor.Decoding;
using EdgeSensor.Decoding.S7Comm;
using static EdgeSensor.Tests.Decoding.S7Comm.S7Fixtures;

namespace EdgeSensor.Tests.Decoding.S7Comm;

public class S7UserdataFragmentStateTests
{
    private static bool Feed(ref S7UserdataFragmentState state, byte[] bytes, out ushort id, out ushort index)
    {
        var reader = new S7CommReader(bytes);
        Assert.Equal(DecodeStatus.Ok, reader.TryRead(out S7Pdu pdu, out _));
        return state.TryGetSzlId(pdu, out id, out index);
    }

    [Fact]
    public void Last_fragment_shows_the_szl_id_of_the_first_as_tshark_does()
    {
        // s7comm_read-set-plc-clock.pcap frames 15, 16, 18, 19; requests and responses are different directions.
        var toPlc = default(S7UserdataFragmentState);
        var fromPlc = default(S7UserdataFragmentState);

        Assert.True(Feed(ref toPlc, SzlRequest0000, out ushort id, out ushort index));
        Assert.Equal(0x0000, id);

        Assert.False(Feed(ref fromPlc, SzlResponse0000First, out _, out _));
        Assert.Equal(1, fromPlc.PendingCount);

        Assert.False(Feed(ref toPlc, SzlFollowUpRequest, out _, out _));

        Assert.True(Feed(ref fromPlc, SzlResponse0000Last, out id, out index));
        Assert.Equal(0x0000, id);
        Assert.Equal(0x0000, index);
        Assert.Equal(0, fromPlc.PendingCount);
    }

    [Fact]
    public void Last_fragment_without_state_answers_from_its_own_bytes()
    {
        // Its own payload starts 04 b5 05 b5: that is what a stateless reader would (wrongly) call the SZL id.
        var state = default(S7UserdataFragmentState);
        Assert.True(Feed(ref state, SzlResponse0000Last, out ushort id, out ushort index));
        Assert.Equal(0x04b5, id);
        Assert.Equal(0x05b5, index);
    }

    [Fact]
    public void Unfragmented_pdus_answer_from_their_own_payload()
    {
        var state = default(S7UserdataFragmentState);
        Assert.True(Feed(ref state, SzlResponse0011, out ushort id, out _));
        Assert.Equal(0x0011, id);
        Assert.False(Feed(ref state, ReadClockResponse, out _, out _));
        Assert.Equal(0, state.PendingCount);
    }

    [Fact]
    public void Pending_data_units_are_bounded()
    {
        var state = default(S7UserdataFragmentState);
        byte[] first = (byte[])SzlResponse0000First.Clone();
        for (int id = 1; id <= 10; id++)
        {
            first[10 + 8] = (byte)id; // data unit reference (header 10 + parameter offset 8)
            Feed(ref state, first, out _, out _);
        }

        Assert.Equal(S7UserdataFragmentState.Capacity, state.PendingCount);
        state.Reset();
        Assert.Equal(0, state.PendingCount);
    }
}
