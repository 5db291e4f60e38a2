namespace EdgeSensor.Decoding.Tls;

/// <summary>
/// Protocol version code points (RFC 8446 section 4.2.1 and appendix B; RFC 6101 for SSL 3.0) and their names as
/// Wireshark prints them. Values are kept raw (<c>ushort</c>) everywhere so unknown versions survive.
/// </summary>
public static class TlsVersions
{
    public const ushort Ssl30 = 0x0300;
    public const ushort Tls10 = 0x0301;
    public const ushort Tls11 = 0x0302;
    public const ushort Tls12 = 0x0303;
    public const ushort Tls13 = 0x0304;

    /// <summary>The record-layer major version of every SSL 3.0 .. TLS 1.3 record.</summary>
    public const byte RecordMajorVersion = 3;

    /// <summary>GREASE values (RFC 8701 section 2): 0x?A?A with both bytes equal. Never a real version.</summary>
    public static bool IsGrease(ushort value) => (value & 0x0F0F) == 0x0A0A && (value >> 8) == (value & 0xFF);

    public static string Name(ushort version) => version switch
    {
        Ssl30 => "SSLv3",
        Tls10 => "TLSv1",
        Tls11 => "TLSv1.1",
        Tls12 => "TLSv1.2",
        Tls13 => "TLSv1.3",
        _ => "0x" + version.ToString("x4", System.Globalization.CultureInfo.InvariantCulture),
    };
}
