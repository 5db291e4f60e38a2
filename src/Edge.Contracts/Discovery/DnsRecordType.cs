namespace Edge.Contracts.Discovery;

/// <summary>
/// Resource record types used by DNS-SD (RFC 1035 3.2.2, RFC 3596 for AAAA, RFC 2782 for SRV, RFC 4034 for NSEC).
/// Any other type is <see cref="Unknown"/>; the raw value is kept beside it.
/// </summary>
public enum DnsRecordType : ushort
{
    /// <summary>A type this codec does not interpret; see the raw type.</summary>
    Unknown = 0,

    /// <summary>IPv4 host address.</summary>
    A = 1,

    /// <summary>Domain name pointer: service type to instance (RFC 6763 4.1).</summary>
    Ptr = 12,

    /// <summary>Text strings: <c>key=value</c> attributes of an instance (RFC 6763 6).</summary>
    Txt = 16,

    /// <summary>IPv6 host address.</summary>
    Aaaa = 28,

    /// <summary>Service location: priority, weight, port, target host (RFC 2782).</summary>
    Srv = 33,

    /// <summary>Negative answer (RFC 6762 6.1); read and ignored.</summary>
    Nsec = 47,

    /// <summary>Question type ANY (RFC 1035 3.2.3, "*").</summary>
    Any = 255,
}
