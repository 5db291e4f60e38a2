using EdgeSensor.Decoding.S7Comm;
using EdgeSensor.Pipeline;

namespace EdgeSensor.Plant.Identity;

// What each S7comm PDU can tell about the CPU (the caller passes the identity of the CPU: the source of a
// response or push, the destination of a Job):
//   Userdata, CPU functions, read SZL, response:  0x0011 / 0x0111 module identification -> order number, versions
//                                                 0x001C / 0x011C component identification -> names, serial numbers
//                                                 0x0424 / 0x0024 current mode transition -> operating state
//   Userdata push, function group 0 (mode transition): subfunction = current mode -> operating state
//   Job 0x29 PLC stop; Job 0x28 PI service "P_PROGRAM" (start)      -> last command
//   Ack_Data 0x29 / 0x28 without error after such a Job              -> command acknowledged
// Split SZL answers are joined per device by SzlAnswerAssembler before they are parsed.

/// <summary>Updates an <see cref="S7DeviceIdentity"/> from the S7comm PDUs of its CPU. Static, allocation-light.</summary>
public static class S7IdentityParser
{
    /// <summary>PI service name of a program start (warm or cold restart).</summary>
    public static ReadOnlySpan<byte> StartServiceName => "P_PROGRAM"u8;

    /// <summary>SZL ids the parser reads; split answers of other ids are not buffered.</summary>
    public static ReadOnlySpan<ushort> ParsedSzlIds => ParsedSzlIdArray;

    // An array, not a collection expression in the property: that allocated 72 bytes per call (measured).
    private static readonly ushort[] ParsedSzlIdArray = [0x0011, 0x0111, 0x001C, 0x011C, 0x0424, 0x0024];

    // Userdata mode-transition push "current mode" codes (the subfunction byte; Wireshark
    // s7comm.param.modetrans.subfunc): 0 STOP, 1 warm restart, 2 RUN, 3 hot restart, 4 HOLD, 6 cold restart,
    // 9 RUN_R (H system redundant), 11 LINK-UP, 12 UPDATE.
    private static S7OperatingState PushModeToState(byte mode) => mode switch
    {
        0 => S7OperatingState.Stop,
        1 or 3 or 6 => S7OperatingState.Startup,
        2 or 9 => S7OperatingState.Run,
        4 => S7OperatingState.Hold,
        11 => S7OperatingState.LinkUp,
        12 => S7OperatingState.Update,
        _ => S7OperatingState.Unknown,
    };

    /// <summary>
    /// Applies one decoded S7comm PDU of the CPU to <paramref name="identity"/>. <paramref name="szl"/> is the
    /// pipeline's SZL reference (id of a joined answer, checked against the joined bytes); <paramref name="flowId"/>
    /// keeps split answers of different connections apart. True when the identity changed.
    /// </summary>
    public static bool Apply(S7DeviceIdentity identity, in S7Pdu pdu, SzlReference szl, long timestampMicros, int flowId = 0)
    {
        ArgumentNullException.ThrowIfNull(identity);
        int before = identity.Version;
        if (pdu.IsUserdata)
        {
            if (pdu.FunctionGroup == (byte)S7UserdataFunctionGroup.ModeTransition && pdu.RawUserdataType == (byte)S7UserdataType.Push)
            {
                SetState(identity, PushModeToState(pdu.Subfunction), pdu.Subfunction, S7OperatingStateSource.ModeTransitionPush, timestampMicros);
            }
            else if (pdu.IsSzlRead && pdu.RawUserdataType == (byte)S7UserdataType.Response
                && identity.Assembler.TryAssemble(pdu, flowId, ParsedSzlIds, out ReadOnlySpan<byte> payload))
            {
                ApplySzl(identity, payload, pdu.IsFragment, szl, timestampMicros);
            }
        }
        else if (pdu.HasFunction)
        {
            ApplyCommand(identity, pdu, timestampMicros);
        }

        return identity.Version != before;
    }

