using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using EdgeSensor.Decoding.S7Comm;

namespace EdgeSensor.Plant.Identity;

// An SZL answer longer than the negotiated PDU comes as several userdata responses sharing a non-zero data unit
// reference; all but the last say "last data unit: no" (0x01). The client asks for each next part with an empty
// read-SZL request. Payloads (after the 4-byte userdata data header) simply continue each other:
//   first:  SZL id (2) | index (2) | record length (2) | record count (2) | records ...
//   next:   ... records continued (no SZL head)
// The pipeline's S7UserdataFragmentState keeps only the first 4 bytes (enough to name the SZL id); the identity
// needs the records themselves, so this joins the payloads of the answers it is asked to keep.

/// <summary>
/// Joins the payloads of split read-SZL answers of one device (one instance per device identity, fed with the
/// responses the device sends). Keyed by (flow id, data unit reference); at most <see cref="Capacity"/> answers
/// pending, each in a buffer rented from <see cref="ArrayPool{T}.Shared"/> on its first fragment and returned on
/// its last, on eviction, on overflow of <see cref="MaxAnswerLength"/> or on <see cref="Dispose"/>. Only answers
/// whose SZL id the caller wants are buffered. A mutable struct: keep it in a field and use it in place.
/// </summary>
public struct SzlAnswerAssembler : IDisposable
{
    /// <summary>Answers pending at once (different flows or interleaved data units).</summary>
    public const int Capacity = 2;

    /// <summary>
    /// Largest joined payload kept. Identification answers are small (0x001C: 8 + 10 x 34 = 348 bytes); a larger
    /// answer is abandoned rather than grown without bound.
    /// </summary>
    public const int MaxAnswerLength = 2048;

    private SlotBuffer _slots;
    private byte _next;

    /// <summary>Answers waiting for their last fragment.</summary>
    public readonly int PendingCount
    {
        get
        {
            int n = 0;
            for (int i = 0; i < Capacity; i++)
            {
                if (_slots[i].Buffer is not null && !_slots[i].Complete)
                {
                    n++;
                }
            }

            return n;
        }
    }

    /// <summary>
    /// Feeds one read-SZL response of the device. True with the whole SZL payload (head and records) when
    /// <paramref name="pdu"/> is an unfragmented successful answer, or the last fragment of a buffered one whose
    /// first fragment named an id in <paramref name="wantedSzlIds"/>. The span is valid until the next call.
    /// </summary>
    public bool TryAssemble(in S7Pdu pdu, int flowId, ReadOnlySpan<ushort> wantedSzlIds, out ReadOnlySpan<byte> payload)
    {
        payload = default;
        ReleaseCompleted();
        if (!pdu.IsSzlRead || pdu.RawUserdataType != (byte)S7UserdataType.Response || !pdu.HasUserdataData)
        {
            return false;
        }

        bool success = pdu.UserdataReturnCode == S7DataItem.ReturnCodeSuccess;
        if (!pdu.IsFragment)
        {
            payload = pdu.UserdataPayload;
            return success;
        }

        int slot = Find(flowId, pdu.DataUnitReference);
        if (!success)
        {
            Release(slot);
            return false;
        }

        ReadOnlySpan<byte> part = pdu.UserdataPayload;
        if (slot < 0)
        {
            // A first fragment (or a later one whose first we missed: its "SZL id" is then record bytes, and the
            // joined answer fails the length check in S7IdentityParser).
            if (pdu.IsLastDataUnit || part.Length < 2 || !Contains(wantedSzlIds, BinaryPrimitives.ReadUInt16BigEndian(part)))
            {
                return false;
            }

            slot = _next;
            _next = (byte)((_next + 1) % Capacity);
            Release(slot);
            _slots[slot] = new Slot
            {
                Buffer = ArrayPool<byte>.Shared.Rent(MaxAnswerLength),
                FlowId = flowId,
                DataUnitReference = pdu.DataUnitReference,
            };
        }

        ref Slot s = ref _slots[slot];
        if (part.Length > MaxAnswerLength - s.Length)
        {
            Release(slot);
            return false;
        }

        part.CopyTo(s.Buffer!.AsSpan(s.Length));
        s.Length += part.Length;
        if (!pdu.IsLastDataUnit)
        {
            return false;
        }

        // The joined bytes stay in the slot's buffer until the next call (the caller parses them first), which
        // returns the buffer to the pool.
        payload = s.Buffer!.AsSpan(0, s.Length);
        s.Complete = true;
        return true;
    }

    /// <summary>Returns every rented buffer to the pool and forgets the pending answers.</summary>
    public void Dispose()
    {
        for (int i = 0; i < Capacity; i++)
        {
            Release(i);
        }

        _next = 0;
    }

    private static bool Contains(ReadOnlySpan<ushort> ids, ushort id)
    {
        for (int i = 0; i < ids.Length; i++)
        {
            if (ids[i] == id)
            {
                return true;
            }
        }

        return false;
    }

    private readonly int Find(int flowId, byte dataUnitReference)
    {
        for (int i = 0; i < Capacity; i++)
        {
            ref readonly Slot s = ref _slots[i];
            if (s.Buffer is not null && s.FlowId == flowId && s.DataUnitReference == dataUnitReference)
            {
                return i;
            }
        }

        return -1;
    }

    // A completed answer was handed out on the previous call; its buffer can go back now.
    private void ReleaseCompleted()
    {
        for (int i = 0; i < Capacity; i++)
        {
            if (_slots[i].Complete)
            {
                Release(i);
            }
        }
    }

    private void Release(int slot)
    {
        if ((uint)slot >= Capacity)
        {
            return;
        }

        byte[]? buffer = _slots[slot].Buffer;
        _slots[slot] = default;
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private struct Slot
    {
        public byte[]? Buffer;
        public int Length;
        public int FlowId;
        public byte DataUnitReference;
        public bool Complete;
    }

    [InlineArray(Capacity)]
    private struct SlotBuffer
    {
        private Slot _element;
    }
}
