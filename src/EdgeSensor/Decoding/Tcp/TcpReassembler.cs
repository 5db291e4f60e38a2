using EdgeSensor.Decoding.Packet;

namespace EdgeSensor.Decoding.Tcp;

/// <summary>
/// In-order delivery of one TCP direction. Stateless: all state lives in <see cref="TcpDirectionState"/>.
/// Retransmitted bytes are dropped, out-of-order segments are held (bounded) until the hole fills, and when the
/// hold is full the missing bytes are declared lost (a gap) so the stream moves on instead of stalling.
/// A capture that starts mid-connection takes the first seen segment as the start of the stream.
/// </summary>
public static class TcpReassembler
{
    /// <summary>At most this many out-of-order segments are held per direction before a gap is declared.</summary>
    public const int MaxHeldSegments = 16;

    public static TcpDelivery Accept(ref TcpDirectionState s, uint sequence, TcpFlags flags, ReadOnlySpan<byte> payload, BufferPool holdPool)
    {
        // A drained hold buffer is given back only now: its bytes may have been delivered by the previous call.
        if (s.HeldBuffer is not null && s.HeldLength == 0)
        {
            holdPool.Return(s.HeldBuffer);
            s.HeldBuffer = null;
        }

        if ((flags & TcpFlags.Syn) != 0)
        {
            s.NextSequence = sequence + 1;
            s.SequenceKnown = true;
            s.StartedMidstream = false;
            s.HeldLength = 0;
            s.HeldSegments = 0;
            return default;
        }

        if (!s.SequenceKnown)
        {
            s.NextSequence = sequence;
            s.SequenceKnown = true;
            s.StartedMidstream = true;
        }

        if ((flags & TcpFlags.Fin) != 0)
        {
            s.FinSeen = true;
        }

        if (payload.IsEmpty)
        {
            return default;
        }

        s.Segments++;
        int delta = (int)(sequence - s.NextSequence);
        if (delta < 0)
        {
            // Compare as unsigned: -int.MinValue does not exist.
            uint behind = s.NextSequence - sequence;
            s.Retransmissions++;
            if (behind >= (uint)payload.Length)
            {
                return default;
            }

            payload = payload[(int)behind..];
            delta = 0;
        }

        if (delta == 0)
        {
            s.NextSequence += (uint)payload.Length;
            s.Bytes += payload.Length;
            return new TcpDelivery(payload, false, TakeHeldIfContiguous(ref s), false);
        }

        // Bytes are missing before this segment: hold it, hoping the hole fills.
        s.OutOfOrder++;
        uint end = sequence + (uint)payload.Length;
        if (s.HeldLength > 0)
        {
            uint heldEnd = s.HeldSequence + (uint)s.HeldLength;
            if ((int)(sequence - s.HeldSequence) >= 0 && (int)(end - heldEnd) <= 0)
            {
                s.Retransmissions++;   // already held
                return default;
            }

            if (sequence == heldEnd && s.HeldSegments < MaxHeldSegments && s.HeldLength + payload.Length <= s.HeldBuffer!.Length)
            {
                payload.CopyTo(s.HeldBuffer.AsSpan(s.HeldLength));
                s.HeldLength += payload.Length;
                s.HeldSegments++;
                return default;
            }

            // Cannot hold more: the hole before the held bytes is lost. Release them, then this segment.
            s.Gaps++;
            ReadOnlySpan<byte> held = s.HeldBuffer.AsSpan(0, s.HeldLength);
            s.NextSequence = heldEnd;
            s.Bytes += held.Length;
            s.HeldLength = 0;
            s.HeldSegments = 0;
            int after = (int)(sequence - s.NextSequence);
            if (after < 0)
            {
                uint overlap = s.NextSequence - sequence;
                if (overlap >= (uint)payload.Length)
                {
                    return new TcpDelivery(held, true, default, false);
                }

                payload = payload[(int)overlap..];
            }
            else if (after > 0)
            {
                s.Gaps++;
            }

            s.NextSequence = end;
            s.Bytes += payload.Length;
            return new TcpDelivery(held, true, payload, after > 0);
        }

        if (s.HeldBuffer is null && holdPool.TryRent(out var buffer))
        {
            s.HeldBuffer = buffer;
        }

        if (s.HeldBuffer is not null && payload.Length <= s.HeldBuffer.Length)
        {
            payload.CopyTo(s.HeldBuffer);
            s.HeldSequence = sequence;
            s.HeldLength = payload.Length;
            s.HeldSegments = 1;
            return default;
        }

        // Nowhere to hold it: declare the hole lost and go on from here.
        s.Gaps++;
        s.NextSequence = end;
        s.Bytes += payload.Length;
        return new TcpDelivery(payload, true, default, false);
    }

    /// <summary>At the end of a connection: whatever is still held is released after a gap.</summary>
    public static TcpDelivery Flush(ref TcpDirectionState s)
    {
        if (s.HeldLength == 0 || s.HeldBuffer is null)
        {
            return default;
        }

        s.Gaps++;
        ReadOnlySpan<byte> held = s.HeldBuffer.AsSpan(0, s.HeldLength);
        s.NextSequence = s.HeldSequence + (uint)s.HeldLength;
        s.Bytes += held.Length;
        s.HeldLength = 0;
        s.HeldSegments = 0;
        return new TcpDelivery(held, true, default, false);
    }

    /// <summary>Gives the hold buffer back when the flow is removed.</summary>
    public static void Release(ref TcpDirectionState s, BufferPool holdPool)
    {
        if (s.HeldBuffer is not null)
        {
            holdPool.Return(s.HeldBuffer);
            s.HeldBuffer = null;
        }

        s.HeldLength = 0;
        s.HeldSegments = 0;
    }

    private static ReadOnlySpan<byte> TakeHeldIfContiguous(ref TcpDirectionState s)
    {
        if (s.HeldLength == 0 || s.HeldBuffer is null)
        {
            return default;
        }

        if ((int)(s.NextSequence - s.HeldSequence) < 0)
        {
            return default;   // still a hole before the held bytes
        }

        uint skip = s.NextSequence - s.HeldSequence;
        ReadOnlySpan<byte> held = skip >= (uint)s.HeldLength ? default : s.HeldBuffer.AsSpan((int)skip, s.HeldLength - (int)skip);
        s.NextSequence += (uint)held.Length;
        s.Bytes += held.Length;
        s.HeldLength = 0;
        s.HeldSegments = 0;
        return held;
    }
}