    /// <summary>
    /// Applies one complete read-SZL answer payload (SZL head and records, as <see cref="S7SzlData.TryRead"/> reads
    /// it). <paramref name="joined"/>: the payload was joined from fragments, so it must hold exactly the records
    /// announced (a lost fragment must not shift the records).
    /// </summary>
    public static void ApplySzl(S7DeviceIdentity identity, ReadOnlySpan<byte> payload, bool joined, SzlReference szl, long timestampMicros)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (!S7SzlData.TryRead(payload, out S7SzlData data) || (szl.Present && szl.Id != data.SzlId))
        {
            return;
        }

        if (joined && data.RecordBytes.Length != data.RecordLength * data.RecordCount)
        {
            return;
        }

        switch (data.SzlId)
        {
            case 0x0011:
            case 0x0111:
                ApplyModuleIdentification(identity, data, timestampMicros);
                break;
            case 0x001C:
            case 0x011C:
                ApplyComponentIdentification(identity, data, timestampMicros);
                break;
            case 0x0424:
            case 0x0024:
                foreach (ReadOnlySpan<byte> record in data.GetRecords())
                {
                    if (S7IdentityModeRecord.TryRead(record, out S7IdentityModeRecord mode))
                    {
                        SetState(identity, S7IdentityModeRecord.ToOperatingState(mode.RequestedMode), mode.RequestedMode,
                            S7OperatingStateSource.SzlModeTransition, timestampMicros);
                    }

                    // The current mode transition is one record; any further record is not the current one.
                    break;
                }

                break;
        }
    }

    private static void ApplyModuleIdentification(S7DeviceIdentity identity, S7SzlData data, long timestampMicros)
    {
        bool changed = false;
        bool hardwareFromBasicRecord = false;
        foreach (ReadOnlySpan<byte> bytes in data.GetRecords())
        {
            if (!S7IdentityModuleRecord.TryRead(bytes, out S7IdentityModuleRecord record))
            {
                continue;
            }

            switch (record.Index)
            {
                case S7IdentityModuleRecord.IndexModule:
                    string? order = identity.OrderNumber;
                    changed |= IdentityText.Update(ref order, record.OrderNumber, S7IdentityModuleRecord.OrderNumberLength);
                    identity.OrderNumber = order;
                    if (identity.ModuleTypeId != record.ModuleTypeId)
                    {
                        identity.ModuleTypeId = record.ModuleTypeId;
                        changed = true;
                    }

                    if (!hardwareFromBasicRecord && identity.RawHardwareVersion == default)
                    {
                        changed |= SetHardware(identity, record);
                    }

                    break;
                case S7IdentityModuleRecord.IndexBasicHardware:
                    hardwareFromBasicRecord = true;
                    changed |= SetHardware(identity, record);
                    break;
                case S7IdentityModuleRecord.IndexBasicFirmware:
                    var firmware = (record.Ausbg, record.Ausbe);
                    if (identity.FirmwareVersion is null || identity.RawFirmwareVersion != firmware)
                    {
                        identity.RawFirmwareVersion = firmware;
                        identity.FirmwareVersion = S7IdentityModuleRecord.FormatVersion(record.Ausbg, record.Ausbe);
                        changed = true;
                    }

                    break;
            }
        }

        MarkIdentityChange(identity, changed, timestampMicros);
    }

    private static bool SetHardware(S7DeviceIdentity identity, S7IdentityModuleRecord record)
    {
        var hardware = (record.Ausbg, record.Ausbe);
        if (identity.HardwareVersion is not null && identity.RawHardwareVersion == hardware)
        {
            return false;
        }

        identity.RawHardwareVersion = hardware;
        identity.HardwareVersion = S7IdentityModuleRecord.FormatVersion(record.Ausbg, record.Ausbe);
        return true;
    }

    private static void ApplyComponentIdentification(S7DeviceIdentity identity, S7SzlData data, long timestampMicros)
    {
        bool changed = false;
        foreach (ReadOnlySpan<byte> bytes in data.GetRecords())
        {
            if (!S7IdentityComponentRecord.TryRead(bytes, out S7IdentityComponentRecord record))
            {
                continue;
            }

            ReadOnlySpan<byte> text = record.Text;
            string? value;
            switch (record.Index)
            {
                case S7IdentityComponentRecord.IndexPlcName:
                    value = identity.PlcName;
                    changed |= IdentityText.Update(ref value, text);
                    identity.PlcName = value;
                    break;
                case S7IdentityComponentRecord.IndexModuleName:
                    value = identity.ModuleName;
                    changed |= IdentityText.Update(ref value, text);
                    identity.ModuleName = value;
                    break;
                case S7IdentityComponentRecord.IndexPlantId:
                    value = identity.PlantId;
                    changed |= IdentityText.Update(ref value, text);
                    identity.PlantId = value;
                    break;
                case S7IdentityComponentRecord.IndexCopyright:
                    value = identity.Copyright;
                    changed |= IdentityText.Update(ref value, text);
                    identity.Copyright = value;
                    break;
                case S7IdentityComponentRecord.IndexSerialNumber:
                    value = identity.SerialNumber;
                    changed |= IdentityText.Update(ref value, text);
                    identity.SerialNumber = value;
                    break;
                case S7IdentityComponentRecord.IndexModuleTypeName:
                    value = identity.ModuleTypeName;
                    changed |= IdentityText.Update(ref value, text);
                    identity.ModuleTypeName = value;
                    break;
                case S7IdentityComponentRecord.IndexMemoryCardSerialNumber:
                    value = identity.MemoryCardSerialNumber;
                    changed |= IdentityText.Update(ref value, text);
                    identity.MemoryCardSerialNumber = value;
                    break;
                case S7IdentityComponentRecord.IndexManufacturer:
                    if (identity.ManufacturerId != record.ManufacturerId)
                    {
                        identity.ManufacturerId = record.ManufacturerId;
                        changed = true;
                    }

                    break;
                case S7IdentityComponentRecord.IndexOem:
                    value = identity.OemId;
                    changed |= IdentityText.Update(ref value, text);
                    identity.OemId = value;
                    break;
                case S7IdentityComponentRecord.IndexLocation:
                    value = identity.LocationId;
                    changed |= IdentityText.Update(ref value, text);
                    identity.LocationId = value;
                    break;
            }
        }

        MarkIdentityChange(identity, changed, timestampMicros);
    }

    private static void ApplyCommand(S7DeviceIdentity identity, in S7Pdu pdu, long timestampMicros)
    {
        bool job = pdu.Header.RawRosctr == (byte)S7Rosctr.Job;
        S7PlcCommand command = pdu.RawFunction switch
        {
            (byte)S7Function.PlcStop => S7PlcCommand.Stop,
            (byte)S7Function.PiService when !job || pdu.ServiceName.SequenceEqual(StartServiceName) => S7PlcCommand.Start,
            _ => S7PlcCommand.None,
        };
        if (command == S7PlcCommand.None)
        {
            return;
        }

        if (job)
        {
            identity.LastCommand = command;
            identity.LastCommandMicros = timestampMicros;
            identity.LastCommandAcknowledged = false;
            identity.Version++;
            return;
        }

        // Ack_Data: a PI service answer does not repeat the service name, so it acknowledges the start only
        // when the start is the command waiting for an answer.
        if (pdu.Header.RawRosctr == (byte)S7Rosctr.AckData && identity.LastCommand == command
            && !identity.LastCommandAcknowledged && pdu.Header.ErrorClass == 0 && pdu.Header.ErrorCode == 0)
        {
            identity.LastCommandAcknowledged = true;
            identity.Version++;
        }
    }

    private static void SetState(S7DeviceIdentity identity, S7OperatingState state, byte raw, S7OperatingStateSource source, long timestampMicros)
    {
        if (identity.OperatingState != state || identity.OperatingStateSource == S7OperatingStateSource.None)
        {
            identity.OperatingState = state;
            identity.OperatingStateSinceMicros = timestampMicros;
            identity.Version++;
        }

        if (identity.RawOperatingState != raw || identity.OperatingStateSource != source)
        {
            identity.RawOperatingState = raw;
            identity.OperatingStateSource = source;
            identity.Version++;
        }

        identity.OperatingStateSeenMicros = timestampMicros;
    }

    private static void MarkIdentityChange(S7DeviceIdentity identity, bool changed, long timestampMicros)
    {
        if (changed)
        {
            identity.IdentityChangedMicros = timestampMicros;
            identity.Version++;
        }
    }
}
