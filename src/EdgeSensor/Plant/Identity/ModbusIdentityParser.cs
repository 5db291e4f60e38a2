using EdgeSensor.Decoding.Modbus;

namespace EdgeSensor.Plant.Identity;

// Read Device Identification response (Modbus Application Protocol v1.1b3, 6.21), read by ModbusDeviceIdObjectReader:
//   MBAP 7 | 0x2B | MEI 0x0E | read device id code | conformity level | more follows | next object id | count
//   | objects: id 1 | length 1 | value
// Objects 0..6 are ASCII strings (VendorName .. UserApplicationName); 0x07..0x7F are reserved and 0x80..0xFF
// private (device specific, not kept). A server that needs several answers ("more follows" 0xFF) sends the rest
// when asked from "next object id": each answer updates the objects it carries.

/// <summary>Updates a <see cref="ModbusDeviceIdentity"/> from FC43/14 responses. Static, allocation-light.</summary>
public static class ModbusIdentityParser
{
    /// <summary>
    /// Applies one Modbus/TCP response ADU (MBAP + PDU, as <c>IPduSink.OnModbus</c> hands it; pass responses only,
    /// i.e. ADUs from the server). Non-FC43/14 and exception ADUs are ignored. True when the identity changed.
    /// </summary>
    public static bool Apply(ModbusDeviceIdentity identity, ReadOnlySpan<byte> aduBytes, long timestampMicros = 0)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (!ModbusDeviceIdObjectReader.TryCreate(aduBytes, out ModbusDeviceIdObjectReader reader))
        {
            return false;
        }

        int before = identity.Version;
        identity.AnswerCount++;
        identity.LastAnswerMicros = timestampMicros;
        if (identity.ConformityLevel != reader.ConformityLevel)
        {
            identity.ConformityLevel = reader.ConformityLevel;
            identity.Version++;
        }

        bool changed = false;
        while (reader.TryReadNext(out byte id, out ReadOnlySpan<byte> value))
        {
            string? text;
            switch (id)
            {
                case ModbusDeviceIdObjectReader.VendorNameId:
                    text = identity.VendorName;
                    changed |= IdentityText.Update(ref text, value);
                    identity.VendorName = text;
                    break;
                case ModbusDeviceIdObjectReader.ProductCodeId:
                    text = identity.ProductCode;
                    changed |= IdentityText.Update(ref text, value);
                    identity.ProductCode = text;
                    break;
                case ModbusDeviceIdObjectReader.MajorMinorRevisionId:
                    text = identity.MajorMinorRevision;
                    changed |= IdentityText.Update(ref text, value);
                    identity.MajorMinorRevision = text;
                    break;
                case ModbusDeviceIdObjectReader.VendorUrlId:
                    text = identity.VendorUrl;
                    changed |= IdentityText.Update(ref text, value);
                    identity.VendorUrl = text;
                    break;
                case ModbusDeviceIdObjectReader.ProductNameId:
                    text = identity.ProductName;
                    changed |= IdentityText.Update(ref text, value);
                    identity.ProductName = text;
                    break;
                case ModbusDeviceIdObjectReader.ModelNameId:
                    text = identity.ModelName;
                    changed |= IdentityText.Update(ref text, value);
                    identity.ModelName = text;
                    break;
                case ModbusDeviceIdObjectReader.UserApplicationNameId:
                    text = identity.UserApplicationName;
                    changed |= IdentityText.Update(ref text, value);
                    identity.UserApplicationName = text;
                    break;
            }
        }

        if (changed)
        {
            identity.ChangedMicros = timestampMicros;
            identity.Version++;
        }

        return identity.Version != before;
    }
}
