namespace EdgeSensor.Decoding.Modbus;

/// <summary>
/// Which side sent an ADU, as the pipeline derives it from TCP ports (Wireshark's classify_mbtcp_packet):
/// Request when the destination port is the Modbus port and the source port is not, Response for the reverse,
/// Unknown otherwise. With Unknown the decoder reads only the MBAP header, the function code and an exception code.
/// </summary>
public enum ModbusDirection : byte
{
    Unknown = 0,
    Request = 1,
    Response = 2,
}
