using System.Buffers.Binary;

namespace EdgeSensor.Decoding.IsoOnTcp;

/// <summary>
/// COTP (ISO 8073 / ITU-T X.224), the transport ISO-on-TCP carries inside TPKT.
/// <code>
/// LI (1)          header length, not counting this byte
/// code (1)        TPDU code in the high nibble (CR 0xE0, CC 0xD0, DR 0x80, DC 0xC0, DT 0xF0, ...)
/// DT  class 0:    TPDU-NR + EOT (1): bit 7 = end of TSDU
/// CR/CC:          dst-ref (2) | src-ref (2) | class/options (1) | parameters: code (1) | length (1) | value
///                 (0xC0 TPDU size, 0xC1 calling TSAP, 0xC2 called TSAP)
/// DR:             dst-ref (2) | src-ref (2) | reason (1) | parameters
/// DC:             dst-ref (2) | src-ref (2)
/// user data       the rest of the TPKT payload
/// </code>
/// </summary>
public static class CotpDecoder
{
    public const byte ParameterTpduSize = 0xC0;
    public const byte ParameterCallingTsap = 0xC1;
    public const byte ParameterCalledTsap = 0xC2;

    public static DecodeStatus TryRead(ReadOnlySpan<byte> tpktPayload, out CotpTpdu tpdu, out IsoMalformedReason reason)
    {
        tpdu = default;
        reason = IsoMalformedReason.None;
        if (tpktPayload.Length < 2)
        {
            reason = IsoMalformedReason.CotpTruncated;
            return DecodeStatus.Malformed;
        }

        int li = tpktPayload[0];
        if (li < 1 || li + 1 > tpktPayload.Length)
        {
            reason = IsoMalformedReason.CotpLengthIndicatorOverrun;
            return DecodeStatus.Malformed;
        }

        byte raw = tpktPayload[1];
        var type = (CotpPduType)(raw & 0xF0);
        ReadOnlySpan<byte> header = tpktPayload[..(li + 1)];
        ReadOnlySpan<byte> userData = tpktPayload[(li + 1)..];
        switch (type)
        {
            case CotpPduType.Data:
                if (header.Length < 3)
                {
                    reason = IsoMalformedReason.CotpTruncated;
                    return DecodeStatus.Malformed;
                }

                tpdu = new CotpTpdu(type, raw, (header[2] & 0x80) != 0, 0, 0, default, default, userData);
                return DecodeStatus.Ok;

            case CotpPduType.ConnectRequest:
            case CotpPduType.ConnectConfirm:
            case CotpPduType.DisconnectRequest:
            case CotpPduType.DisconnectConfirm:
                int fixedLength = type switch
                {
                    CotpPduType.ConnectRequest or CotpPduType.ConnectConfirm or CotpPduType.DisconnectRequest => 7,
                    _ => 6,
                };
                if (header.Length < fixedLength)
                {
                    reason = IsoMalformedReason.CotpTruncated;
                    return DecodeStatus.Malformed;
                }

                ushort dstRef = BinaryPrimitives.ReadUInt16BigEndian(header[2..]);
                ushort srcRef = BinaryPrimitives.ReadUInt16BigEndian(header[4..]);
                ReadOnlySpan<byte> srcTsap = default;
                ReadOnlySpan<byte> dstTsap = default;
                ReadOnlySpan<byte> parameters = header[fixedLength..];
                while (parameters.Length >= 2)
                {
                    byte code = parameters[0];
                    int length = parameters[1];
                    if (2 + length > parameters.Length)
                    {
                        reason = IsoMalformedReason.CotpParameterOverrun;
                        return DecodeStatus.Malformed;
                    }

                    ReadOnlySpan<byte> value = parameters.Slice(2, length);
                    if (code == ParameterCallingTsap)
                    {
                        srcTsap = value;
                    }
                    else if (code == ParameterCalledTsap)
                    {
                        dstTsap = value;
                    }

                    parameters = parameters[(2 + length)..];
                }

                tpdu = new CotpTpdu(type, raw, true, dstRef, srcRef, srcTsap, dstTsap, userData);
                return DecodeStatus.Ok;

            case CotpPduType.ExpeditedData:
            case CotpPduType.ExpeditedDataAck:
            case CotpPduType.RejectTpdu:
            case CotpPduType.AckTpdu:
            case CotpPduType.Error:
                tpdu = new CotpTpdu(type, raw, true, 0, 0, default, default, userData);
                return DecodeStatus.Ok;

            default:
                reason = IsoMalformedReason.CotpUnknownType;
                return DecodeStatus.Malformed;
        }
    }
}
