using System.Buffers.Binary;
using EdgeSensor.Decoding.Tcp;

namespace EdgeSensor.Decoding.Tls;

/// <summary>
/// TLS record framing (RFC 8446 section 5.1, RFC 5246 section 6.2.1):
/// <code>
/// content type (1)     20 change_cipher_spec, 21 alert, 22 handshake, 23 application_data, 24 heartbeat
/// legacy version (2)   major 3, minor 0 (SSL 3.0) .. 4; TLS 1.3 writes 0x0303 (0x0301 in a first ClientHello)
/// length (2)           of the fragment that follows; at most 2^14 + 2048 (TLSCiphertext, RFC 8446 section 5.2)
/// fragment (length)
/// </code>
/// The cheap rejection (content type and major version) answers NotThisProtocol, as for TPKT's version byte.
/// </summary>
public readonly struct TlsRecordFraming : IPduFraming
{
    public const int RecordHeaderLength = 5;

    /// <summary>2^14 plaintext + 2048 expansion: the largest TLSCiphertext fragment (RFC 8446 section 5.2).</summary>
    public const int MaxFragmentLength = (1 << 14) + 2048;

    public const byte MinContentType = (byte)TlsContentType.ChangeCipherSpec;
    public const byte MaxContentType = (byte)TlsContentType.Heartbeat;

    public static int HeaderLength => RecordHeaderLength;

    public static int MaxFrameLength => RecordHeaderLength + MaxFragmentLength;

    public static DecodeStatus TryGetFrameLength(ReadOnlySpan<byte> stream, out int frameLength, out byte reason)
    {
        var status = TryGetFrameLength(stream, out frameLength, out TlsMalformedReason r);
        reason = (byte)r;
        return status;
    }

    public static DecodeStatus TryGetFrameLength(ReadOnlySpan<byte> stream, out int frameLength, out TlsMalformedReason reason)
    {
        frameLength = 0;
        reason = TlsMalformedReason.None;
        if (stream.Length >= 1 && !IsContentType(stream[0]))
        {
            reason = TlsMalformedReason.RecordBadContentType;
            return DecodeStatus.NotThisProtocol;
        }

        if (stream.Length >= 2 && stream[1] != TlsVersions.RecordMajorVersion)
        {
            reason = TlsMalformedReason.RecordBadVersion;
            return DecodeStatus.NotThisProtocol;
        }

        if (stream.Length < RecordHeaderLength)
        {
            return DecodeStatus.NeedMoreData;
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(stream[3..]);
        if (length > MaxFragmentLength)
        {
            reason = TlsMalformedReason.RecordTooLong;
            return DecodeStatus.Malformed;
        }

        frameLength = RecordHeaderLength + length;
        return DecodeStatus.Ok;
    }

    public static bool IsContentType(byte value) => value is >= MinContentType and <= MaxContentType;
}
