using System.Buffers.Binary;

namespace EdgeSensor.Decoding.S7Comm;

// Parameter layouts decoded here (offsets inside the parameter part):
// Job / Ack_Data
//   0   1  function
//   setup communication (0xF0): 1 reserved, 2-3 max AmQ calling, 4-5 max AmQ called, 6-7 PDU length
//   read / write var (0x04 / 0x05): 1 item count, Job: 2.. request items (S7RequestItem); data part: data items
//   request download, download block, download ended, start upload (0x1A-0x1D) Job:
//       1 function status, 2-3 unknown/error code, 4-7 upload id, 8 file name length, 9.. file name
//   upload, end upload (0x1E, 0x1F): 1 status, 2-3 error code, 4-7 upload id (no name)
//   PI service (0x28) Job: 1-7 unknown, 8-9 parameter block length (n), 10.. parameter block,
//       10+n service name length, 11+n.. service name
//   PLC stop (0x29) Job: 1-5 unknown, 6 service name length, 7.. service name
// Userdata
//   0   3  parameter head (00 01 12)
//   3   1  parameter length (4 or 8)
//   4   1  method (0x11 request, 0x12 response)
//   5   1  type (high nibble: 4 request, 8 response, 0 push) | function group (low nibble)
//   6   1  subfunction
//   7   1  sequence number
//  [8   1  data unit reference, 9 last data unit (0x00 yes, 0x01 no), 10-11 error code]   when parameter length byte >= 8
//   data part: 0 return code, 1 transport size, 2-3 length, 4.. payload

