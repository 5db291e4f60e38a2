namespace EdgeSensor.Decoding.IsoOnTcp;

/// <summary>Why a TPKT or COTP unit was rejected.</summary>
public enum IsoMalformedReason : byte
{
    None = 0,
    TpktBadVersion,
    TpktLengthTooShort,
    CotpTruncated,
    CotpLengthIndicatorOverrun,
    CotpUnknownType,
    CotpParameterOverrun,
    CotpReassemblyOverflow,
}
