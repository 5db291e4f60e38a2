namespace EdgeSensor.Decoding.S7Comm;

/// <summary>
/// High nibble of the userdata type/function-group byte (Wireshark S7COMM_UD_TYPE_*, userdata_type_names).
/// The raw nibble is kept in <see cref="S7Pdu.RawUserdataType"/>.
/// </summary>
public enum S7UserdataType : byte
{
    /// <summary>0x0: push / indication (cyclic data, alarms, mode transitions sent unrequested).</summary>
    Push = 0x0,

    /// <summary>0x4: request.</summary>
    Request = 0x4,

    /// <summary>0x8: response.</summary>
    Response = 0x8,
}
