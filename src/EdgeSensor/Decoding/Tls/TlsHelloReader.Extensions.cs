using System.Buffers.Binary;

namespace EdgeSensor.Decoding.Tls;

/// <summary>The extensions of both hellos: server_name, ALPN and supported_versions; every other extension is skipped.</summary>
public static partial class TlsHelloReader
{
    /// <summary>server_name's name_type for a DNS host name (RFC 6066 section 3).</summary>
    public const byte NameTypeHostName = 0;

    private static bool TryReadClientExtensions(ReadOnlySpan<byte> extensions, ref ClientExtensionFacts facts, out TlsMalformedReason reason)
    {
        reason = TlsMalformedReason.None;
        int offset = 0;
        while (offset < extensions.Length)
        {
            if (!TryReadExtension(extensions, ref offset, out ushort type, out ReadOnlySpan<byte> data))
            {
                reason = TlsMalformedReason.ExtensionOverrun;
                return false;
            }

            facts.Count++;
            switch ((TlsExtensionType)type)
            {
                case TlsExtensionType.ServerName:
                    facts.HasServerNameExtension = true;
                    if (!TryReadServerName(data, out facts.ServerName))
                    {
                        reason = TlsMalformedReason.ServerNameMalformed;
                        return false;
                    }

                    break;

                case TlsExtensionType.ApplicationLayerProtocolNegotiation:
                    if (!TryReadAlpn(data, out facts.Alpn, out facts.FirstAlpnProtocol))
                    {
                        reason = TlsMalformedReason.AlpnMalformed;
                        return false;
                    }

                    break;

                case TlsExtensionType.SupportedVersions:
                    // length (1) | versions (2 each), at least one (RFC 8446 section 4.2.1: <2..254>)
                    int inner = 0;
                    if (!TryReadVector8(data, ref inner, out ReadOnlySpan<byte> versions) || inner != data.Length
                        || versions.IsEmpty || (versions.Length & 1) != 0)
                    {
                        reason = TlsMalformedReason.SupportedVersionsMalformed;
                        return false;
                    }

                    facts.HasSupportedVersions = true;
                    facts.SupportedVersions = versions;
                    for (int i = 0; i + 1 < versions.Length; i += 2)
                    {
                        ushort v = BinaryPrimitives.ReadUInt16BigEndian(versions[i..]);
                        if (!TlsVersions.IsGrease(v) && v > facts.HighestVersion)
                        {
                            facts.HighestVersion = v;
                        }
                    }

                    break;
            }
        }

        return true;
    }

    private static bool TryReadServerExtensions(ReadOnlySpan<byte> extensions, ref ServerExtensionFacts facts, out TlsMalformedReason reason)
    {
        reason = TlsMalformedReason.None;
        int offset = 0;
        while (offset < extensions.Length)
        {
            if (!TryReadExtension(extensions, ref offset, out ushort type, out ReadOnlySpan<byte> data))
            {
                reason = TlsMalformedReason.ExtensionOverrun;
                return false;
            }

            facts.Count++;
            switch ((TlsExtensionType)type)
            {
                case TlsExtensionType.ApplicationLayerProtocolNegotiation:
                    if (!TryReadAlpn(data, out ReadOnlySpan<byte> list, out facts.AlpnProtocol) || list.Length != facts.AlpnProtocol.Length + 1)
                    {
                        reason = TlsMalformedReason.AlpnMalformed;
                        return false;
                    }

                    break;

                case TlsExtensionType.SupportedVersions:
                    // selected_version (2)
                    if (data.Length != 2)
                    {
                        reason = TlsMalformedReason.SupportedVersionsMalformed;
                        return false;
                    }

                    facts.HasSupportedVersions = true;
                    facts.SelectedVersion = BinaryPrimitives.ReadUInt16BigEndian(data);
                    break;
            }
        }

        return true;
    }

    private static bool TryReadExtension(ReadOnlySpan<byte> extensions, scoped ref int offset, out ushort type, out ReadOnlySpan<byte> data)
    {
        data = default;
        type = 0;
        if ((uint)(offset + 2) > (uint)extensions.Length)
        {
            return false;
        }

        type = BinaryPrimitives.ReadUInt16BigEndian(extensions[offset..]);
        offset += 2;
        return TryReadVector16(extensions, ref offset, out data);
    }

    /// <summary>
    /// The first non-empty host_name of a server_name list. An empty extension (a server's acknowledgement) is valid
    /// and has no name; entries of other name types are skipped (they share the host_name layout).
    /// </summary>
    private static bool TryReadServerName(ReadOnlySpan<byte> data, out ReadOnlySpan<byte> hostName)
    {
        hostName = default;
        if (data.IsEmpty)
        {
            return true;
        }

        int offset = 0;
        if (!TryReadVector16(data, ref offset, out ReadOnlySpan<byte> list) || offset != data.Length)
        {
            return false;
        }

        int i = 0;
        while (i < list.Length)
        {
            byte nameType = list[i];
            i++;
            if (!TryReadVector16(list, ref i, out ReadOnlySpan<byte> name))
            {
                return false;
            }

            if (nameType == NameTypeHostName && hostName.IsEmpty)
            {
                hostName = name;
            }
        }

        return true;
    }

    private static bool TryReadAlpn(ReadOnlySpan<byte> data, out ReadOnlySpan<byte> list, out ReadOnlySpan<byte> first)
    {
        first = default;
        int offset = 0;
        if (!TryReadVector16(data, ref offset, out list) || offset != data.Length || list.IsEmpty)
        {
            return false;
        }

        int i = 0;
        while (i < list.Length)
        {
            if (!TryReadVector8(list, ref i, out ReadOnlySpan<byte> name) || name.IsEmpty)
            {
                return false;
            }

            if (first.IsEmpty)
            {
                first = name;
            }
        }

        return true;
    }

    private ref struct ClientExtensionFacts
    {
        public int Count;
        public bool HasServerNameExtension;
        public ReadOnlySpan<byte> ServerName;
        public ReadOnlySpan<byte> Alpn;
        public ReadOnlySpan<byte> FirstAlpnProtocol;
        public bool HasSupportedVersions;
        public ReadOnlySpan<byte> SupportedVersions;
        public ushort HighestVersion;
    }

    private ref struct ServerExtensionFacts
    {
        public int Count;
        public ReadOnlySpan<byte> AlpnProtocol;
        public bool HasSupportedVersions;
        public ushort SelectedVersion;
    }
}
