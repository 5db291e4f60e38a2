using EdgeSensor.Decoding.Packet;

namespace EdgeSensor.Decoding.Tcp;

/// <summary>
/// In-order delivery of one TCP direction, stateless (all state lives in <see cref="TcpDirectionState"/>) and
/// copy-free. Like Wireshark, a segment that arrives ahead of the expected sequence is decoded at once, after a gap,
/// rather than held: captures from SPAN ports and filters miss segments far more often than they reorder them, and
/// holding would delay (or mis-pair) everything behind a hole that never fills. A segment that later fills that hole
/// is delivered as "late" so its PDUs are still decoded; bytes already seen (retransmissions) are dropped and
/// partial overlaps trimmed. A capture that starts mid-connection takes the first seen segment as the start.
/// </summary>
public static class TcpReassembler
{
    /// <summary>
    /// A jump ahead by more than this is not a hole that late segments could fill (a real reordering distance is a
    /// window at most): it is remembered as no hole, so later "behind" segments count as retransmissions.
    /// </summary>
    public const uint MaxHoleBytes = 65_535;

    public static TcpDelivery Accept(ref TcpDirectionState s, uint sequence, TcpFlags flags, ReadOnlySpan<byte> payload)
    {
        if ((flags & TcpFlags.Syn) != 0)
        {
            s.NextSequence = sequence + 1;
            s.SequenceKnown = true;
            s.StartedMidstream = false;
            s.HoleStart = s.HoleEnd = 0;
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
        uint end = sequence + (uint)payload.Length;
        int ahead = (int)(sequence - s.NextSequence);
        if (ahead == 0)
        {
            s.NextSequence = end;
            s.Bytes += payload.Length;
            return new TcpDelivery(payload, false, false);
        }

        if (ahead > 0)
        {
            // Bytes are missing before this segment: remember the hole, go on from here.
            s.OutOfOrder++;
            s.Gaps++;
            bool plausible = (uint)ahead <= MaxHoleBytes;
            s.HoleStart = plausible ? s.NextSequence : 0;
            s.HoleEnd = plausible ? sequence : 0;
            s.NextSequence = end;
            s.Bytes += payload.Length;
            return new TcpDelivery(payload, true, false);
        }

        // Behind: a late segment inside the hole, or a retransmission (possibly carrying some new bytes at its end).
        if (s.HasHole && (int)(sequence - s.HoleStart) >= 0 && (int)(end - s.HoleEnd) <= 0)
        {
            s.LateFills++;
            s.Bytes += payload.Length;
            if (sequence == s.HoleStart)
            {
                s.HoleStart = end;
            }
            else if (end == s.HoleEnd)
            {
                s.HoleEnd = sequence;
            }

            return new TcpDelivery(payload, true, true);
        }

        s.Retransmissions++;
        uint behind = s.NextSequence - sequence;   // unsigned: -int.MinValue does not exist
        if (behind >= (uint)payload.Length)
        {
            return default;
        }

        payload = payload[(int)behind..];
        s.NextSequence = end;
        s.Bytes += payload.Length;
        return new TcpDelivery(payload, false, false);
    }
}
