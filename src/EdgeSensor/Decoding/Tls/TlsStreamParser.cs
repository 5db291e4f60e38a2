using System.Buffers.Binary;
using EdgeSensor.Decoding.Tcp;

namespace EdgeSensor.Decoding.Tls;

/// <summary>
/// Follows the cleartext start of one direction of a TLS connection, fed its in-order TCP bytes chunk by chunk in any
/// cut (whole records, split headers, one byte at a time: the same messages come out). Records are streamed, never
/// buffered: only a handshake message that spans chunks or records is copied, into one pooled buffer per direction.
/// <code>
/// record      content type (1) | legacy version (2) | length (2) | fragment      (RFC 8446 5.1, see TlsRecordFraming)
/// handshake   msg_type (1) | length (3) | body, carried in the fragments of consecutive handshake records (5.1)
/// </code>
/// The first record header decides: a failed cheap test marks the direction not-TLS (NotThisProtocol). One leading
/// TPKT PDU is skipped first, so RDP's X.224 connection request/confirm on 3389 is stepped over to reach the TLS
/// records that follow it ([MS-RDPBCGR] 5.4.5.1). Inspection ends at ChangeCipherSpec or application data (the rest is
/// encrypted), at a broken record header, or on <see cref="Abandon"/>. Allocation-free; nothing on the wire throws.
/// </summary>
public static partial class TlsStreamParser
{
    /// <summary>TPKT PDUs skipped before the first TLS record (RDP: one X.224 CR or CC per direction).</summary>
    public const int MaxLeadingTpktPdus = 1;

    /// <summary>
    /// Feeds the next in-order bytes of one direction. Returns Ok while the direction is (or may still be) TLS,
    /// NotThisProtocol once its first bytes failed the cheap test, Malformed when a record header broke the framing
    /// (also reported through <see cref="ITlsHandshakeReceiver.OnMalformed"/>). Once <see cref="TlsHandshakeState.IsDone"/>
    /// the bytes are ignored, so the caller may stop feeding.
    /// </summary>
    public static DecodeStatus Process(ref TlsHandshakeState state, ReadOnlySpan<byte> chunk, BufferPool pool, ITlsHandshakeReceiver receiver)
    {
        Span<byte> headerCopy = stackalloc byte[TlsRecordFraming.RecordHeaderLength];
        while (!state.IsDone && !chunk.IsEmpty)
        {
            if (state.RecordRemaining > 0)
            {
                int take = Math.Min(state.RecordRemaining, chunk.Length);
                ReadOnlySpan<byte> fragment = chunk[..take];
                chunk = chunk[take..];
                state.RecordRemaining -= take;
                if (state.ContentType == (byte)TlsContentType.Handshake)
                {
                    FeedHandshake(ref state, fragment, pool, receiver);
                }

                continue;
            }

            scoped ReadOnlySpan<byte> header;
            if (state.RecordHeaderFill == 0 && chunk.Length >= TlsRecordFraming.RecordHeaderLength)
            {
                header = chunk[..TlsRecordFraming.RecordHeaderLength];
                chunk = chunk[TlsRecordFraming.RecordHeaderLength..];
            }
            else
            {
                while (state.RecordHeaderFill < TlsRecordFraming.RecordHeaderLength && !chunk.IsEmpty)
                {
                    state.RecordHeaderBytes = (state.RecordHeaderBytes << 8) | chunk[0];
                    state.RecordHeaderFill++;
                    chunk = chunk[1..];
                }

                if (state.RecordHeaderFill < TlsRecordFraming.RecordHeaderLength)
                {
                    break;
                }

                // The five gathered bytes, big-endian in the low 40 bits of the ulong.
                ulong h = state.RecordHeaderBytes;
                for (int i = TlsRecordFraming.RecordHeaderLength - 1; i >= 0; i--)
                {
                    headerCopy[i] = (byte)h;
                    h >>= 8;
                }

                header = headerCopy;
                state.RecordHeaderFill = 0;
                state.RecordHeaderBytes = 0;
            }

            DecodeStatus status = StartRecord(ref state, header, pool, receiver);
            if (status != DecodeStatus.Ok)
            {
                return status;
            }
        }

        return state.IsNotTls ? DecodeStatus.NotThisProtocol : DecodeStatus.Ok;
    }

