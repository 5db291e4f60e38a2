using System.Net;
using System.Net.Sockets;
using Edge.Contracts.Discovery;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeSensor.Provisioning.Discovery;

/// <summary>
/// Finds the collector's provisioning endpoint with DNS-SD over multicast DNS on the sensor's uplink only.
/// Sends one-shot PTR queries for <see cref="ProvisioningDiscovery.ServiceType"/> (RFC 6762 5.1) from an ephemeral
/// port bound to the uplink's address, with IP_MULTICAST_IF (and SO_BINDTODEVICE where permitted) set to the uplink,
/// so nothing leaves on any other interface, above all never on the tap. Answers come back by unicast (RFC 6762 6.7).
/// See README.md in this folder.
/// </summary>
public sealed partial class DnsSdBrowser
{
    /// <summary>Wait before the first query: 20..120 ms, so sensors powered on together do not query in step (RFC 6762 5.2).</summary>
    internal static readonly (int Min, int Max) FirstQueryDelayMs = (20, 120);

    /// <summary>Interval between the first two queries; it then doubles (RFC 6762 5.2).</summary>
    internal static readonly TimeSpan FirstRetryInterval = TimeSpan.FromSeconds(1);

    private const int SolSocket = 1;
    private const int SoBindToDevice = 25;

    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    public DnsSdBrowser(ILogger<DnsSdBrowser>? logger = null, TimeProvider? time = null)
    {
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _time = time ?? TimeProvider.System;
    }

    public DnsSdBrowserCounters Counters { get; } = new();

    /// <summary>The service type searched for (tests may look for another).</summary>
    public string ServiceType { get; init; } = ProvisioningDiscovery.ServiceType;

    /// <summary>
    /// Queries on <paramref name="interfaceName"/> (null: the interface of the IPv4 default route) until an answer
    /// names an endpoint or <paramref name="timeout"/> passes; null then, or when the interface cannot be used (logged).
    /// The interface is looked up and the socket opened before this method returns, on the calling thread.
    /// </summary>
    public Task<DiscoveredEndpoint?> FindAsync(string? interfaceName, TimeSpan timeout, CancellationToken ct)
    {
        UplinkInterface? uplink = UplinkInterface.Resolve(interfaceName, out string problem);
        if (uplink is null)
        {
            LogNoInterface(_logger, problem);
            return Task.FromResult<DiscoveredEndpoint?>(null);
        }

        Socket socket;
        try
        {
            socket = Open(uplink);
        }
        catch (SocketException ex)
        {
            LogSocketFailed(_logger, uplink.Name, ex.SocketErrorCode);
            return Task.FromResult<DiscoveredEndpoint?>(null);
        }

        return SearchAsync(socket, uplink, timeout, ct);
    }

    private Socket Open(UplinkInterface uplink)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (OperatingSystem.IsLinux())
            {
                // Needs CAP_NET_RAW (the sensor's unit has it); the bind and IP_MULTICAST_IF below suffice without it.
                try
                {
                    byte[] device = new byte[uplink.Name.Length + 1];
                    System.Text.Encoding.ASCII.GetBytes(uplink.Name, device);
                    socket.SetRawSocketOption(SolSocket, SoBindToDevice, device);
                }
                catch (SocketException ex)
                {
                    LogBindToDeviceRefused(_logger, uplink.Name, ex.SocketErrorCode);
                }
            }

