using System.Buffers.Binary;

namespace EdgeSensor.Decoding.Modbus;

/// <summary>
/// Forward-only big-endian reader over a PDU's data bytes. Every read is bounds checked and either takes the whole
/// field or nothing, so a truncated PDU ends with the fields before the cut, as Wireshark shows them.
/// </summary>
internal ref struct ModbusPduReader
{
    private readonly ReadOnlySpan<byte> _span;
    private int _position;

    public ModbusPduReader(ReadOnlySpan<byte> span)
    {
        _span = span;
        _position = 0;
    }

    public readonly int Position => _position;

    public readonly int Remaining => _span.Length - _position;

    public bool TryReadByte(out byte value)
    {
        // _position never exceeds _span.Length, so the unsigned compare is the whole bounds check.
        if ((uint)_position < (uint)_span.Length)
        {
            value = _span[_position];
            _position++;
            return true;
        }

        value = 0;
        return false;
    }

    public bool TryReadUInt16(out ushort value)
    {
        // Remaining is never negative; comparing as uint keeps the check branch-cheap.
        if ((uint)Remaining >= sizeof(ushort))
        {
            value = BinaryPrimitives.ReadUInt16BigEndian(_span.Slice(_position, sizeof(ushort)));
            _position += sizeof(ushort);
            return true;
        }

        value = 0;
        return false;
    }

    public bool TrySkip(int count)
    {
        if ((uint)count <= (uint)Remaining)
        {
            _position += count;
            return true;
        }

        return false;
    }
}