    /// <summary>
    /// A gap in the stream, or the connection ended or was evicted: any partial message is dropped, the buffer goes
    /// back to the pool and inspection of the direction stops (TLS records cannot be found again mid-stream).
    /// </summary>
    public static void Abandon(ref TlsHandshakeState state, BufferPool pool)
    {
        ReleaseBuffer(ref state, pool);
        state.HandshakeHeaderFill = 0;
        state.HandshakeReceived = 0;
        state.IsDone = true;
    }

    /// <summary>Gives the buffer back and makes the state that of a new direction.</summary>
    public static void Reset(ref TlsHandshakeState state, BufferPool pool)
    {
        ReleaseBuffer(ref state, pool);
        state = default;
    }

    private static DecodeStatus StartRecord(ref TlsHandshakeState state, ReadOnlySpan<byte> header, BufferPool pool, ITlsHandshakeReceiver receiver)
    {
        byte type = header[0];
        byte major = header[1];
        int length = BinaryPrimitives.ReadUInt16BigEndian(header[3..]);
        if (!state.IsTls)
        {
            // TPKT (RFC 1006): version 3 | reserved 0 | length (2, including its own 4 bytes), at least 7.
            int tpktLength = BinaryPrimitives.ReadUInt16BigEndian(header[2..]);
            if (type == 3 && major == 0 && tpktLength >= 7 && state.LeadingTpktSkipped < MaxLeadingTpktPdus)
            {
                state.LeadingTpktSkipped++;
                state.ContentType = 0;
                state.RecordRemaining = tpktLength - TlsRecordFraming.RecordHeaderLength;
                return DecodeStatus.Ok;
            }

            // First record: content type, major version 3 and a known minor (SSL 3.0 .. TLS 1.3) before calling it TLS.
            if (!TlsRecordFraming.IsContentType(type) || major != TlsVersions.RecordMajorVersion || header[2] > 4
                || length > TlsRecordFraming.MaxFragmentLength)
            {
                state.IsNotTls = true;
                state.IsDone = true;
                ReleaseBuffer(ref state, pool);
                return DecodeStatus.NotThisProtocol;
            }

            state.IsTls = true;
        }
        else
        {
            var framing = TlsRecordFraming.TryGetFrameLength(header, out _, out TlsMalformedReason reason);
            if (framing != DecodeStatus.Ok)
            {
                receiver.OnMalformed(reason);
                Abandon(ref state, pool);
                return DecodeStatus.Malformed;
            }
        }

        state.Records++;
        bool partialMessage = state.HandshakeHeaderFill > 0;
        switch ((TlsContentType)type)
        {
            case TlsContentType.Handshake:
                state.ContentType = type;
                state.RecordRemaining = length;
                return DecodeStatus.Ok;

            case TlsContentType.ChangeCipherSpec:
            case TlsContentType.ApplicationData:
                if (partialMessage)
                {
                    receiver.OnMalformed(TlsMalformedReason.HandshakeInterleaved);
                }

                Abandon(ref state, pool);
                receiver.OnHandshakeDone();
                return DecodeStatus.Ok;

            default:
                // Alert, heartbeat: skipped. A handshake message cut by one cannot be completed (RFC 8446 5.1).
                if (partialMessage)
                {
                    receiver.OnMalformed(TlsMalformedReason.HandshakeInterleaved);
                    DropMessage(ref state, pool);
                }

                state.ContentType = type;
                state.RecordRemaining = length;
                return DecodeStatus.Ok;
        }
    }

    private static void ReleaseBuffer(ref TlsHandshakeState state, BufferPool pool)
    {
        if (state.Buffer is not null)
        {
            pool.Return(state.Buffer);
            state.Buffer = null;
        }

        state.BufferedLength = 0;
    }
}
