using EdgeSensor.Decoding.IsoOnTcp;
using EdgeSensor.Decoding.S7CommPlus;
using EdgeSensor.Decoding.Tcp;

namespace EdgeSensor.Pipeline;

/// <summary>Everything one direction of an ICS flow carries between packets.</summary>
public struct IcsFlowDirection
{
    public TcpDirectionState Tcp;
    public PduStreamState Stream;
    public CotpReassemblyState Cotp;
    public S7PlusFragmentState S7Plus;
}
