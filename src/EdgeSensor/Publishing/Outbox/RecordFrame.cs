using System.Buffers.Binary;
using System.Text;

namespace EdgeSensor.Publishing.Outbox;

/// <summary>
/// One record in a segment file, little-endian:
/// <code>
/// offset size field
///  0      2   magic 0x4F45 ("EO")
///  2      4   length: bytes after the CRC field (sequence + body)
///  6      4   CRC-32/IEEE of those length bytes
/// 10      8   sequence
/// 18      8   created, UTC ticks
/// 26      1   severity 0-100
/// 27      1   reserved, 0
/// 28      2   message id length (UTF-8 bytes)
/// 30      2   topic length (UTF-8 bytes)
/// 32      4   payload length
/// 36      .   message id, topic, payload
/// </code>
/// Framing (<see cref="TryReadHeader"/>: is there a whole, intact frame here) is separate from decoding the fields.
/// </summary>
internal static class RecordFrame
{
    public const ushort Magic = 0x4F45;
    public const int HeaderBytes = 10;
    public const int FixedBytes = 36;
    private const int FixedBodyBytes = FixedBytes - HeaderBytes;

    public static byte[] Encode(long sequence, OutboxRecord record)
    {
        int idBytes = Encoding.UTF8.GetByteCount(record.MessageId);
        int topicBytes = Encoding.UTF8.GetByteCount(record.Topic);
        if (idBytes > ushort.MaxValue || topicBytes > ushort.MaxValue)
        {
            throw new ArgumentException("Message id and topic must each fit in 65535 UTF-8 bytes.", nameof(record));
        }

        var frame = new byte[FixedBytes + idBytes + topicBytes + record.Payload.Length];
        Span<byte> s = frame;
        BinaryPrimitives.WriteUInt16LittleEndian(s, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(s[2..], frame.Length - HeaderBytes);
        BinaryPrimitives.WriteInt64LittleEndian(s[10..], sequence);
        BinaryPrimitives.WriteInt64LittleEndian(s[18..], record.CreatedAt.UtcTicks);
        s[26] = record.Severity;
        s[27] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(s[28..], (ushort)idBytes);
        BinaryPrimitives.WriteUInt16LittleEndian(s[30..], (ushort)topicBytes);
        BinaryPrimitives.WriteInt32LittleEndian(s[32..], record.Payload.Length);
        int at = FixedBytes;
        at += Encoding.UTF8.GetBytes(record.MessageId, s[at..]);
        at += Encoding.UTF8.GetBytes(record.Topic, s[at..]);
        record.Payload.Span.CopyTo(s[at..]);
        BinaryPrimitives.WriteUInt32LittleEndian(s[6..], Crc32.Compute(s[HeaderBytes..]));
        return frame;
    }

    /// <summary>
    /// Checks the frame starting at <paramref name="data"/>[0]: magic, a plausible length, all bytes present, CRC,
    /// and inner lengths that add up. On <see cref="FrameStatus.Ok"/> gives its whole length and fixed fields.
    /// </summary>
    public static FrameStatus TryReadHeader(ReadOnlySpan<byte> data, int maxRecordBytes, out int frameLength, out long sequence, out byte severity)
    {
        frameLength = 0;
        sequence = 0;
        severity = 0;
        if (data.Length < HeaderBytes)
        {
            return FrameStatus.Truncated;
        }

        if (BinaryPrimitives.ReadUInt16LittleEndian(data) != Magic)
        {
            return FrameStatus.BadMagic;
        }

        int length = BinaryPrimitives.ReadInt32LittleEndian(data[2..]);
        // Compared as uint so a negative length on disk is rejected by the same test.
        if ((uint)length < FixedBodyBytes || (uint)length > (uint)(maxRecordBytes - HeaderBytes))
        {
            return FrameStatus.BadLength;
        }

        if (data.Length - HeaderBytes < length)
        {
            return FrameStatus.Truncated;
        }

        ReadOnlySpan<byte> body = data.Slice(HeaderBytes, length);
        if (Crc32.Compute(body) != BinaryPrimitives.ReadUInt32LittleEndian(data[6..]))
        {
            return FrameStatus.BadCrc;
        }

        int idBytes = BinaryPrimitives.ReadUInt16LittleEndian(data[28..]);
        int topicBytes = BinaryPrimitives.ReadUInt16LittleEndian(data[30..]);
        int payloadBytes = BinaryPrimitives.ReadInt32LittleEndian(data[32..]);
        sequence = BinaryPrimitives.ReadInt64LittleEndian(data[10..]);
        severity = data[26];
        if ((long)FixedBodyBytes + idBytes + topicBytes + (uint)payloadBytes != length || idBytes == 0 || topicBytes == 0 || severity > OutboxRecord.MaxSeverity || sequence <= 0)
        {
            return FrameStatus.BadFields;
        }

        frameLength = HeaderBytes + length;
        return FrameStatus.Ok;
    }

    /// <summary>Decodes the fields of a frame <see cref="TryReadHeader"/> accepted.</summary>
    public static OutboxRecord Decode(ReadOnlySpan<byte> frame)
    {
        long ticks = BinaryPrimitives.ReadInt64LittleEndian(frame[18..]);
        int idBytes = BinaryPrimitives.ReadUInt16LittleEndian(frame[28..]);
        int topicBytes = BinaryPrimitives.ReadUInt16LittleEndian(frame[30..]);
        int payloadBytes = BinaryPrimitives.ReadInt32LittleEndian(frame[32..]);
        int at = FixedBytes;
        string id = Encoding.UTF8.GetString(frame.Slice(at, idBytes));
        at += idBytes;
        string topic = Encoding.UTF8.GetString(frame.Slice(at, topicBytes));
        at += topicBytes;
        byte[] payload = frame.Slice(at, payloadBytes).ToArray();
        return new OutboxRecord(topic, payload, id, frame[26], new DateTimeOffset(ticks, TimeSpan.Zero));
    }
}
