namespace EdgeSensor.Decoding.Packet;

/// <summary>Why a frame could not be decoded down to its transport header.</summary>
public enum PacketMalformedReason : byte
{
    None = 0,
    UnsupportedLinkType,
    LinkHeaderTruncated,
    TooManyVlanTags,
    IPv4HeaderTruncated,
    IPv4BadHeaderLength,
    IPv4TotalLengthTooShort,
    IPv6HeaderTruncated,
    IPv6ExtensionHeaderTruncated,
    IPv6TooManyExtensionHeaders,
    TcpHeaderTruncated,
    TcpBadDataOffset,
    UdpHeaderTruncated,
    UdpBadLength,
}
