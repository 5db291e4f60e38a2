using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Collector.Hosting;
using Edge.Contracts.Discovery;
using Microsoft.Extensions.Options;

namespace Collector.Provisioning.Discovery;

/// <summary>
/// Answers DNS-SD queries for <see cref="ProvisioningDiscovery.ServiceType"/> on 224.0.0.251:5353 (RFC 6762) with the
/// collector's provisioning endpoint: its MQTT port (<see cref="CollectorOptions.MqttPort"/>), the CA fingerprint, and
/// the addresses of the interface each query came in on. Only answers: no probing, no announcements, no IPv6.
/// Malformed or foreign packets are counted and dropped; answers are rate-limited (RFC 6762 6).
/// </summary>
public sealed partial class MdnsResponder : BackgroundService
{
    private readonly MdnsOptions _options;
    private readonly Func<string?> _fingerprint;
    private readonly ILogger<MdnsResponder> _logger;
    private readonly TimeProvider _time;
    private readonly MdnsAnswerer _answerer;
    private readonly Dictionary<int, long> _lastMulticast = [];
    private readonly HashSet<int> _joined = [];
    private Dictionary<int, (string Name, IPAddress[] Addresses)> _interfaces = [];
    private long _interfacesAt = long.MinValue;
    private long _windowStart;
    private int _windowCount;

    public MdnsResponder(IOptions<MdnsOptions> options, IOptions<CollectorOptions> collector, Func<string?> caFingerprint,
        ILogger<MdnsResponder> logger, TimeProvider time)
    {
        _options = options.Value;
        _fingerprint = caFingerprint;
        _logger = logger;
        _time = time;
        _answerer = new MdnsAnswerer(ProvisioningDiscovery.ServiceType, _options.ResolveInstanceName(),
            _options.ResolveHostName(), checked((ushort)collector.Value.MqttPort));
    }

    public MdnsResponderCounters Counters { get; } = new();

    /// <summary>The service instance name announced (escaped), e.g. <c>Edge Collector plant-1._edge-prov._tcp.local</c>.</summary>
    public string InstanceName => _answerer.InstanceName;

