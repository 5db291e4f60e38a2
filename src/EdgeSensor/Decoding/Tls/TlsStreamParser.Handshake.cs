using EdgeSensor.Decoding.Tcp;

namespace EdgeSensor.Decoding.Tls;

/// <summary>
/// Handshake message assembly across record fragments and chunks, and dispatch of the messages this sensor reads.
/// A message wholly inside one fragment is decoded in place; otherwise its body goes into one pooled buffer.
/// </summary>
public static partial class TlsStreamParser
{
    public const int HandshakeHeaderLength = 4;

    private static void FeedHandshake(ref TlsHandshakeState state, ReadOnlySpan<byte> data, BufferPool pool, ITlsHandshakeReceiver receiver)
    {
        while (!data.IsEmpty)
        {
            if (state.HandshakeHeaderFill < HandshakeHeaderLength)
            {
                if (state.HandshakeHeaderFill == 0 && data.Length >= HandshakeHeaderLength)
                {
                    state.HandshakeHeader = (uint)((data[0] << 24) | TlsCertificateMessage.ReadUInt24(data[1..]));
                    state.HandshakeHeaderFill = HandshakeHeaderLength;
                    data = data[HandshakeHeaderLength..];
                }
                else
                {
                    while (state.HandshakeHeaderFill < HandshakeHeaderLength && !data.IsEmpty)
                    {
                        state.HandshakeHeader = (state.HandshakeHeader << 8) | data[0];
                        state.HandshakeHeaderFill++;
                        data = data[1..];
                    }

                    if (state.HandshakeHeaderFill < HandshakeHeaderLength)
                    {
                        return;
                    }
                }

                state.HandshakeLength = (int)(state.HandshakeHeader & 0xFFFFFF);
                state.HandshakeReceived = 0;
                if (state.HandshakeLength == 0)
                {
                    Complete(ref state, [], truncated: false, pool, receiver);
                    continue;
                }
            }

            int need = state.HandshakeLength - state.HandshakeReceived;
            if (state.HandshakeReceived == 0 && data.Length >= need)
            {
                // Fast path: the whole body is in this fragment; decode it where it lies.
                Complete(ref state, data[..need], truncated: false, pool, receiver);
                data = data[need..];
                continue;
            }

            int take = Math.Min(need, data.Length);
            if (state.Buffer is null && !state.HandshakeUnbuffered)
            {
                if (pool.TryRent(out byte[] buffer))
                {
                    state.Buffer = buffer;
                    state.BufferedLength = 0;
                }
                else
                {
                    state.HandshakeUnbuffered = true;
                }
            }

            if (state.Buffer is not null)
            {
                int room = state.Buffer.Length - state.BufferedLength;
                int copy = Math.Min(room, take);
                data[..copy].CopyTo(state.Buffer.AsSpan(state.BufferedLength));
                state.BufferedLength += copy;
            }

            state.HandshakeReceived += take;
            data = data[take..];
            if (state.HandshakeReceived == state.HandshakeLength)
            {
                if (state.HandshakeUnbuffered)
                {
                    if (IsInspected((byte)(state.HandshakeHeader >> 24)))
                    {
                        receiver.OnMalformed(TlsMalformedReason.HandshakeBufferUnavailable);
                    }

                    DropMessage(ref state, pool);
                    continue;
                }

                byte[] held = state.Buffer!;
                Complete(ref state, held.AsSpan(0, state.BufferedLength), state.BufferedLength < state.HandshakeLength, pool, receiver);
            }
        }
    }

    private static bool IsInspected(byte type) =>
        type is (byte)TlsHandshakeType.ClientHello or (byte)TlsHandshakeType.ServerHello or (byte)TlsHandshakeType.Certificate;

    /// <summary>Decodes one complete message, then clears the handshake state (giving the buffer back).</summary>
    private static void Complete(ref TlsHandshakeState state, ReadOnlySpan<byte> body, bool truncated, BufferPool pool, ITlsHandshakeReceiver receiver)
    {
        var type = (TlsHandshakeType)(byte)(state.HandshakeHeader >> 24);
        state.HandshakeMessages++;
        if (!truncated)
        {
            receiver.OnHandshakeMessage(type, body);
        }

        switch (type)
        {
            case TlsHandshakeType.ClientHello:
                if (truncated)
                {
                    receiver.OnMalformed(TlsMalformedReason.HandshakeMessageTooLarge);
                }
                else if (TlsHelloReader.TryReadClientHello(body, out TlsClientHello clientHello, out TlsMalformedReason reason) == DecodeStatus.Ok)
                {
                    receiver.OnClientHello(in clientHello);
                }
                else
                {
                    receiver.OnMalformed(reason);
                }

                break;

            case TlsHandshakeType.ServerHello:
                if (truncated)
                {
                    receiver.OnMalformed(TlsMalformedReason.HandshakeMessageTooLarge);
                }
                else if (TlsHelloReader.TryReadServerHello(body, out TlsServerHello serverHello, out TlsMalformedReason reason) == DecodeStatus.Ok)
                {
                    if (!serverHello.IsHelloRetryRequest)
                    {
                        state.NegotiatedVersion = serverHello.Version;
                    }

                    receiver.OnServerHello(in serverHello);
                }
                else
                {
                    receiver.OnMalformed(reason);
                }

                break;

            case TlsHandshakeType.Certificate when state.NegotiatedVersion != TlsVersions.Tls13:
                if (TlsCertificateMessage.TryReadLeaf(body, truncated, out ReadOnlySpan<byte> leaf, out int chainLength, out TlsMalformedReason certReason) == DecodeStatus.Ok)
                {
                    if (chainLength > 0)
                    {
                        receiver.OnCertificate(leaf, chainLength);
                    }
                }
                else
                {
                    receiver.OnMalformed(certReason);
                }

                break;
        }

        DropMessage(ref state, pool);
    }

    private static void DropMessage(ref TlsHandshakeState state, BufferPool pool)
    {
        ReleaseBuffer(ref state, pool);
        state.HandshakeHeader = 0;
        state.HandshakeHeaderFill = 0;
        state.HandshakeLength = 0;
        state.HandshakeReceived = 0;
        state.HandshakeUnbuffered = false;
    }
}
