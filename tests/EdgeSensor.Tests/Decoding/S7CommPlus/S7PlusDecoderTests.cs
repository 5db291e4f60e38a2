using EdgeSensor.Decoding;
using EdgeSensor.Decoding.S7CommPlus;
using static EdgeSensor.Tests.Decoding.S7CommPlus.S7PlusFixtures;

namespace EdgeSensor.Tests.Decoding.S7CommPlus;

public class S7PlusDecoderTests
{
    private static S7PlusHeader ReadOk(byte[] payload, ref S7PlusFragmentState state)
    {
        DecodeStatus status = S7PlusDecoder.TryRead(payload, ref state, out S7PlusHeader h, out S7PlusMalformedReason r);
        Assert.Equal(S7PlusMalformedReason.None, r);
        Assert.Equal(DecodeStatus.Ok, status);
        return h;
    }

    // ---- valid ----

    [Fact]
    public void V2_single_request()
    {
        var state = default(S7PlusFragmentState);
        S7PlusHeader h = ReadOk(V2EndSequenceRequest, ref state);
        Assert.Equal(0x02, h.Version);
        Assert.Equal(20, h.DataLength);
        Assert.Equal(S7PlusFragment.Single, h.Fragment);
        Assert.True(h.HasTrailer);
        Assert.False(h.IntegrityPresent);
        Assert.Equal(S7PlusOpcode.Request, h.OpcodeKind);
        Assert.Equal(0x0560, h.Function);
        Assert.Equal(S7PlusFunction.EndSequence, h.FunctionKind);
        Assert.Equal(40, h.SequenceNumber);
        Assert.Equal(4, h.OpcodeOffset);
        Assert.False(state.InFragmentedPdu);
    }

    [Fact]
    public void V2_single_response()
    {
        var state = default(S7PlusFragmentState);
        S7PlusHeader h = ReadOk(V2CreateObjectResponse, ref state);
        Assert.Equal(S7PlusOpcode.Response, h.OpcodeKind);
        Assert.Equal(S7PlusFunction.CreateObject, h.FunctionKind);
        Assert.Equal(0x27, h.SequenceNumber);
    }

    [Fact]
    public void V3_skips_the_integrity_part()
    {
        var state = default(S7PlusFragmentState);
        S7PlusHeader h = ReadOk(V3ExploreRequest, ref state);
        Assert.Equal(0x03, h.Version);
        Assert.True(h.IntegrityPresent);
        Assert.Equal(32, h.IntegrityDigestLength);
        Assert.Equal(4 + 1 + 32, h.OpcodeOffset);
        Assert.Equal(S7PlusFunction.Explore, h.FunctionKind);
        Assert.Equal(40, h.SequenceNumber);
    }

    [Fact]
    public void Notification_has_opcode_but_no_function()
    {
        var state = default(S7PlusFragmentState);
        S7PlusHeader h = ReadOk(V3Notification, ref state);
        Assert.Equal(S7PlusOpcode.Notification, h.OpcodeKind);
        Assert.True(h.HasOpcode);
        Assert.False(h.HasFunction);
    }

    [Fact]
    public void Keep_alives_do_not_touch_the_fragment_state()
    {
        var state = default(S7PlusFragmentState);
        ReadOk(FragmentFirst, ref state);
        Assert.True(state.InFragmentedPdu);

        S7PlusHeader ka = ReadOk(KeepAlive, ref state);
        Assert.Equal(S7PlusFragment.KeepAlive, ka.Fragment);
        Assert.False(ka.HasDataLength);

        S7PlusHeader ext = ReadOk(ExtendedKeepAlive, ref state);
        Assert.Equal(S7PlusFragment.ExtendedKeepAlive, ext.Fragment);
        Assert.Equal(16, ext.DataLength);
        Assert.True(state.InFragmentedPdu);
    }

