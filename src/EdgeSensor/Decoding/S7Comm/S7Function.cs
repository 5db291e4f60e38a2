namespace EdgeSensor.Decoding.S7Comm;

/// <summary>
/// First parameter byte of Job and Ack_Data PDUs. Names follow Wireshark's <c>param_functionnames</c>
/// (packet-s7comm.c); the raw byte is kept in <see cref="S7Pdu.RawFunction"/>, so values not listed here survive.
/// </summary>
public enum S7Function : byte
{
    /// <summary>0x00: CPU services.</summary>
    CpuServices = 0x00,

    /// <summary>0x04: read variables (items in the parameter part, values in the response data part).</summary>
    ReadVar = 0x04,

    /// <summary>0x05: write variables (items in the parameter part, values in the request data part).</summary>
    WriteVar = 0x05,

    /// <summary>0x1A: request download (PG announces a block to the PLC).</summary>
    RequestDownload = 0x1A,

    /// <summary>0x1B: download block (sent by the PLC, which pulls the block).</summary>
    DownloadBlock = 0x1B,

    /// <summary>0x1C: download ended.</summary>
    DownloadEnded = 0x1C,

    /// <summary>0x1D: start upload.</summary>
    StartUpload = 0x1D,

    /// <summary>0x1E: upload.</summary>
    Upload = 0x1E,

    /// <summary>0x1F: end upload.</summary>
    EndUpload = 0x1F,

    /// <summary>0x28: PI service (program invocation: _INSE, _DELE, _MODU, P_PROGRAM, ...).</summary>
    PiService = 0x28,

    /// <summary>0x29: PLC stop.</summary>
    PlcStop = 0x29,

    /// <summary>0xF0: setup communication (negotiates the PDU length).</summary>
    SetupCommunication = 0xF0,
}
