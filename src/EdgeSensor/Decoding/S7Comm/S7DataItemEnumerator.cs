using System.Buffers.Binary;

namespace EdgeSensor.Decoding.S7Comm;

/// <summary>
/// Zero-allocation enumerator over data items (see <see cref="S7DataItem"/>). Stops after <c>count</c> items or at
/// the first item that does not fit (<see cref="Truncated"/>). Each step consumes at least 1 byte, so it always ends.
/// </summary>
public ref struct S7DataItemEnumerator
{
    /// <summary>Return code, transport size, length.</summary>
    public const int ItemHeaderLength = 4;

    // Data transport sizes whose length field counts bits (Wireshark S7COMM_DATA_TRANSPORT_SIZE_BBIT/BBYTE/BINT).
    private const byte TransportSizeBit = 0x03;
    private const byte TransportSizeByte = 0x04;
    private const byte TransportSizeInteger = 0x05;

    private readonly ReadOnlySpan<byte> _items;
    private readonly int _count;
    private readonly bool _returnCodesOnly;
    private int _offset;
    private int _index;
    private S7DataItem _current;

    /// <param name="items">The bytes holding the items.</param>
    /// <param name="count">The announced item count (from the parameter part).</param>
    /// <param name="returnCodesOnly">True for a write-var response, whose items are a single return code byte.</param>
    public S7DataItemEnumerator(ReadOnlySpan<byte> items, int count, bool returnCodesOnly)
    {
        _items = items;
        _count = count;
        _returnCodesOnly = returnCodesOnly;
        _offset = 0;
        _index = 0;
        _current = default;
        Truncated = false;
    }

    /// <summary>The item at the current position.</summary>
    public readonly S7DataItem Current => _current;

    /// <summary>Zero-based index of <see cref="Current"/>.</summary>
    public readonly int Index => _index - 1;

    /// <summary>True when an announced item did not fit.</summary>
    public bool Truncated { get; private set; }

    /// <summary>Bytes consumed so far.</summary>
    public readonly int Consumed => _offset;

    public readonly S7DataItemEnumerator GetEnumerator() => this;

    /// <summary>Bytes of value an item carries: the length field converted from bits for BIT/BYTE/INTEGER sizes.</summary>
    public static int ValueByteCount(byte transportSize, ushort length) =>
        transportSize is TransportSizeBit or TransportSizeByte or TransportSizeInteger ? (length + 7) >> 3 : length;

    public bool MoveNext()
    {
        if (_index >= _count || Truncated)
        {
            return false;
        }

        int remaining = _items.Length - _offset;
        if (_returnCodesOnly)
        {
            if (remaining < 1)
            {
                Truncated = true;
                return false;
            }

            _current = new S7DataItem(_items[_offset], 0, 0, default);
            _offset++;
            _index++;
            return true;
        }

        if (remaining < ItemHeaderLength)
        {
            Truncated = true;
            return false;
        }

        byte returnCode = _items[_offset];
        byte transportSize = _items[_offset + 1];
        ushort length = BinaryPrimitives.ReadUInt16BigEndian(_items.Slice(_offset + 2));

        // Only a success (0xff) or reserved (0x00, in requests) item carries its value; an error item is the
        // 4-byte head alone, whatever its length field says (as Wireshark's s7comm_decode_response_read_data reads it).
        if (returnCode is not (S7DataItem.ReturnCodeSuccess or S7DataItem.ReturnCodeReserved))
        {
            _current = new S7DataItem(returnCode, transportSize, length, default);
            _offset += ItemHeaderLength;
            _index++;
            return true;
        }

        int valueBytes = ValueByteCount(transportSize, length);
        if (valueBytes > remaining - ItemHeaderLength)
        {
            Truncated = true;
            return false;
        }

        _current = new S7DataItem(returnCode, transportSize, length, _items.Slice(_offset + ItemHeaderLength, valueBytes));
        int step = ItemHeaderLength + valueBytes;
        bool last = _index == _count - 1;
        // The PLC pads every item but the last to an even length; tolerate a missing pad at the very end.
        if (!last && (valueBytes & 1) == 1)
        {
            step = Math.Min(step + 1, remaining);
        }

        _offset += step;
        _index++;
        return true;
    }
}
