namespace EdgeSensor.Decoding.IsoOnTcp;

/// <summary>COTP TPDU codes (ISO 8073 / X.224 section 13.1, high nibble of the second byte).</summary>
public enum CotpPduType : byte
{
    Unknown = 0,
    ExpeditedData = 0x10,
    ExpeditedDataAck = 0x20,
    RejectTpdu = 0x50,
    AckTpdu = 0x60,
    Error = 0x70,
    DisconnectRequest = 0x80,
    DisconnectConfirm = 0xC0,
    ConnectConfirm = 0xD0,
    ConnectRequest = 0xE0,
    Data = 0xF0,
}