    /// <summary>Completed once the socket listens (or the responder gave up); tests wait on it.</summary>
    public Task Listening => _listening.Task;

    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            // Shares 5353 with another responder on the host (avahi), as RFC 6762 15.1 expects.
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.PacketInformation, true);
            socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastTimeToLive, 255);
            socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastLoopback, false);
            socket.Bind(new IPEndPoint(IPAddress.Any, MdnsLimits.Port));
            RefreshInterfaces(socket);
        }
        catch (SocketException ex)
        {
            LogCannotListen(_logger, ex.SocketErrorCode);
            _listening.TrySetResult();
            return;
        }

        LogListening(_logger, _answerer.InstanceName, _answerer.HostName, string.Join(", ", _interfaces.Values.Select(i => i.Name)));
        _listening.TrySetResult();
        byte[] buffer = new byte[MdnsLimits.MaxMessageLength];
        byte[] reply = new byte[MdnsLimits.MaxMessageLength];
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        while (!stoppingToken.IsCancellationRequested)
        {
            SocketReceiveMessageFromResult received;
            try
            {
                received = await socket.ReceiveMessageFromAsync(buffer, SocketFlags.None, any, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.MessageSize or SocketError.ConnectionReset)
            {
                Counters.Malform();
                continue;
            }

            Counters.Receive();
            if (_time.GetElapsedTime(_interfacesAt) > TimeSpan.FromSeconds(_options.InterfaceRefreshSeconds))
            {
                RefreshInterfaces(socket);
            }

            await HandleAsync(socket, buffer.AsMemory(0, received.ReceivedBytes), (IPEndPoint)received.RemoteEndPoint,
                received.PacketInformation.Interface, reply, stoppingToken);
        }
    }

    private async Task HandleAsync(Socket socket, ReadOnlyMemory<byte> packet, IPEndPoint from, int interfaceIndex, byte[] reply, CancellationToken ct)
    {
        if (!_interfaces.TryGetValue(interfaceIndex, out var nic))
        {
            Counters.Ignore();
            return;
        }

        if (DnsMessageParser.TryParse(packet.Span, out DnsMessage? query, out DnsMalformedReason reason) != DnsParseStatus.Ok)
        {
            Counters.Malform();
            LogMalformed(_logger, from, reason);
            return;
        }

        // Responses (other responders' answers) and non-zero opcode or rcode are not ours to answer (RFC 6762 18.3, 18.11).
        if (query!.IsResponse || query.Opcode != 0 || query.ResponseCode != 0)
        {
            Counters.Ignore();
            return;
        }

        MdnsReplyKind kind = _answerer.TryAnswer(query, from.Port, nic.Addresses, _fingerprint(), reply, out int length);
        if (kind == MdnsReplyKind.None)
        {
            Counters.Ignore();
            return;
        }

        if (!TakeToken() || (kind == MdnsReplyKind.Multicast && !MulticastAllowed(interfaceIndex)))
        {
            Counters.Limit();
            return;
        }

        try
        {
            IPEndPoint to = kind switch
            {
                MdnsReplyKind.Multicast => new IPEndPoint(MdnsLimits.GroupV4, MdnsLimits.Port),
                MdnsReplyKind.Unicast => new IPEndPoint(from.Address, MdnsLimits.Port),
                _ => from,
            };
            if (kind == MdnsReplyKind.Multicast)
            {
                // A shared record (PTR) answer waits 20..120 ms so several responders do not collide (RFC 6762 6).
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(20, 121)), _time, ct);
                socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastInterface, nic.Addresses[0].GetAddressBytes());
            }

            await socket.SendToAsync(reply.AsMemory(0, length), SocketFlags.None, to, ct);
            Counters.Answer();
        }
        catch (SocketException ex)
        {
            LogSendFailed(_logger, from, ex.SocketErrorCode);
        }
    }

    /// <summary>At most <see cref="MdnsOptions.MaxResponsesPerSecond"/> answers in any one-second window.</summary>
    private bool TakeToken()
    {
        long now = _time.GetTimestamp();
        if (_time.GetElapsedTime(_windowStart, now) >= TimeSpan.FromSeconds(1))
        {
            _windowStart = now;
            _windowCount = 0;
        }

        return ++_windowCount <= _options.MaxResponsesPerSecond;
    }

    /// <summary>RFC 6762 6: a record is multicast on an interface at most once per second.</summary>
    private bool MulticastAllowed(int interfaceIndex)
    {
        long now = _time.GetTimestamp();
        if (_lastMulticast.TryGetValue(interfaceIndex, out long last) && _time.GetElapsedTime(last, now) < TimeSpan.FromSeconds(1))
        {
            return false;
        }

        _lastMulticast[interfaceIndex] = now;
        return true;
    }

    /// <summary>Looks up the interfaces to answer on and joins 224.0.0.251 on any not joined yet.</summary>
    private void RefreshInterfaces(Socket socket)
    {
        _interfacesAt = _time.GetTimestamp();
        var found = new Dictionary<int, (string, IPAddress[])>();
        foreach (NetworkInterface nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            bool named = _options.Interfaces.Count == 0 || _options.Interfaces.Contains(nic.Name);
            if (!named || nic.NetworkInterfaceType == NetworkInterfaceType.Loopback || !nic.SupportsMulticast
                || nic.OperationalStatus is not (OperationalStatus.Up or OperationalStatus.Unknown))
            {
                continue;
            }

            IPInterfaceProperties properties = nic.GetIPProperties();
            IPAddress[] v4 = properties.UnicastAddresses.Select(u => u.Address).Where(a => a.AddressFamily == AddressFamily.InterNetwork).ToArray();
            int index = properties.GetIPv4Properties()?.Index ?? -1;
            if (v4.Length == 0 || index < 0)
            {
                continue;
            }

            found[index] = (nic.Name, v4);
            if (!_joined.Contains(index))
            {
                try
                {
                    socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, new MulticastOption(MdnsLimits.GroupV4, index));
                    _joined.Add(index);
                }
                catch (SocketException ex)
                {
                    LogJoinFailed(_logger, nic.Name, ex.SocketErrorCode);
                }
            }
        }

        _interfaces = found;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "mDNS: answering for {Instance} (host {Host}) on {Interfaces}")]
    private static partial void LogListening(ILogger logger, string instance, string host, string interfaces);

    [LoggerMessage(Level = LogLevel.Warning, Message = "mDNS responder not started: cannot listen on UDP 5353 ({Error})")]
    private static partial void LogCannotListen(ILogger logger, SocketError error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "mDNS: cannot join 224.0.0.251 on {Interface} ({Error})")]
    private static partial void LogJoinFailed(ILogger logger, string @interface, SocketError error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "mDNS: malformed query from {From}: {Reason}")]
    private static partial void LogMalformed(ILogger logger, IPEndPoint from, DnsMalformedReason reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "mDNS: answer to {From} not sent ({Error})")]
    private static partial void LogSendFailed(ILogger logger, IPEndPoint from, SocketError error);
}
