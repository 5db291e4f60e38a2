namespace EdgeSensor.Decoding.Tcp;

/// <summary>The partial PDU carried from one segment to the next in one direction (a pooled buffer, one owner).</summary>
public struct PduStreamState
{
    public byte[]? Pending;
    public int PendingLength;
}
