namespace EdgeSensor.Decoding.S7Comm;

/// <summary>
/// S7comm header byte 1, "ROSCTR" (remote operating service control): the PDU type.
/// Names as in Wireshark's <c>rosctr_names</c> (packet-s7comm.c); the raw byte is kept beside it in <see cref="S7Header"/>.
/// </summary>
public enum S7Rosctr : byte
{
    /// <summary>Not one of the four types below (the raw byte tells which).</summary>
    Unknown = 0,

    /// <summary>Request: job with acknowledgement.</summary>
    Job = 0x01,

    /// <summary>Acknowledgement without data (carries the header error class/code).</summary>
    Ack = 0x02,

    /// <summary>Response: acknowledgement with data (carries the header error class/code).</summary>
    AckData = 0x03,

    /// <summary>Userdata: programmer, cyclic, block, CPU (SZL), security, time functions.</summary>
    Userdata = 0x07,
}