    [Fact]
    public void First_middle_last_fragments()
    {
        var state = default(S7PlusFragmentState);
        S7PlusHeader first = ReadOk(FragmentFirst, ref state);
        Assert.Equal(S7PlusFragment.First, first.Fragment);
        Assert.Equal(S7PlusFunction.CreateObject, first.FunctionKind);
        Assert.True(state.InFragmentedPdu);
        Assert.Equal(0x31, state.OpenOpcode);
        Assert.Equal(0x04ca, state.OpenFunction);

        S7PlusHeader middle = ReadOk(FragmentMiddle, ref state);
        Assert.Equal(S7PlusFragment.Middle, middle.Fragment);
        Assert.False(middle.HasOpcode);
        Assert.Equal(1, state.ContinuationCount);

        S7PlusHeader last = ReadOk(FragmentLast, ref state);
        Assert.Equal(S7PlusFragment.Last, last.Fragment);
        Assert.False(last.HasFunction);
        Assert.False(state.InFragmentedPdu);

        // The next payload starts a new PDU again.
        Assert.Equal(S7PlusFragment.Single, ReadOk(V2EndSequenceRequest, ref state).Fragment);
    }

    [Fact]
    public void A_continuation_whose_bytes_look_like_a_header_is_still_a_continuation()
    {
        var state = default(S7PlusFragmentState);
        ReadOk(FragmentFirst, ref state);
        // The oracle does not look inside a continuation: a whole-looking PDU becomes the "last" fragment.
        S7PlusHeader h = ReadOk(V2EndSequenceRequest, ref state);
        Assert.Equal(S7PlusFragment.Last, h.Fragment);
        Assert.False(h.HasOpcode);
    }

    // ---- incomplete / not this protocol ----

    [Fact]
    public void Empty_payload_needs_more_data()
    {
        var state = default(S7PlusFragmentState);
        Assert.Equal(DecodeStatus.NeedMoreData, S7PlusDecoder.TryRead([], ref state, out _, out _));
    }

    [Theory]
    [InlineData("32 01 0000")]
    [InlineData("03 00 0016")]
    [InlineData("16 03 01 0200")] // TLS record
    public void Other_payloads_are_not_this_protocol(string hex)
    {
        var state = default(S7PlusFragmentState);
        Assert.Equal(DecodeStatus.NotThisProtocol, S7PlusDecoder.TryRead(Hex(hex), ref state, out _, out S7PlusMalformedReason r));
        Assert.Equal(S7PlusMalformedReason.BadProtocolId, r);
    }

    // ---- malformed ----

    [Theory]
    [InlineData("72", false)]
    [InlineData("72 02", true)]
    [InlineData("72 02 00", true)]
    public void Short_payload_is_malformed_but_described(string hex, bool hasVersion)
    {
        var state = default(S7PlusFragmentState);
        Assert.Equal(DecodeStatus.Malformed, S7PlusDecoder.TryRead(Hex(hex), ref state, out S7PlusHeader h, out S7PlusMalformedReason r));
        Assert.Equal(S7PlusMalformedReason.HeaderTooShort, r);
        Assert.Equal(S7PlusFragment.Short, h.Fragment);
        Assert.Equal(hasVersion, h.HasVersion);
        Assert.False(state.InFragmentedPdu);
    }

    [Theory]
    [InlineData("72 02 0010 31 0000 04ca", S7PlusMalformedReason.DataLengthOverrun, S7PlusFragment.First)]
    [InlineData("72 02 0002 31 00 72 02 00", S7PlusMalformedReason.BadTrailer, S7PlusFragment.Single)]     // trailer 3 bytes
    [InlineData("72 02 0002 31 00 99 02 00 00", S7PlusMalformedReason.BadTrailer, S7PlusFragment.Single)]  // trailer without 0x72
    [InlineData("72 03 0000 20", S7PlusMalformedReason.BadTrailer, S7PlusFragment.Single)]                 // digest runs past the end
    [InlineData("72 03 0001 20", S7PlusMalformedReason.IntegrityOverrun, S7PlusFragment.First)]
    [InlineData("72 02 0004 31 0000 04", S7PlusMalformedReason.OpcodeHeaderTruncated, S7PlusFragment.First)]
    public void Malformed_payloads_name_the_reason_and_keep_the_oracle_fragment(string hex, S7PlusMalformedReason reason, S7PlusFragment fragment)
    {
        var state = default(S7PlusFragmentState);
        Assert.Equal(DecodeStatus.Malformed, S7PlusDecoder.TryRead(Hex(hex), ref state, out S7PlusHeader h, out S7PlusMalformedReason r));
        Assert.Equal(reason, r);
        Assert.Equal(fragment, h.Fragment);
    }
}
