using System.Buffers.Binary;

namespace EdgeSensor.Decoding.S7Comm;

/// <summary>
/// One decoded S7comm PDU (see <see cref="S7CommReader"/>): the header, the parameter and data views and the
/// fields of its function. Spans point into the caller's buffer; nothing is copied. Properties that do not apply
/// to this PDU's type are 0 / empty, and the <c>Has*</c> flags say which apply.
/// </summary>
public readonly ref struct S7Pdu
{
    // Userdata cyclic-service subfunctions that carry an item list (Wireshark S7COMM_UD_SUBF_CYCLIC_*).
    private const byte CyclicTransfer = 0x01;
    private const byte CyclicChangeDriven = 0x05;
    private const byte CyclicChangeDrivenModify = 0x07;

    /// <summary>Userdata CPU-functions subfunction "read SZL" (Wireshark S7COMM_UD_SUBF_CPU_READSZL).</summary>
    public const byte SubfunctionReadSzl = 0x01;

    /// <summary>Header.</summary>
    public S7Header Header { get; internal init; }

    /// <summary>The parameter part (exactly <see cref="S7Header.ParameterLength"/> bytes).</summary>
    public ReadOnlySpan<byte> Parameter { get; internal init; }

    /// <summary>The data part (exactly <see cref="S7Header.DataLength"/> bytes).</summary>
    public ReadOnlySpan<byte> Data { get; internal init; }

    /// <summary>True for Job / Ack_Data with a non-empty parameter part: <see cref="RawFunction"/> is set.</summary>
    public bool HasFunction { get; internal init; }

    /// <summary>Function byte as on the wire.</summary>
    public byte RawFunction { get; internal init; }

    /// <summary>Function (compare <see cref="RawFunction"/> for values outside the enum).</summary>
    public S7Function Function => (S7Function)RawFunction;

    /// <summary>True when <see cref="ItemCount"/> is set (read/write var; userdata cyclic services).</summary>
    public bool HasItemCount { get; internal init; }

    /// <summary>Item count: parameter byte 1 of read/write var, or the 2-byte count of a cyclic-service payload.</summary>
    public ushort ItemCount { get; internal init; }

    /// <summary>Setup communication: max parallel jobs, calling side.</summary>
    public ushort MaxAmqCalling { get; internal init; }

    /// <summary>Setup communication: max parallel jobs, called side.</summary>
    public ushort MaxAmqCalled { get; internal init; }

    /// <summary>Setup communication: PDU length (proposed in the Job, negotiated in the Ack_Data); 0 otherwise.</summary>
    public ushort PduLength { get; internal init; }

    /// <summary>PI service (0x28) and PLC stop (0x29) Jobs: the service name, e.g. "_INSE", "_MODU", "P_PROGRAM".</summary>
    public ReadOnlySpan<byte> ServiceName { get; internal init; }

    /// <summary>PI service Job: the parameter block before the service name (block list for _INSE/_DELE).</summary>
    public ReadOnlySpan<byte> PiParameterBlock { get; internal init; }

    /// <summary>Block functions 0x1A-0x1D Job: the file name, e.g. "_0A00001P" (type 0A = DB, number 00001, P = passive FS).</summary>
    public ReadOnlySpan<byte> FileName { get; internal init; }

    /// <summary>True for Userdata PDUs with a complete 8-byte parameter head.</summary>
    public bool IsUserdata { get; internal init; }

    /// <summary>Userdata method byte (0x11 request, 0x12 response).</summary>
    public byte UserdataMethod { get; internal init; }

    /// <summary>Userdata type nibble as on the wire (4 request, 8 response, 0 push).</summary>
    public byte RawUserdataType { get; internal init; }

    /// <summary>Userdata type.</summary>
    public S7UserdataType UserdataType => (S7UserdataType)RawUserdataType;

    /// <summary>Userdata function group nibble (see <see cref="S7UserdataFunctionGroup"/>).</summary>
    public byte FunctionGroup { get; internal init; }

    /// <summary>Userdata subfunction (for function group 0 it is the current mode).</summary>
    public byte Subfunction { get; internal init; }

    /// <summary>Userdata sequence number.</summary>
    public byte Sequence { get; internal init; }

    /// <summary>True when the userdata parameter has the 4-byte extension: data unit reference, last data unit, error code.</summary>
    public bool HasDataUnit { get; internal init; }

    /// <summary>Data unit reference: non-zero when the userdata data is split over several PDUs (fragments share it).</summary>
    public byte DataUnitReference { get; internal init; }

    /// <summary>False when more fragments of this data unit follow (wire value 0x01); true otherwise.</summary>
    public bool IsLastDataUnit { get; internal init; }

    /// <summary>Userdata parameter error code (0 = no error).</summary>
    public ushort UserdataErrorCode { get; internal init; }

    /// <summary>True when the userdata data part has its 4-byte header (return code, transport size, length).</summary>
    public bool HasUserdataData { get; internal init; }

    /// <summary>Userdata data return code (0xff success, 0x0a object does not exist, ...).</summary>
    public byte UserdataReturnCode { get; internal init; }

    /// <summary>Userdata data transport size (0x09 octet string, ...).</summary>
    public byte UserdataTransportSize { get; internal init; }

    /// <summary>Userdata data length field.</summary>
    public ushort UserdataLength { get; internal init; }

    /// <summary>Userdata payload after the 4-byte data header, clipped to the length field.</summary>
    public ReadOnlySpan<byte> UserdataPayload { get; internal init; }

    /// <summary>True for a userdata CPU-functions read-SZL request or response.</summary>
    public bool IsSzlRead => IsUserdata && FunctionGroup == (byte)S7UserdataFunctionGroup.CpuFunctions && Subfunction == SubfunctionReadSzl;

    /// <summary>True when this userdata PDU is one fragment of a data unit split over several PDUs.</summary>
    public bool IsFragment => IsUserdata && DataUnitReference != 0;

    /// <summary>True for a userdata cyclic-services PDU whose payload carries an item list.</summary>
    public bool IsCyclicWithItems => IsUserdata && FunctionGroup == (byte)S7UserdataFunctionGroup.CyclicServices
        && Subfunction is CyclicTransfer or CyclicChangeDriven or CyclicChangeDrivenModify;

    /// <summary>
    /// The SZL id and index this PDU shows on its own (no reassembly), by Wireshark's rule: read SZL, last data
    /// unit, a request, or a response with return code 0xff, and at least 4 payload bytes. A last fragment
    /// (<see cref="IsFragment"/>) shows the ids of its first fragment: use <see cref="S7UserdataFragmentState"/>.
    /// </summary>
    public bool TryGetSzlId(out ushort szlId, out ushort szlIndex) => TryGetSzlId(UserdataPayload, out szlId, out szlIndex);

    internal bool TryGetSzlId(ReadOnlySpan<byte> firstPayload, out ushort szlId, out ushort szlIndex)
    {
        szlId = 0;
        szlIndex = 0;
        if (!IsSzlRead || !IsLastDataUnit || !HasUserdataData || firstPayload.Length < 4)
        {
            return false;
        }

        bool shows = RawUserdataType == (byte)S7UserdataType.Request
            || (RawUserdataType == (byte)S7UserdataType.Response && UserdataReturnCode == S7DataItem.ReturnCodeSuccess);
        if (!shows)
        {
            return false;
        }

        szlId = BinaryPrimitives.ReadUInt16BigEndian(firstPayload);
        szlIndex = BinaryPrimitives.ReadUInt16BigEndian(firstPayload.Slice(2));
        return true;
    }

    /// <summary>The SZL response head and records of this PDU (a response with at least 8 payload bytes).</summary>
    public bool TryGetSzlData(out S7SzlData szl)
    {
        if (!IsSzlRead || RawUserdataType != (byte)S7UserdataType.Response)
        {
            szl = default;
            return false;
        }

        return S7SzlData.TryRead(UserdataPayload, out szl);
    }

    /// <summary>
    /// Request items: the parameter items of a read/write var Job, or the items of a cyclic-services request.
    /// Empty for other PDUs.
    /// </summary>
    public S7RequestItemEnumerator GetRequestItems()
    {
        // HasItemCount guarantees the 2-byte function + count head.
        if (HasFunction && HasItemCount && Header.RawRosctr == (byte)S7Rosctr.Job
            && RawFunction is (byte)S7Function.ReadVar or (byte)S7Function.WriteVar)
        {
            return new S7RequestItemEnumerator(Parameter.Slice(2), ItemCount);
        }

        // Cyclic request payload: item count (2), interval time base (1), interval factor (1), items.
        if (IsCyclicWithItems && RawUserdataType == (byte)S7UserdataType.Request && UserdataPayload.Length >= 4)
        {
            return new S7RequestItemEnumerator(UserdataPayload.Slice(4), ItemCount);
        }

        return default;
    }

    /// <summary>
    /// Data items: the values of a write var Job or read var Ack_Data, the return codes of a write var Ack_Data,
    /// or the items of a cyclic-services response/push. Empty for other PDUs.
    /// </summary>
    public S7DataItemEnumerator GetDataItems()
    {
        if (HasFunction && HasItemCount)
        {
            bool job = Header.RawRosctr == (byte)S7Rosctr.Job;
            if (RawFunction == (byte)S7Function.WriteVar)
            {
                return new S7DataItemEnumerator(Data, ItemCount, returnCodesOnly: !job);
            }

            if (RawFunction == (byte)S7Function.ReadVar && !job)
            {
                return new S7DataItemEnumerator(Data, ItemCount, returnCodesOnly: false);
            }

            return default;
        }

        // Cyclic response / push payload: item count (2), data items.
        if (IsCyclicWithItems && RawUserdataType != (byte)S7UserdataType.Request && UserdataPayload.Length >= 2)
        {
            return new S7DataItemEnumerator(UserdataPayload.Slice(2), ItemCount, returnCodesOnly: false);
        }

        return default;
    }
}
