using System.Buffers.Binary;
using static EdgeSensor.Tests.Decoding.S7Comm.S7Fixtures;

namespace EdgeSensor.Tests.Plant.Identity;

/// <summary>Synthetic S7 userdata read-SZL answers (layout as in S7Fixtures.SzlResponse0011) and SZL payloads.</summary>
internal static class IdentityFixtures
{
    /// <summary>
    /// A read-SZL response PDU: header (Userdata, pduref 0x0100, plen 12, dlen 4 + payload), parameter
    /// 000112 | 08 | 12 | 84 | 01 | seq 1 | data unit reference | last (00 yes, 01 no) | 0000, data rc | 09 | length | payload.
    /// </summary>
    public static byte[] SzlResponse(ReadOnlySpan<byte> payload, byte dataUnitReference = 0, bool last = true, byte returnCode = 0xff)
    {
        byte[] head = Hex("32 07 | 0000 | 0100 | 000c | 0000 | 000112 08 12 84 01 01 | 00 | 00 | 0000 | ff 09 0000");
        var pdu = new byte[head.Length + payload.Length];
        head.CopyTo(pdu, 0);
        BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(8), (ushort)(4 + payload.Length));
        pdu[18] = dataUnitReference;
        pdu[19] = last ? (byte)0x00 : (byte)0x01;
        pdu[22] = returnCode;
        BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(24), (ushort)payload.Length);
        payload.CopyTo(pdu.AsSpan(head.Length));
        return pdu;
    }

    /// <summary>SZL payload: id | index | record length | record count | records.</summary>
    public static byte[] SzlPayload(ushort id, ushort recordLength, params byte[][] records)
    {
        var payload = new byte[8 + (records.Length * recordLength)];
        BinaryPrimitives.WriteUInt16BigEndian(payload, id);
        BinaryPrimitives.WriteUInt16BigEndian(payload.AsSpan(4), recordLength);
        BinaryPrimitives.WriteUInt16BigEndian(payload.AsSpan(6), (ushort)records.Length);
        for (int i = 0; i < records.Length; i++)
        {
            records[i].AsSpan(0, Math.Min(records[i].Length, recordLength)).CopyTo(payload.AsSpan(8 + (i * recordLength)));
        }

        return payload;
    }

    /// <summary>A 34-byte component identification record: index, then text bytes (NUL padded).</summary>
    public static byte[] ComponentRecord(ushort index, ReadOnlySpan<byte> text)
    {
        var record = new byte[34];
        BinaryPrimitives.WriteUInt16BigEndian(record, index);
        text.Slice(0, Math.Min(text.Length, 32)).CopyTo(record.AsSpan(2));
        return record;
    }

    /// <summary>A 20-byte mode transition record with the given bzu-id.</summary>
    public static byte[] ModeRecord(byte bzuId)
    {
        byte[] record = Hex("5144 | ff | 00 | 00000000 | 00 00 00 00 | 2410042124250005");
        record[3] = bzuId;
        return record;
    }
}
