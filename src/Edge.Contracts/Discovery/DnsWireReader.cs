using System.Buffers.Binary;
using System.Text;

namespace Edge.Contracts.Discovery;

/// <summary>
/// Forward-only big-endian reader over a whole DNS message. Every read is bounds checked and takes the whole field or
/// nothing. Names are read against the whole message because compression pointers are offsets from its start.
/// </summary>
internal ref struct DnsWireReader
{
    private readonly ReadOnlySpan<byte> _message;
    private int _position;

    public DnsWireReader(ReadOnlySpan<byte> message)
    {
        _message = message;
        _position = 0;
    }

    public int Position
    {
        readonly get => _position;
        set => _position = value;
    }

    public readonly int Remaining => _message.Length - _position;

    public bool TryReadUInt16(out ushort value)
    {
        // _position never exceeds the length, so Remaining is never negative and the unsigned compare is the whole check.
        if ((uint)Remaining >= sizeof(ushort))
        {
            value = BinaryPrimitives.ReadUInt16BigEndian(_message.Slice(_position, sizeof(ushort)));
            _position += sizeof(ushort);
            return true;
        }

        value = 0;
        return false;
    }

    public bool TryReadUInt32(out uint value)
    {
        if ((uint)Remaining >= sizeof(uint))
        {
            value = BinaryPrimitives.ReadUInt32BigEndian(_message.Slice(_position, sizeof(uint)));
            _position += sizeof(uint);
            return true;
        }

        value = 0;
        return false;
    }

    public bool TryReadBytes(int count, out ReadOnlySpan<byte> bytes)
    {
        if ((uint)count <= (uint)Remaining)
        {
            bytes = _message.Slice(_position, count);
            _position += count;
            return true;
        }

        bytes = default;
        return false;
    }

    /// <summary>
    /// Reads a name at the current position, following compression pointers (RFC 1035 4.1.4). The position ends after
    /// the name's in-line part (its labels up to the root label or the first pointer). Termination: every label moves
    /// forward inside one run of labels, and every pointer must land strictly before the start of the run that holds
    /// it ("a prior occurrence"), so the runs' starts strictly decrease; <see cref="MdnsLimits.MaxPointerHops"/> caps
    /// the work, <see cref="MdnsLimits.MaxNameLength"/> the result.
    /// </summary>
    public DnsMalformedReason TryReadName(out string name)
    {
        name = string.Empty;
        var text = new StringBuilder();
        int position = _position;
        int runStart = _position;
        int wireLength = 1; // the root label
        int hops = 0;
        bool jumped = false;
        while (true)
        {
            if ((uint)position >= (uint)_message.Length)
            {
                return DnsMalformedReason.TruncatedName;
            }

            byte length = _message[position];
            switch (length & 0xC0)
            {
                case 0x00:
                    if (length == 0)
                    {
                        if (!jumped)
                        {
                            _position = position + 1;
                        }

                        name = text.ToString();
                        return DnsMalformedReason.None;
                    }

                    // The label's octets must all be inside the message: position + 1 + length <= Length.
                    if (length > _message.Length - position - 1)
                    {
                        return DnsMalformedReason.TruncatedName;
                    }

                    wireLength += 1 + length;
                    if (wireLength > MdnsLimits.MaxNameLength)
                    {
                        return DnsMalformedReason.NameTooLong;
                    }

                    DnsName.AppendLabel(text, _message.Slice(position + 1, length));
                    position += 1 + length;
                    break;

                case 0xC0:
                    if (position + 1 >= _message.Length)
                    {
                        return DnsMalformedReason.TruncatedName;
                    }

                    int target = ((length & 0x3F) << 8) | _message[position + 1];
                    if (target >= runStart || ++hops > MdnsLimits.MaxPointerHops)
                    {
                        return DnsMalformedReason.CompressionLoop;
                    }

                    if (!jumped)
                    {
                        _position = position + 2;
                        jumped = true;
                    }

                    runStart = target;
                    position = target;
                    break;

                default:
                    // 01 (extended label type, RFC 6891 withdrew the only one) and 10 are reserved.
                    return DnsMalformedReason.ReservedLabelType;
            }
        }
    }
}
