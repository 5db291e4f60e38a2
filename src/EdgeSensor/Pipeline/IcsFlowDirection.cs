using EdgeSensor.Decoding.IsoOnTcp;
using EdgeSensor.Decoding.S7Comm;
using EdgeSensor.Decoding.S7CommPlus;
using EdgeSensor.Decoding.Tls;
using EdgeSensor.Decoding.Tcp;

namespace EdgeSensor.Pipeline;

/// <summary>Everything one direction of an ICS flow carries between packets.</summary>
public struct IcsFlowDirection
{
    public TcpDirectionState Tcp;
    public PduStreamState Stream;
    public CotpReassemblyState Cotp;
    public S7PlusFragmentState S7Plus;

    /// <summary>Split userdata answers (SZL) of this direction, so the last fragment knows its SZL id.</summary>
    public S7UserdataFragmentState S7Userdata;

    /// <summary>TLS handshake inspection of this direction.</summary>
    public TlsHandshakeState Tls;

    /// <summary>Bytes of this direction seen by the TLS/RDP inspection (the first chunk may be RDP's X.224 TPDU).</summary>
    public long InspectedBytes;
}
