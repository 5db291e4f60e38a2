namespace EdgeSensor.Tests.Decoding.Modbus;

/// <summary>
/// Byte fixtures, annotated field by field. "Capture" fixtures were copied from the named frame's TCP payload
/// (tshark -T fields -e tcp.payload) of a capture in ../shared/pcaps.
/// </summary>
internal static class ModbusFixtures
{
    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));

    // modbus_small_fc1-fc15.pcap frame 14: FC1 request.
    //   0001 tid | 0000 pid | 0006 len | 01 unit | 01 fc | 0000 ref | 0003 quantity
    public static readonly byte[] ReadCoilsRequest = Hex("0001 0000 0006 01 01 0000 0003");

    // modbus_small_fc1-fc15.pcap frame 16: FC1 response.
    //   0001 tid | 0000 pid | 0004 len | 01 unit | 01 fc | 01 byte count | 01 coil status
    public static readonly byte[] ReadCoilsResponse = Hex("0001 0000 0004 01 01 01 01");

    // modbus_and-non-modbus-on-port-502.pcap frame 10: FC3 request.
    //   0001 tid | 0000 pid | 0006 len | 0a unit | 03 fc | 0005 ref | 0002 quantity
    public static readonly byte[] ReadHoldingRequest = Hex("0001 0000 0006 0a 03 0005 0002");

    // modbus_and-non-modbus-on-port-502.pcap frame 11: FC3 response.
    //   0001 | 0000 | 0007 | 0a | 03 fc | 04 byte count | 0009 0018 registers
    public static readonly byte[] ReadHoldingResponse = Hex("0001 0000 0007 0a 03 04 0009 0018");

    // modbus_and-non-modbus-on-port-502.pcap frame 13: FC5 request (and frame 14, its echo).
    //   0001 | 0000 | 0006 | 0a | 05 fc | 0002 output address | 0000 value OFF
    public static readonly byte[] WriteSingleCoil = Hex("0001 0000 0006 0a 05 0002 0000");

    // modbus_small_fc1-fc15.pcap frame 4: FC15 request.
    //   0001 | 0000 | 0008 | 01 | 0f fc | 0000 ref | 0003 quantity | 01 byte count | 00 values
    public static readonly byte[] WriteMultipleCoilsRequest = Hex("0001 0000 0008 01 0f 0000 0003 01 00");

    // modbus_small_fc1-fc15.pcap frame 6: FC15 response.
    //   0001 | 0000 | 0006 | 01 | 0f fc | 0000 ref | 0003 quantity
    public static readonly byte[] WriteMultipleCoilsResponse = Hex("0001 0000 0006 01 0f 0000 0003");

    // modbus_many-function-codes_fc1-24-43_exception__icsnpp.pcap frame 56: FC16 request.
    //   000e | 0000 | 000f | 07 | 10 fc | 0001 ref | 0004 quantity | 08 byte count | 00aa 00bb 00cc 00dd
    public static readonly byte[] WriteMultipleRegistersRequest = Hex("000e 0000 000f 07 10 0001 0004 08 00aa00bb00cc00dd");

    // icsnpp frame 72: FC22 request.  0012 | 0000 | 0008 | 04 | 16 fc | 000a ref | dead AND | 0000 OR
    public static readonly byte[] MaskWriteRequest = Hex("0012 0000 0008 04 16 000a dead 0000");

    // icsnpp frame 84: FC23 request.
    //   0015 | 0000 | 0011 | 06 | 17 fc | 0001 read ref | 0004 read qty | 0002 write ref | 0003 write qty
    //   | 06 byte count | 00aa 00bb 00cc
    public static readonly byte[] ReadWriteRequest = Hex("0015 0000 0011 06 17 0001 0004 0002 0003 06 00aa00bb00cc");

    // icsnpp frame 86: FC23 response.  0015 | 0000 | 000b | 06 | 17 fc | 08 byte count | 4 registers
    public static readonly byte[] ReadWriteResponse = Hex("0015 0000 000b 06 17 08 00aa00aa00bb00cc");

    // icsnpp frame 88: FC24 request.  0016 | 0000 | 0004 | 0a | 18 fc | 0000 FIFO pointer
    public static readonly byte[] ReadFifoRequest = Hex("0016 0000 0004 0a 18 0000");

    // icsnpp frame 90: FC24 response.  0016 | 0000 | 0006 | 0a | 18 fc | 0002 byte count | 0000 FIFO count
    public static readonly byte[] ReadFifoResponse = Hex("0016 0000 0006 0a 18 0002 0000");

    // icsnpp frame 92: FC43/14 request.  0017 | 0000 | 0005 | 01 | 2b fc | 0e MEI | 01 basic | 00 object id
    public static readonly byte[] ReadDeviceIdRequest = Hex("0017 0000 0005 01 2b 0e 01 00");

    // icsnpp frame 94: FC43/14 response with three objects.
    //   0017 | 0000 | 003d | 01 | 2b fc | 0e MEI | 01 basic | 83 conformity | 00 more follows | 00 next id
    //   | 03 objects | 00 10 "Zeek Modbus Test" | 01 18 "Protocol Parsing is fun!" | 02 07 "1.2.3.6"
    public static readonly byte[] ReadDeviceIdResponse = Hex(
        "0017 0000 003d 01 2b 0e 01 83 00 00 03"
        + " 00 10 5a65656b204d6f6462757320546573 74"
        + " 01 18 50726f746f636f6c2050617273696e672069732066756e21"
        + " 02 07 312e322e332e36");

    // modbus_fc43-14_read-device-id_exception.pcap frame 2: 43/14 response declaring 0 objects, 4 bytes after.
    //   0000 | 0000 | 000c | 00 | 2b | 0e | 01 | 00 conformity | 4d more follows | b7 next id | 00 objects | 00000000
    public static readonly byte[] ReadDeviceIdNoObjects = Hex("0000 0000 000c 00 2b 0e 01 00 4d b7 00 00000000");

    // modbus_fc43-14_read-device-id_exception.pcap frame 4: exception to FC43.  ff unit | ab fc | 04 server failure
    public static readonly byte[] ReadDeviceIdException = Hex("0000 0000 0003 ff ab 04");

    // modbus_fc23_exception__4sics-min.pcap frame 2: exception to FC23.  000b | 0000 | 0003 | 01 | 97 | 0a gateway path
    public static readonly byte[] ReadWriteException = Hex("000b 0000 0003 01 97 0a");

    // icsnpp frame 100: exception to FC3.  0001 | 0000 | 0003 | 00 | 83 | 02 illegal data address
    public static readonly byte[] ReadHoldingException = Hex("0001 0000 0003 00 83 02");

    // modbus_fc90-umas_modicon-engineering.pcap frame 4: UMAS request.  0000 | 0000 | 0004 | 00 | 5a fc | 00 02 UMAS
    public static readonly byte[] UmasRequest = Hex("0000 0000 0004 00 5a 0002");

    // icsnpp frame 48: FC8 request.  000c | 0000 | 0006 | 02 | 08 fc | 0002 return diagnostic register | 0000 data
    public static readonly byte[] DiagnosticsRequest = Hex("000c 0000 0006 02 08 0002 0000");

    // modbus_function-code-sweep-0-127_exceptions.pcap frame 62: FC22 request cut after the AND mask.
    //   0000 | 0000 | 0006 | 01 | 16 fc | 0000 ref | 0000 AND | (OR mask missing)
    public static readonly byte[] MaskWriteTruncated = Hex("0000 0000 0006 01 16 0000 0000");

    // sweep frame 64: FC23 request cut after the read quantity.
    //   0000 | 0000 | 0006 | 01 | 17 fc | 0000 read ref | 0000 read qty | (write fields missing)
    public static readonly byte[] ReadWriteTruncated = Hex("0000 0000 0006 01 17 0000 0000");
}
