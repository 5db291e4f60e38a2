namespace EdgeSensor.Decoding.Tcp;

/// <summary>
/// Cuts PDUs out of the in-order chunks of one TCP direction: several PDUs in one segment, one PDU over several
/// segments. PDUs wholly inside a chunk are handed out as spans over the packet (no copy); only a PDU that spans
/// segments is copied into a pooled buffer. Like Wireshark's tcp_dissect_pdus, a chunk that starts at a PDU
/// boundary is checked by the framing first, and bytes that fail it are skipped to the end of the segment, so a
/// stream that starts mid-PDU resynchronises at the next segment that starts with a PDU.
/// </summary>
public static class PduStream
{
    public static void Process<TFraming>(ref PduStreamState state, ReadOnlySpan<byte> chunk, bool gapBefore, BufferPool pool, IPduReceiver receiver)
        where TFraming : IPduFraming
    {
        if (gapBefore && state.PendingLength > 0)
        {
            receiver.OnAbandoned(state.PendingLength);
            Clear(ref state, pool);
        }

        // First finish the PDU carried over from earlier segments (re-framed after every append: the header may
        // have been incomplete, and a PDU may end exactly where the header does).
        while (state.PendingLength > 0)
        {
            byte[] pending = state.Pending!;
            var status = TFraming.TryGetFrameLength(pending.AsSpan(0, state.PendingLength), out int length, out byte reason);
            int need;
            if (status == DecodeStatus.NeedMoreData)
            {
                need = Math.Max(1, TFraming.HeaderLength - state.PendingLength);
            }
            else if (status == DecodeStatus.Ok && length <= pending.Length)
            {
                if (state.PendingLength >= length)
                {
                    receiver.OnPdu(pending.AsSpan(0, length));
                    Clear(ref state, pool);
                    break;
                }

                need = length - state.PendingLength;
            }
            else
            {
                // The carried-over bytes were not a PDU after all: skip to the next segment, as for any rejection.
                receiver.OnRejected(pending.AsSpan(0, state.PendingLength), status == DecodeStatus.Ok ? DecodeStatus.Malformed : status, reason);
                Clear(ref state, pool);
                return;
            }

            if (chunk.IsEmpty)
            {
                return;
            }

            int take = Math.Min(need, chunk.Length);
            chunk[..take].CopyTo(pending.AsSpan(state.PendingLength));
            state.PendingLength += take;
            chunk = chunk[take..];
        }

        // Then every PDU that starts in this chunk.
        while (!chunk.IsEmpty)
        {
            var status = TFraming.TryGetFrameLength(chunk, out int length, out byte reason);
            if (status == DecodeStatus.Ok && length <= chunk.Length)
            {
                receiver.OnPdu(chunk[..length]);
                chunk = chunk[length..];
                continue;
            }

            if (status == DecodeStatus.NeedMoreData || (status == DecodeStatus.Ok && length <= TFraming.MaxFrameLength))
            {
                Stash(ref state, chunk, pool, receiver);
                return;
            }

            receiver.OnRejected(chunk, status == DecodeStatus.Ok ? DecodeStatus.Malformed : status, reason);
            return;
        }
    }

    /// <summary>Drops a partial PDU (connection closed or evicted) and gives its buffer back.</summary>
    public static void Reset(ref PduStreamState state, BufferPool pool, IPduReceiver? receiver)
    {
        if (state.PendingLength > 0)
        {
            receiver?.OnAbandoned(state.PendingLength);
        }

        Clear(ref state, pool);
    }

    private static void Stash(ref PduStreamState state, ReadOnlySpan<byte> partial, BufferPool pool, IPduReceiver receiver)
    {
        if (state.Pending is null)
        {
            if (!pool.TryRent(out var buffer) || partial.Length > buffer.Length)
            {
                if (buffer.Length > 0)
                {
                    pool.Return(buffer);
                }

                receiver.OnAbandoned(partial.Length);
                return;
            }

            state.Pending = buffer;
        }

        partial.CopyTo(state.Pending);
        state.PendingLength = partial.Length;
    }

    private static void Clear(ref PduStreamState state, BufferPool pool)
    {
        if (state.Pending is not null)
        {
            pool.Return(state.Pending);
            state.Pending = null;
        }

        state.PendingLength = 0;
    }
}
