using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace EdgeSensor.Decoding.S7Comm;

/// <summary>
/// Per TCP direction state for userdata data units split over several S7comm PDUs (an SZL answer longer than the
/// PDU size comes as fragments sharing a non-zero data unit reference; the last has "last data unit = yes").
/// Only the first 4 payload bytes of each pending data unit are kept: enough to say which SZL id and index the
/// reassembled answer carries, as Wireshark shows them on the last fragment. Bounded: at most
/// <see cref="Capacity"/> data units pending; a new one evicts the oldest. Held by the flow table, updated in place.
/// </summary>
public struct S7UserdataFragmentState
{
    /// <summary>Pending data units kept per direction.</summary>
    public const int Capacity = 4;

    private const int PrefixLength = 4;

    private SlotBuffer _slots;
    private byte _next;

    /// <summary>Data units currently waiting for their last fragment.</summary>
    public readonly int PendingCount
    {
        get
        {
            int n = 0;
            for (int i = 0; i < Capacity; i++)
            {
                if (_slots[i].InUse)
                {
                    n++;
                }
            }

            return n;
        }
    }

    /// <summary>Forgets every pending data unit (e.g. when the connection restarts).</summary>
    public void Reset() => this = default;

    /// <summary>
    /// Feeds one userdata PDU of this direction and answers the SZL id and index it shows after reassembly:
    /// a PDU that is not a fragment answers from its own payload (<see cref="S7Pdu.TryGetSzlId(out ushort, out ushort)"/>),
    /// a first or middle fragment answers false, a last fragment answers from the first fragment's payload.
    /// </summary>
    public bool TryGetSzlId(in S7Pdu pdu, out ushort szlId, out ushort szlIndex)
    {
        // Wireshark treats the data as a fragment only with a data unit reference and at least 2 payload bytes.
        if (!pdu.IsFragment || !pdu.HasUserdataData || pdu.UserdataLength < 2)
        {
            return pdu.TryGetSzlId(out szlId, out szlIndex);
        }

        int slot = Find(pdu.DataUnitReference);
        if (slot < 0)
        {
            slot = _next;
            _next = (byte)((_next + 1) % Capacity);
            _slots[slot] = new Slot { InUse = true, Id = pdu.DataUnitReference };
        }

        ref Slot s = ref _slots[slot];
        ReadOnlySpan<byte> payload = pdu.UserdataPayload;
        // Collect the first 4 bytes of the reassembled payload, even if the first fragment was shorter.
        for (int i = 0; s.PrefixCount < PrefixLength && i < payload.Length; i++)
        {
            s.Prefix |= (uint)payload[i] << (8 * (PrefixLength - 1 - s.PrefixCount));
            s.PrefixCount++;
        }

        if (!pdu.IsLastDataUnit)
        {
            szlId = 0;
            szlIndex = 0;
            return false;
        }

        Span<byte> prefix = stackalloc byte[PrefixLength];
        BinaryPrimitives.WriteUInt32BigEndian(prefix, s.Prefix);
        int count = s.PrefixCount;
        s = default;
        return pdu.TryGetSzlId(prefix.Slice(0, count), out szlId, out szlIndex);
    }

    private readonly int Find(byte id)
    {
        for (int i = 0; i < Capacity; i++)
        {
            if (_slots[i].InUse && _slots[i].Id == id)
            {
                return i;
            }
        }

        return -1;
    }

    private struct Slot
    {
        public bool InUse;
        public byte Id;
        public byte PrefixCount;
        public uint Prefix;
    }

    [InlineArray(Capacity)]
    private struct SlotBuffer
    {
        private Slot _element;
    }
}
