namespace EdgeSensor.Decoding.IsoOnTcp;

/// <summary>
/// DT TPDUs without EOT collected until the TPDU that ends the TSDU (one direction of one connection).
/// The buffer is pooled and held only while a TSDU is incomplete.
/// </summary>
public struct CotpReassemblyState
{
    public byte[]? Buffer;
    public int Length;
    public int Fragments;
}
