using EdgeSensor.Decoding.Packet;
namespace Collector.Tests.Infrastructure;

/// <summary>
/// One TCP connection written into a <see cref="PcapBuilder"/>: the three-way handshake, data each way (each segment
/// acknowledged by the other side), and a FIN exchange; sequence numbers are kept so a reassembler accepts the stream.
/// </summary>
internal sealed class TcpConversation
{
    private readonly PcapBuilder _capture;
    private readonly TcpEndpoint _client;
    private readonly TcpEndpoint _server;
    private uint _clientSeq = 1_000;
    private uint _serverSeq = 50_000;

    public TcpConversation(PcapBuilder capture, TcpEndpoint client, TcpEndpoint server)
    {
        _capture = capture;
        _client = client;
        _server = server;
    }

    public TcpConversation Open()
    {
        _capture.Tcp(_client, _server, _clientSeq++, 0, TcpFlags.Syn);
        _capture.Tcp(_server, _client, _serverSeq++, _clientSeq, TcpFlags.Syn | TcpFlags.Ack);
        _capture.Tcp(_client, _server, _clientSeq, _serverSeq, TcpFlags.Ack);
        return this;
    }

    public TcpConversation ClientSends(ReadOnlySpan<byte> payload)
    {
        _capture.Tcp(_client, _server, _clientSeq, _serverSeq, TcpFlags.Psh | TcpFlags.Ack, payload);
        _clientSeq += (uint)payload.Length;
        _capture.Tcp(_server, _client, _serverSeq, _clientSeq, TcpFlags.Ack);
        return this;
    }

    public TcpConversation ServerSends(ReadOnlySpan<byte> payload)
    {
        _capture.Tcp(_server, _client, _serverSeq, _clientSeq, TcpFlags.Psh | TcpFlags.Ack, payload);
        _serverSeq += (uint)payload.Length;
        _capture.Tcp(_client, _server, _clientSeq, _serverSeq, TcpFlags.Ack);
        return this;
    }

    public void Close()
    {
        _capture.Tcp(_client, _server, _clientSeq++, _serverSeq, TcpFlags.Fin | TcpFlags.Ack);
        _capture.Tcp(_server, _client, _serverSeq++, _clientSeq, TcpFlags.Fin | TcpFlags.Ack);
        _capture.Tcp(_client, _server, _clientSeq, _serverSeq, TcpFlags.Ack);
    }
}
