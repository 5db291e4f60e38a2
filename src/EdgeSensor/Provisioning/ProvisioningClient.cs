using System.Buffers;
using System.Net.NetworkInformation;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Edge.Contracts.Provisioning;
using Edge.Contracts.Serialization;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;

namespace EdgeSensor.Provisioning;

/// <summary>
/// Zero-touch provisioning, the sensor's side. From factory state (a serial number and a claim bundle) to an identity:
/// <list type="number">
/// <item>find the collector: the bundle's endpoint, else DNS-SD on the uplink, else the host name <c>edge-collector</c>;</item>
/// <item>make the key pair on the device (kept in <c>pending-key.pem</c>, so a restart asks for the same key);</item>
/// <item>connect with the claim certificate (client id: the serial), trusting only the CA whose fingerprint the bundle pins;</item>
/// <item>subscribe to the answer, publish the request (CSR, serial, hardware profile, version, interfaces), and wait:
/// pending (an admin decides; asked again every few minutes and on every reconnect), rejected (logged, asked again
/// later: an admin may free the serial), or approved;</item>
/// <item>check the answer (the certificate is for this key and chains to the pinned CA; the configuration is valid),
/// store key, certificate, CA and configuration as one file, and only then forget the pending key.</item>
/// </list>
/// </summary>
public sealed class ProvisioningClient(ProvisioningConfig config, string? hardwareProfile, Action<Status.BootStage> stage, Action<string> log,
    Func<SensorConfiguration, string?> validate, Func<CancellationToken, Task<(string Host, int Port)?>>? discover = null)
{
    public const string DefaultHost = "edge-collector";

    public const int DefaultPort = 8883;

    /// <summary>How often a pending request is sent again (an answer missed while the link was down is sent again then).</summary>
    public static readonly TimeSpan PendingRepeat = TimeSpan.FromMinutes(2);

    public async Task<SensorIdentity> RunAsync(CancellationToken stop)
    {
        ProvisioningBundle bundle = LoadBundle(config.File);
        string serial = SerialNumber.LoadOrCreate(config.SerialFile, config.DeviceTreeSerial);
        using X509Certificate2 ca = X509Certificate2.CreateFromPem(bundle.CaCertificate);
        if (SensorIdentity.Fingerprint(ca) != bundle.CaFingerprint.Replace(":", string.Empty, StringComparison.Ordinal).ToLowerInvariant())
        {
            throw new Hosting.SensorConfigException($"{config.File}: the CA certificate does not have the fingerprint the claim pins");
        }

        using X509Certificate2 claim = X509Certificate2.CreateFromPem(bundle.ClaimCertificate, bundle.ClaimKey);
        string claimId = claim.GetNameInfo(X509NameType.SimpleName, false);
        if (!ProvisioningTopics.IsClaim(claimId))
        {
            throw new Hosting.SensorConfigException($"{config.File}: '{claimId}' is not a claim certificate (CN claim.<batch>)");
        }

        using ECDsa key = SensorIdentity.LoadOrCreatePendingKey(config.PendingKeyFile);
        var request = new ProvisioningRequest
        {
            Serial = serial,
            Csr = SensorIdentity.Csr(key, serial),
            RequestId = Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16],
            HardwareProfile = hardwareProfile,
            SensorVersion = Cli.ProductVersion.Text,
            Interfaces = Interfaces(),
            At = DateTimeOffset.UtcNow,
        };
        log($"provisioning: serial {serial}, claim {claimId}; looking for the collector");
        TimeSpan retry = TimeSpan.FromSeconds(Math.Max(1, config.RetrySeconds));
        while (true)
        {
            stop.ThrowIfCancellationRequested();
            stage(Status.BootStage.WaitingForProvisioning);
            foreach ((string host, int port) in await EndpointsAsync(bundle, stop))
            {
                SensorIdentity? identity = await TryAsync(host, port, claim, claimId, ca, key, request, stop);
                if (identity is not null)
                {
                    return identity;
                }
            }

            await Task.Delay(Jitter(retry), stop);
        }
    }

    private async Task<SensorIdentity?> TryAsync(string host, int port, X509Certificate2 claim, string claimId, X509Certificate2 ca, ECDsa key, ProvisioningRequest request, CancellationToken stop)
    {
        using IMqttClient client = new MqttClientFactory().CreateMqttClient();
        var answers = System.Threading.Channels.Channel.CreateUnbounded<ProvisioningResponse>();
        string responseTopic = ProvisioningTopics.Response(claimId, request.Serial);
        client.ApplicationMessageReceivedAsync += e =>
        {
            if (e.ApplicationMessage.Topic == responseTopic)
            {
                try
                {
                    if (JsonSerializer.Deserialize(e.ApplicationMessage.Payload.ToArray(), EdgeJsonContext.Default.ProvisioningResponse) is { } r)
                    {
                        answers.Writer.TryWrite(r);
                    }
                }
                catch (JsonException ex)
                {
                    log($"provisioning: unreadable answer ignored ({ex.Message.Split('\n')[0]})");
                }
            }

            return Task.CompletedTask;
        };

        try
        {
            using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
            connectTimeout.CancelAfter(TimeSpan.FromSeconds(15));
            MqttClientConnectResult connected = await client.ConnectAsync(new MqttClientOptionsBuilder()
                .WithTcpServer(host, port)
                .WithClientId(request.Serial)
                .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
                .WithCleanStart(true)
                .WithKeepAlivePeriod(TimeSpan.FromSeconds(30))
                .WithTlsOptions(o => o.UseTls().WithClientCertificates([claim]).WithCertificateValidationHandler(e => ChainsTo(e.Certificate, ca)))
                .Build(), connectTimeout.Token);
            if (connected.ResultCode != MqttClientConnectResultCode.Success)
            {
                log($"provisioning: {host}:{port} refused the claim: {connected.ResultCode} {connected.ReasonString}");
                return null;
            }

            stage(Status.BootStage.Provisioning);
            MqttClientSubscribeResult subscribed = await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(f => f.WithTopic(responseTopic).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)).Build(), stop);
            if (subscribed.Items.Any(i => i.ResultCode > MqttClientSubscribeResultCode.GrantedQoS2))
            {
                log($"provisioning: {host}:{port} does not let this claim subscribe to {responseTopic}");
                return null;
            }

            while (client.IsConnected)
            {
                CrashPoints.At("before-request");
                byte[] payload = JsonSerializer.SerializeToUtf8Bytes(request with { At = DateTimeOffset.UtcNow }, EdgeJsonContext.Default.ProvisioningRequest);
                MqttClientPublishResult published = await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(ProvisioningTopics.Request(claimId, request.Serial))
                    .WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), stop);
                if (!published.IsSuccess && published.ReasonCode != MqttClientPublishReasonCode.NoMatchingSubscribers)
                {
                    log($"provisioning: {host}:{port} refused the request: {published.ReasonCode} {published.ReasonString}");
                    return null;
                }

                log($"provisioning: request {request.RequestId} sent to {host}:{port}");
                CrashPoints.At("after-request");
                DateTime repeatAt = DateTime.UtcNow + PendingRepeat;
                while (client.IsConnected && DateTime.UtcNow < repeatAt)
                {
                    using var wait = CancellationTokenSource.CreateLinkedTokenSource(stop);
                    wait.CancelAfter(TimeSpan.FromSeconds(1));
                    ProvisioningResponse answer;
                    try
                    {
                        answer = await answers.Reader.ReadAsync(wait.Token);
                    }
                    catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                    {
                        continue;
                    }

                    if (answer.Serial != request.Serial)
                    {
                        continue;
                    }

                    switch (answer.Status)
                    {
                        case ProvisioningResponse.Pending:
                            log($"provisioning: pending: {answer.Reason}");
                            continue;
                        case ProvisioningResponse.Rejected:
                            log($"provisioning: rejected: {answer.Reason}");
                            return null;
                        case ProvisioningResponse.Approved:
                            CrashPoints.At("after-approval");
                            if (Accept(answer, key, ca, request.Serial, host, port) is { } identity)
                            {
                                identity.Save(config.IdentityFile);
                                CrashPoints.At("after-store");
                                File.Delete(config.PendingKeyFile);
                                log($"provisioning: approved as {identity.Configuration.Site}/{identity.Configuration.SensorId}; identity stored in {config.IdentityFile}");
                                await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None);
                                return identity;
                            }

                            return null;
                    }
                }
            }
        }
        catch (Exception e) when (e is MqttCommunicationException or InvalidOperationException or IOException or TimeoutException
            or OperationCanceledException or System.Net.Sockets.SocketException or System.Security.Authentication.AuthenticationException)
        {
            stop.ThrowIfCancellationRequested();
            log($"provisioning: {host}:{port} not reachable ({e.Message.Split('\n')[0]})");
        }

        return null;
    }

    /// <summary>Checks an approval before anything is stored: the certificate is ours, for our key, from the pinned CA.</summary>
    private SensorIdentity? Accept(ProvisioningResponse answer, ECDsa key, X509Certificate2 ca, string serial, string host, int port)
    {
        if (answer.Certificate is null || answer.Configuration is null)
        {
            log("provisioning: approval without a certificate or configuration ignored");
            return null;
        }

        try
        {
            using X509Certificate2 cert = X509Certificate2.CreateFromPem(answer.Certificate);
            using ECDsa? certKey = cert.GetECDsaPublicKey();
            if (certKey is null || !certKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.ExportSubjectPublicKeyInfo()))
            {
                log("provisioning: the certificate is not for this device's key; ignored");
                return null;
            }

            if (!ChainsTo(cert, ca) || cert.GetNameInfo(X509NameType.SimpleName, false) != answer.Configuration.SensorId)
            {
                log("provisioning: the certificate does not chain to the pinned CA or is not for the configured sensor id; ignored");
                return null;
            }
        }
        catch (CryptographicException e)
        {
            log($"provisioning: unreadable certificate ignored ({e.Message})");
            return null;
        }

        if (validate(answer.Configuration) is { } error)
        {
            log($"provisioning: configuration version {answer.Configuration.Version} refused: {error}");
            return null;
        }

        return new SensorIdentity
        {
            Serial = serial,
            KeyPem = key.ExportPkcs8PrivateKeyPem(),
            CertificatePem = answer.Certificate,
            CaPem = ca.ExportCertificatePem(),
            Configuration = answer.Configuration,
            Host = host,
            Port = port,
        };
    }

    private async Task<IReadOnlyList<(string Host, int Port)>> EndpointsAsync(ProvisioningBundle bundle, CancellationToken stop)
    {
        if (!string.IsNullOrWhiteSpace(bundle.Endpoint))
        {
            return [ParseEndpoint(bundle.Endpoint)];
        }

        var list = new List<(string, int)>();
        if (discover is not null && await discover(stop) is { } found)
        {
            log($"provisioning: DNS-SD found the collector at {found.Host}:{found.Port}");
            list.Add(found);
        }

        list.Add((DefaultHost, DefaultPort));
        return list;
    }

    public static (string Host, int Port) ParseEndpoint(string text)
    {
        text = text.Trim();
        if (text.StartsWith('['))
        {
            int close = text.IndexOf(']', StringComparison.Ordinal);
            string h = text[1..close];
            return (h, close + 2 < text.Length && int.TryParse(text[(close + 2)..], out int p6) ? p6 : DefaultPort);
        }

        int colon = text.LastIndexOf(':');
        return colon > 0 && text.IndexOf(':') == colon && int.TryParse(text[(colon + 1)..], out int port) && port is > 0 and < 65536
            ? (text[..colon], port)
            : (text, DefaultPort);
    }

    private static ProvisioningBundle LoadBundle(string path)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), EdgeJsonContext.Default.ProvisioningBundle)
                ?? throw new Hosting.SensorConfigException($"{path}: empty claim bundle");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new Hosting.SensorConfigException($"cannot read the claim bundle {path}: {e.Message} (factory state: edge-collector claim makes one)");
        }
        catch (JsonException e)
        {
            throw new Hosting.SensorConfigException($"{path}: not a claim bundle ({e.Message.Split('\n')[0]})");
        }
    }

    private static List<InterfaceInfo> Interfaces()
    {
        try
        {
            return [.. NetworkInterface.GetAllNetworkInterfaces()
                .Where(n => n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
                .Take(ProvisioningRequest.MaxInterfaces)
                .Select(n => new InterfaceInfo(n.Name.Length > 64 ? n.Name[..64] : n.Name,
                    n.GetPhysicalAddress() is { } mac && mac.GetAddressBytes().Length > 0 ? string.Join(':', mac.GetAddressBytes().Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture))) : null))];
        }
        catch (NetworkInformationException)
        {
            return [];
        }
    }

    internal static bool ChainsTo(X509Certificate? certificate, X509Certificate2 ca)
    {
        if (certificate is null)
        {
            return false;
        }

        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(leaf) && chain.ChainElements[^1].Certificate.RawDataMemory.Span.SequenceEqual(ca.RawDataMemory.Span);
    }

    private static TimeSpan Jitter(TimeSpan t) => TimeSpan.FromTicks((long)(t.Ticks * (0.8 + (Random.Shared.NextDouble() * 0.4))));
}
