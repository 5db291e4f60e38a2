namespace EdgeSensor.Decoding.Modbus;

/// <summary>
/// Pairs Modbus/TCP responses with their requests inside one TCP flow, by transaction id + unit id + function code
/// (exception bit cleared), as Wireshark does. Bounded: at most <see cref="Capacity"/> unanswered requests; under a
/// flood the oldest is evicted and counted in <see cref="Evicted"/>. Zero allocation: the storage is an inline array,
/// so this mutable struct must be kept in a field (or by ref) and never copied while in use.
/// A request with the same key as a pending one replaces it (the newest request wins, as in Wireshark);
/// a matched request is removed, so one request pairs with at most one response.
/// </summary>
public struct ModbusTransactionTable
{
    /// <summary>Unanswered requests kept per flow. Polling masters keep 1..16 outstanding; more is a flood.</summary>
    public const int Capacity = 16;

    private ModbusPendingRequestBuffer _entries;
    private long _sequence;

    /// <summary>Requests currently waiting for a response.</summary>
    public int Count { get; private set; }

    /// <summary>Unanswered requests pushed out because the table was full.</summary>
    public int Evicted { get; private set; }

    /// <summary>Pending requests replaced by a newer request with the same key.</summary>
    public int Replaced { get; private set; }

    /// <summary>Responses paired with a request.</summary>
    public int Matched { get; private set; }

    /// <summary>Responses (exceptions included) for which no pending request was found.</summary>
    public int Unmatched { get; private set; }

    /// <summary>
    /// Remembers a request. False (nothing stored) when the ADU is not a request or has no function code.
    /// When the table is full the oldest entry is evicted and counted.
    /// </summary>
    public bool TryAddRequest(in ModbusAdu request, long frameNumber)
    {
        if (request.Direction != ModbusDirection.Request || !request.Has(ModbusFields.FunctionCode))
        {
            return false;
        }

        var entry = new ModbusPendingRequest(
            request.TransactionId,
            request.UnitId,
            request.Code,
            frameNumber,
            request.Has(ModbusFields.ReferenceNumber) ? request.ReferenceNumber : request.ReadReferenceNumber,
            request.Has(ModbusFields.Quantity) ? request.Quantity : request.ReadQuantity,
            request.Fields)
        {
            Sequence = ++_sequence,
        };

        int free = -1;
        int oldest = 0;
        long oldestSequence = long.MaxValue;
        for (int i = 0; i < Capacity; i++)
        {
            ref ModbusPendingRequest slot = ref _entries[i];
            if (slot.Sequence == 0)
            {
                if (free < 0)
                {
                    free = i;
                }

                continue;
            }

            if (SameKey(slot, entry.TransactionId, entry.UnitId, entry.FunctionCode))
            {
                slot = entry;
                Replaced++;
                return true;
            }

            if (slot.Sequence < oldestSequence)
            {
                oldestSequence = slot.Sequence;
                oldest = i;
            }
        }

        if (free >= 0)
        {
            _entries[free] = entry;
            Count++;
        }
        else
        {
            _entries[oldest] = entry;
            Evicted++;
        }

        return true;
    }

    /// <summary>
    /// Finds and removes the request a response answers. False when the ADU is not a response or no request with
    /// the same transaction id, unit id and function code is pending.
    /// </summary>
    public bool TryMatchResponse(in ModbusAdu response, out ModbusPendingRequest request)
    {
        request = default;
        if (response.Direction != ModbusDirection.Response || !response.Has(ModbusFields.FunctionCode))
        {
            return false;
        }

        for (int i = 0; i < Capacity; i++)
        {
            ref ModbusPendingRequest slot = ref _entries[i];
            if (slot.Sequence != 0 && SameKey(slot, response.TransactionId, response.UnitId, response.Code))
            {
                request = slot;
                slot = default;
                Count--;
                Matched++;
                return true;
            }
        }

        Unmatched++;
        return false;
    }

    /// <summary>Forgets every pending request (e.g. on a TCP reset); counters are kept.</summary>
    public void Clear()
    {
        for (int i = 0; i < Capacity; i++)
        {
            _entries[i] = default;
        }

        Count = 0;
    }

    private static bool SameKey(in ModbusPendingRequest entry, ushort transactionId, byte unitId, byte functionCode) =>
        entry.TransactionId == transactionId && entry.UnitId == unitId && entry.FunctionCode == functionCode;
}