/// <summary>
/// Reader over one complete S7comm PDU (the COTP user data of one TSDU). Validates the lengths and the
/// structure its function implies and answers with a status; never throws, never reads past the span, allocates nothing.
/// </summary>
public ref struct S7CommReader
{
    /// <summary>Minimum parameter length of setup communication.</summary>
    public const int SetupCommunicationParameterLength = 8;

    /// <summary>Minimum userdata parameter length (head, length, method, type/group, subfunction, sequence).</summary>
    public const int UserdataParameterLength = 8;

    /// <summary>Userdata parameter length with the data unit extension.</summary>
    public const int UserdataExtendedParameterLength = 12;

    /// <summary>Userdata data header: return code, transport size, length.</summary>
    public const int UserdataDataHeaderLength = 4;

    // Offsets named in the layout comment above.
    private const int BlockFileNameLengthOffset = 8;
    private const int PiParameterBlockLengthOffset = 8;
    private const int PlcStopNameLengthOffset = 6;
    private const int CyclicRequestHeadLength = 4; // item count (2), time base (1), factor (1)
    private const int CyclicResponseHeadLength = 2; // item count (2)
    private const int MinimumRequestItemLength = 3; // specification type, length, syntax id

    // Userdata "last data unit" wire value meaning "more fragments follow" (Wireshark S7COMM_UD_LASTDATAUNIT_NO).
    private const byte LastDataUnitNo = 0x01;

    private readonly ReadOnlySpan<byte> _pdu;

    public S7CommReader(ReadOnlySpan<byte> pdu)
    {
        _pdu = pdu;
    }

    /// <summary>The bytes this reader was given.</summary>
    public readonly ReadOnlySpan<byte> Span => _pdu;

    /// <summary>
    /// Decodes the PDU. <see cref="DecodeStatus.NotThisProtocol"/> when the cheap test fails; <see cref="DecodeStatus.Malformed"/>
    /// with a reason when a length or count does not fit (a span shorter than the header is <see cref="S7MalformedReason.HeaderTooShort"/>,
    /// since the reader is given a complete PDU). On <see cref="DecodeStatus.Malformed"/>, <paramref name="pdu"/> holds
    /// whatever was decoded before the problem (at least the header when the header was complete).
    /// </summary>
    public readonly DecodeStatus TryRead(out S7Pdu pdu, out S7MalformedReason reason)
    {
        pdu = default;
        DecodeStatus status = S7CommDecoder.TryReadHeader(_pdu, out S7Header header, out reason);
        if (status == DecodeStatus.NotThisProtocol)
        {
            return status;
        }

        if (status != DecodeStatus.Ok)
        {
            reason = S7MalformedReason.HeaderTooShort;
            return DecodeStatus.Malformed;
        }

        int headerLength = header.HeaderLength;
        pdu = new S7Pdu { Header = header };
        // Lengths are 16-bit, so these sums cannot overflow an int.
        if (headerLength + header.ParameterLength > _pdu.Length)
        {
            reason = S7MalformedReason.ParameterLengthOverrun;
            return DecodeStatus.Malformed;
        }

        if (headerLength + header.ParameterLength + header.DataLength > _pdu.Length)
        {
            reason = S7MalformedReason.DataLengthOverrun;
            return DecodeStatus.Malformed;
        }

        ReadOnlySpan<byte> parameter = _pdu.Slice(headerLength, header.ParameterLength);
        ReadOnlySpan<byte> data = _pdu.Slice(headerLength + header.ParameterLength, header.DataLength);
        pdu = new S7Pdu { Header = header, Parameter = parameter, Data = data };

        switch (header.Rosctr)
        {
            case S7Rosctr.Job:
            case S7Rosctr.AckData:
                return ReadFunction(header, parameter, data, out pdu, out reason);
            case S7Rosctr.Userdata:
                return ReadUserdata(header, parameter, data, out pdu, out reason);
            default:
                // Ack: header only (error class and code); a parameter part, if any, is not interpreted.
                reason = S7MalformedReason.None;
                return DecodeStatus.Ok;
        }
    }

    private static DecodeStatus ReadFunction(S7Header header, ReadOnlySpan<byte> parameter, ReadOnlySpan<byte> data,
        out S7Pdu pdu, out S7MalformedReason reason)
    {
        reason = S7MalformedReason.None;
        if (parameter.IsEmpty)
        {
            pdu = new S7Pdu { Header = header, Parameter = parameter, Data = data };
            return DecodeStatus.Ok;
        }

        byte function = parameter[0];
        bool job = header.RawRosctr == (byte)S7Rosctr.Job;
        var basePdu = new S7Pdu { Header = header, Parameter = parameter, Data = data, HasFunction = true, RawFunction = function };
        pdu = basePdu;
        switch (function)
        {
            case (byte)S7Function.SetupCommunication:
                if (parameter.Length < SetupCommunicationParameterLength)
                {
                    reason = S7MalformedReason.ParameterTooShort;
                    return DecodeStatus.Malformed;
                }

                pdu = basePdu with
                {
                    MaxAmqCalling = BinaryPrimitives.ReadUInt16BigEndian(parameter.Slice(2)),
                    MaxAmqCalled = BinaryPrimitives.ReadUInt16BigEndian(parameter.Slice(4)),
                    PduLength = BinaryPrimitives.ReadUInt16BigEndian(parameter.Slice(6)),
                };
                return DecodeStatus.Ok;

            case (byte)S7Function.ReadVar:
            case (byte)S7Function.WriteVar:
                if (parameter.Length < 2)
                {
                    reason = S7MalformedReason.ParameterTooShort;
                    return DecodeStatus.Malformed;
                }

                pdu = basePdu with { HasItemCount = true, ItemCount = parameter[1] };
                reason = ValidateItems(pdu, job, header);
                return reason == S7MalformedReason.None ? DecodeStatus.Ok : DecodeStatus.Malformed;

            case (byte)S7Function.RequestDownload:
            case (byte)S7Function.DownloadBlock:
            case (byte)S7Function.DownloadEnded:
            case (byte)S7Function.StartUpload:
                if (!job || parameter.Length <= BlockFileNameLengthOffset)
                {
                    return DecodeStatus.Ok;
                }

                if (!TrySliceName(parameter, BlockFileNameLengthOffset, out ReadOnlySpan<byte> fileName))
                {
                    reason = S7MalformedReason.NameLengthOverrun;
                    return DecodeStatus.Malformed;
                }

                pdu = basePdu with { FileName = fileName };
                return DecodeStatus.Ok;

            case (byte)S7Function.PiService:
                if (!job)
                {
                    return DecodeStatus.Ok;
                }

                // Function and 7 unknown bytes only: no parameter block, no name (Wireshark stops there too).
                if (parameter.Length <= PiParameterBlockLengthOffset)
                {
                    return DecodeStatus.Ok;
                }

                if (parameter.Length < PiParameterBlockLengthOffset + 2)
                {
                    reason = S7MalformedReason.ParameterTooShort;
                    return DecodeStatus.Malformed;
                }

                int blockLength = BinaryPrimitives.ReadUInt16BigEndian(parameter.Slice(PiParameterBlockLengthOffset));
                int nameLengthOffset = PiParameterBlockLengthOffset + 2 + blockLength;
                if (!TrySliceName(parameter, nameLengthOffset, out ReadOnlySpan<byte> serviceName))
                {
                    reason = S7MalformedReason.NameLengthOverrun;
                    return DecodeStatus.Malformed;
                }

                pdu = basePdu with
                {
                    PiParameterBlock = parameter.Slice(PiParameterBlockLengthOffset + 2, blockLength),
                    ServiceName = serviceName,
                };
                return DecodeStatus.Ok;

            case (byte)S7Function.PlcStop:
                if (!job)
                {
                    return DecodeStatus.Ok;
                }

                if (!TrySliceName(parameter, PlcStopNameLengthOffset, out ReadOnlySpan<byte> stopName))
                {
                    reason = S7MalformedReason.NameLengthOverrun;
                    return DecodeStatus.Malformed;
                }

                pdu = basePdu with { ServiceName = stopName };
                return DecodeStatus.Ok;

            default:
                return DecodeStatus.Ok;
        }
    }

    // Walks the items once so that a PDU answered Ok can be enumerated without surprises.
    private static S7MalformedReason ValidateItems(S7Pdu pdu, bool job, S7Header header)
    {
        int count = pdu.ItemCount;
        if (job)
        {
            // Each request item is at least 3 bytes: bound the count by what the parameter part can hold.
            if (count > (pdu.Parameter.Length - 2) / MinimumRequestItemLength)
            {
                return S7MalformedReason.ItemCountOverrun;
            }

            S7RequestItemEnumerator items = pdu.GetRequestItems();
            while (items.MoveNext())
            {
            }

            if (items.Truncated)
            {
                return S7MalformedReason.ItemTruncated;
            }
        }

        // An Ack_Data carrying an error in the header may have no data items at all.
        if ((!job && header.ErrorClass != 0) || (job && pdu.RawFunction == (byte)S7Function.ReadVar))
        {
            return S7MalformedReason.None;
        }

        bool returnCodesOnly = !job && pdu.RawFunction == (byte)S7Function.WriteVar;
        int minimumItem = returnCodesOnly ? 1 : S7DataItemEnumerator.ItemHeaderLength;
        if (count > pdu.Data.Length / minimumItem)
        {
            return S7MalformedReason.ItemCountOverrun;
        }

        S7DataItemEnumerator dataItems = pdu.GetDataItems();
        while (dataItems.MoveNext())
        {
        }

        return dataItems.Truncated ? S7MalformedReason.DataItemTruncated : S7MalformedReason.None;
    }

    private static DecodeStatus ReadUserdata(S7Header header, ReadOnlySpan<byte> parameter, ReadOnlySpan<byte> data,
        out S7Pdu pdu, out S7MalformedReason reason)
    {
        pdu = new S7Pdu { Header = header, Parameter = parameter, Data = data };
        if (parameter.Length < UserdataParameterLength)
        {
            reason = S7MalformedReason.UserdataParameterTooShort;
            return DecodeStatus.Malformed;
        }

        byte typeAndGroup = parameter[5];
        // The extension is announced by the inner length byte; a mode-transition push claims 16 in an 8-byte part.
        bool extended = parameter[3] >= UserdataParameterLength && parameter.Length >= UserdataExtendedParameterLength;
        byte dataUnitReference = extended ? parameter[8] : (byte)0;
        bool lastDataUnit = !extended || parameter[9] != LastDataUnitNo;
        pdu = new S7Pdu
        {
            Header = header,
            Parameter = parameter,
            Data = data,
            IsUserdata = true,
            UserdataMethod = parameter[4],
            RawUserdataType = (byte)(typeAndGroup >> 4),
            FunctionGroup = (byte)(typeAndGroup & 0x0F),
            Subfunction = parameter[6],
            Sequence = parameter[7],
            HasDataUnit = extended,
            DataUnitReference = dataUnitReference,
            IsLastDataUnit = lastDataUnit,
            UserdataErrorCode = extended ? BinaryPrimitives.ReadUInt16BigEndian(parameter.Slice(10)) : (ushort)0,
        };

        if (data.Length < UserdataDataHeaderLength)
        {
            reason = S7MalformedReason.None;
            return DecodeStatus.Ok;
        }

        ushort length = BinaryPrimitives.ReadUInt16BigEndian(data.Slice(2));
        int available = data.Length - UserdataDataHeaderLength;
        ReadOnlySpan<byte> payload = data.Slice(UserdataDataHeaderLength, Math.Min(length, available));
        S7Pdu withData = pdu with
        {
            HasUserdataData = true,
            UserdataReturnCode = data[0],
            UserdataTransportSize = data[1],
            UserdataLength = length,
            UserdataPayload = payload,
        };
        pdu = withData;
        if (length > available)
        {
            reason = S7MalformedReason.UserdataDataTruncated;
            return DecodeStatus.Malformed;
        }

        reason = S7MalformedReason.None;
        if (withData.IsCyclicWithItems && lastDataUnit && dataUnitReference == 0)
        {
            bool request = withData.RawUserdataType == (byte)S7UserdataType.Request;
            int head = request ? CyclicRequestHeadLength : CyclicResponseHeadLength;
            if (payload.Length >= head)
            {
                pdu = withData with { HasItemCount = true, ItemCount = BinaryPrimitives.ReadUInt16BigEndian(payload) };
            }
        }

        return DecodeStatus.Ok;
    }

    // A 1-byte length at lengthOffset followed by that many bytes, all inside the parameter part.
    private static bool TrySliceName(ReadOnlySpan<byte> parameter, int lengthOffset, out ReadOnlySpan<byte> name)
    {
        name = default;
        if ((uint)lengthOffset >= (uint)parameter.Length)
        {
            return false;
        }

        int length = parameter[lengthOffset];
        if (length > parameter.Length - lengthOffset - 1)
        {
            return false;
        }

        name = parameter.Slice(lengthOffset + 1, length);
        return true;
    }
}
