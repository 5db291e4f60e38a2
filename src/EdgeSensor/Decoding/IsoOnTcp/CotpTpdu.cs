namespace EdgeSensor.Decoding.IsoOnTcp;

/// <summary>One decoded COTP TPDU; the spans point into the TPKT payload.</summary>
public readonly ref struct CotpTpdu
{
    public CotpTpdu(CotpPduType type, byte rawType, bool endOfTsdu, ushort destinationReference, ushort sourceReference,
        ReadOnlySpan<byte> sourceTsap, ReadOnlySpan<byte> destinationTsap, ReadOnlySpan<byte> userData)
    {
        Type = type;
        RawType = rawType;
        EndOfTsdu = endOfTsdu;
        DestinationReference = destinationReference;
        SourceReference = sourceReference;
        SourceTsap = sourceTsap;
        DestinationTsap = destinationTsap;
        UserData = userData;
    }

    public CotpPduType Type { get; }

    /// <summary>The TPDU code byte as on the wire (with CDT bits).</summary>
    public byte RawType { get; }

    /// <summary>DT only: this TPDU ends the TSDU (EOT bit).</summary>
    public bool EndOfTsdu { get; }

    public ushort DestinationReference { get; }

    public ushort SourceReference { get; }

    /// <summary>CR/CC only: calling and called TSAP (parameters 0xC1 and 0xC2).</summary>
    public ReadOnlySpan<byte> SourceTsap { get; }

    public ReadOnlySpan<byte> DestinationTsap { get; }

    /// <summary>DT: the user data (an S7 PDU or a fragment of one); CR/CC: user data after the parameters, if any.</summary>
    public ReadOnlySpan<byte> UserData { get; }

    public bool IsConnectionManagement => Type is CotpPduType.ConnectRequest or CotpPduType.ConnectConfirm
        or CotpPduType.DisconnectRequest or CotpPduType.DisconnectConfirm;
}