            socket.Bind(new IPEndPoint(uplink.Address, 0));
            socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastInterface, uplink.Address.GetAddressBytes());
            socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastTimeToLive, 255); // RFC 6762 11
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task<DiscoveredEndpoint?> SearchAsync(Socket socket, UplinkInterface uplink, TimeSpan timeout, CancellationToken ct)
    {
        using (socket)
        using (var stop = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            stop.CancelAfter(timeout);
            ushort id = (ushort)Random.Shared.Next(1, ushort.MaxValue);
            Task sending = SendQueriesAsync(socket, id, stop.Token);
            try
            {
                byte[] buffer = new byte[MdnsLimits.MaxMessageLength];
                EndPoint any = new IPEndPoint(IPAddress.Any, 0);
                while (true)
                {
                    SocketReceiveFromResult received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any, stop.Token).ConfigureAwait(false);
                    Counters.ReplyReceived();
                    var from = (IPEndPoint)received.RemoteEndPoint;
                    if (TryRead(buffer.AsSpan(0, received.ReceivedBytes), from.Address, uplink) is { } endpoint)
                    {
                        Counters.EndpointFound();
                        LogFound(_logger, endpoint.InstanceName, endpoint.Host, endpoint.Port, uplink.Name);
                        return endpoint;
                    }
                }
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                LogNothingFound(_logger, ServiceType, uplink.Name, timeout.TotalSeconds);
                return null;
            }
            catch (SocketException ex)
            {
                LogSocketFailed(_logger, uplink.Name, ex.SocketErrorCode);
                return null;
            }
            finally
            {
                await stop.CancelAsync().ConfigureAwait(false);
                try
                {
                    await sending.ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }
            }
        }
    }

    /// <summary>Query at 20..120 ms, then after 1 s, 2 s, 4 s... until stopped (RFC 6762 5.2).</summary>
    private async Task SendQueriesAsync(Socket socket, ushort id, CancellationToken ct)
    {
        byte[] query = new byte[MdnsLimits.HeaderLength + MdnsLimits.MaxNameLength + 4];
        // QU: this socket is not on port 5353 and cannot hear multicast answers, so ask for unicast (RFC 6762 5.4);
        // a compliant responder answers a query from another port by unicast anyway (6.7).
        if (!DnsMessageWriter.TryWriteQuery(query, id, DnsQuestion.Create(ServiceType, DnsRecordType.Ptr, unicastResponse: true), out int length))
        {
            throw new InvalidOperationException($"service type {ServiceType} does not encode");
        }

        var group = new IPEndPoint(MdnsLimits.GroupV4, MdnsLimits.Port);
        TimeSpan wait = TimeSpan.FromMilliseconds(Random.Shared.Next(FirstQueryDelayMs.Min, FirstQueryDelayMs.Max + 1));
        TimeSpan next = FirstRetryInterval;
        while (true)
        {
            await Task.Delay(wait, _time, ct).ConfigureAwait(false);
            try
            {
                await socket.SendToAsync(query.AsMemory(0, length), SocketFlags.None, group, ct).ConfigureAwait(false);
                Counters.QuerySent();
            }
            catch (SocketException ex)
            {
                // No route for multicast yet (link coming up): try again at the next interval.
                LogSendFailed(_logger, ex.SocketErrorCode);
            }

            wait = next;
            next *= 2;
        }
    }

    /// <summary>The endpoint an answer names, or null (counted as malformed or ignored).</summary>
    internal DiscoveredEndpoint? TryRead(ReadOnlySpan<byte> bytes, IPAddress from, UplinkInterface uplink)
    {
        if (DnsMessageParser.TryParse(bytes, out DnsMessage? message, out DnsMalformedReason reason) != DnsParseStatus.Ok)
        {
            Counters.MalformedReply();
            LogMalformed(_logger, from, reason);
            return null;
        }

        // RFC 6762 11: answers from off the link are not trusted; 18.3/18.11: non-zero opcode or rcode are ignored.
        if (!uplink.OnLink(from) || !message!.IsResponse || message.Opcode != 0 || message.ResponseCode != 0)
        {
            Counters.IgnoredReply();
            return null;
        }

        DiscoveredEndpoint? endpoint = DnsSdAnswer.Find(message, ServiceType, from, uplink);
        if (endpoint is null)
        {
            Counters.IgnoredReply();
        }

        return endpoint;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "provisioning discovery (mDNS) not run: {Problem}")]
    private static partial void LogNoInterface(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "provisioning discovery (mDNS) on {Interface}: socket error {Error}")]
    private static partial void LogSocketFailed(ILogger logger, string @interface, SocketError error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "SO_BINDTODEVICE {Interface} refused ({Error}); bound by address and IP_MULTICAST_IF only")]
    private static partial void LogBindToDeviceRefused(ILogger logger, string @interface, SocketError error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "mDNS query not sent: {Error}")]
    private static partial void LogSendFailed(ILogger logger, SocketError error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "malformed mDNS reply from {From}: {Reason}")]
    private static partial void LogMalformed(ILogger logger, IPAddress from, DnsMalformedReason reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "provisioning endpoint found by mDNS: {Instance} at {Host}:{Port} (on {Interface})")]
    private static partial void LogFound(ILogger logger, string instance, string host, int port, string @interface);

    [LoggerMessage(Level = LogLevel.Information, Message = "no {Service} answer on {Interface} within {Seconds} s")]
    private static partial void LogNothingFound(ILogger logger, string service, string @interface, double seconds);
}
