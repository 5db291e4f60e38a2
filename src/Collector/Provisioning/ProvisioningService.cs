using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Collector.Hosting;
using Edge.Contracts.Commands;
using Edge.Contracts.Provisioning;
using Edge.Contracts.Serialization;
using Edge.Contracts.Topics;
using Microsoft.Extensions.Options;

namespace Collector.Provisioning;

/// <summary>A message provisioning wants published: the topic, the payload, retained or not.</summary>
public sealed record Outgoing(string Topic, byte[] Payload, bool Retain);

/// <summary>
/// Zero-touch provisioning, whichever broker carries it: checks a device's request (size, rate, claim, serial, CSR and
/// its key, the serial's binding to the first key it asked with), holds it for an admin or approves it by rule, signs
/// the certificate with the collector's CA (CN: the sensor id) and answers with it and the sensor's configuration. A
/// request sent again after a crash, with the same key, gets the same certificate, never a second one. Also renews
/// (a provisioned sensor asks with its own certificate), pushes configuration versions, revokes and decommissions.
/// Every refusal has a reason that is logged, kept in <c>provisioning_log</c> and shown on the Sensors page.
/// </summary>
public sealed partial class ProvisioningService : IDisposable
{
    /// <summary>Who auto-approved a request, as recorded.</summary>
    public const string AutoApprover = "auto-approve rule";

    private readonly ProvisioningStore _store;
    private readonly CollectorPki _pki;
    private readonly ProvisioningOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ProvisioningService> _logger;
    private readonly TokenBuckets _perClaim;
    private readonly TokenBuckets _perSource;
    private readonly Lock _decide = new();
    private readonly HashSet<string> _autoSerials;
    private readonly HashSet<string> _autoClaims;
    private readonly JsonElement? _zones;
    private HashSet<string> _revoked;
    private ITimer? _crlTimer;

    internal ProvisioningService(ProvisioningStore store, CollectorPki pki, IOptions<ProvisioningOptions> options, TimeProvider time, ILogger<ProvisioningService> logger)
    {
        _store = store;
        _pki = pki;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _perClaim = new TokenBuckets(Math.Max(1, _options.ClaimBurst), TimeSpan.FromSeconds(Math.Max(0.001, _options.ClaimRefillSeconds)));
        _perSource = new TokenBuckets(Math.Max(1, _options.SourceBurst), TimeSpan.FromSeconds(Math.Max(0.001, _options.SourceRefillSeconds)));
        _autoSerials = [.. _options.AutoApproveSerials];
        _autoClaims = [.. _options.AutoApproveClaimIds];
        _zones = LoadZones(_options.ZonesFile);
        _revoked = [];
    }

    /// <summary>Called by the broker in use as it starts (the store is open by then): the revoked certificates, the CRL.</summary>
    public void Start()
    {
        lock (_decide)
        {
            _revoked = [.. _store.Revoked().Select(r => r.Serial)];
            WriteCrl(_time.GetUtcNow());
            if (CrlPath is not null && _pki.CanIssue && _crlTimer is null)
            {
                // A CRL past its nextUpdate makes Mosquitto (OpenSSL) refuse every certificate of the CA: write it again
                // long before, revocations or not (an operator's path unit reloads Mosquitto on each write).
                TimeSpan every = TimeSpan.FromSeconds(Math.Max(1, _options.CrlRefreshSeconds));
                _crlTimer = _time.CreateTimer(_ => RefreshCrl(), null, every, every);
            }
        }
    }

    /// <summary>Writes the CRL again (a new number, thisUpdate now, valid for <see cref="ProvisioningOptions.CrlValidityDays"/>).</summary>
    public void RefreshCrl()
    {
        try
        {
            lock (_decide)
            {
                WriteCrl(_time.GetUtcNow());
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Data.Common.DbException)
        {
            LogCrlNotWritten(CrlPath ?? "?", e.Message);
        }
    }

    public void Dispose() => _crlTimer?.Dispose();

    /// <summary>Set by the broker in use: publishes what provisioning decided (answers, configurations).</summary>
    public Func<Outgoing, Task>? Publisher { get; set; }

    /// <summary>Set by the embedded broker: drops a revoked sensor's connection at once.</summary>
    public Func<string, Task>? Disconnect { get; set; }

    public bool CanIssue => _pki.CanIssue;

    /// <summary>A certificate the collector revoked (hex serial, upper or lower case).</summary>
    public bool IsRevoked(string certificateSerialHex) => Volatile.Read(ref _revoked).Contains(certificateSerialHex.ToLowerInvariant());

    /// <summary>Where the CRL is kept for an external broker (Mosquitto's <c>crlfile</c>).</summary>
    public string? CrlPath { get; set; }

    /// <summary>
    /// A request arrived on <c>edge-prov/v1/&lt;identity&gt;/&lt;clientId&gt;/request</c>. <paramref name="identity"/> is
    /// the connection's certificate identity (embedded broker) or the topic's (an external broker whose ACL binds them);
    /// <paramref name="source"/> the remote address when known. Returns the answer to publish, or null when none is due.
    /// </summary>
    public Outgoing? HandleRequest(string identity, string clientId, string? source, ReadOnlySpan<byte> payload)
    {
        DateTimeOffset now = _time.GetUtcNow();
        string response = ProvisioningTopics.Response(identity, clientId);
        if (payload.Length > _options.MaxRequestBytes)
        {
            return Refuse(response, clientId, identity, source, null, $"request too large ({payload.Length} bytes; at most {_options.MaxRequestBytes})", now);
        }

        long ms = now.ToUnixTimeMilliseconds();
        if (!_perClaim.TryTake(identity, ms))
        {
            return Refuse(response, clientId, identity, source, null, $"too many requests with {identity}; retry later", now, log: false);
        }

        if (source is not null && !_perSource.TryTake(source, ms))
        {
            return Refuse(response, clientId, identity, source, null, $"too many requests from {source}; retry later", now, log: false);
        }

        ProvisioningRequest? request;
        try
        {
            request = JsonSerializer.Deserialize(payload, EdgeJsonContext.Default.ProvisioningRequest);
        }
        catch (JsonException e)
        {
            return Refuse(response, clientId, identity, source, null, $"not a provisioning request ({e.Message.Split('\n')[0]})", now);
        }

        if (request is null || request.Type != ProvisioningRequest.TypeName || request.SchemaVersion != Edge.Contracts.SchemaInfo.Version)
        {
            return Refuse(response, clientId, identity, source, null, "not a provisioning request (type or schema version)", now);
        }

        if (Describe(request) is { } bad)
        {
            return Refuse(response, clientId, identity, source, request, bad, now);
        }

        bool renewal = !ProvisioningTopics.IsClaim(identity);
        if (!renewal && request.Serial != clientId)
        {
            return Refuse(response, clientId, identity, source, request, $"serial '{request.Serial}' is not the client id '{clientId}' it connected with", now);
        }

        if (renewal && identity != clientId)
        {
            return Refuse(response, clientId, identity, source, request, "a renewal comes from the sensor's own connection (client id = certificate identity)", now);
        }

        if (!_pki.CanIssue)
        {
            return Refuse(response, clientId, identity, source, request, "this collector cannot sign certificates (its CA key is not available: --ca-key)", now);
        }

        CertificateRequest csr;
        string keyHash;
        try
        {
            csr = CertificateRequest.LoadSigningRequestPem(request.Csr, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.Default);
            keyHash = Convert.ToHexStringLower(SHA256.HashData(csr.PublicKey.ExportSubjectPublicKeyInfo()));
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or FormatException)
        {
            return Refuse(response, clientId, identity, source, request, $"malformed certificate request: {e.Message.Split('\n')[0]}", now);
        }

        if (WeakKey(csr.PublicKey) is { } weak)
        {
            return Refuse(response, clientId, identity, source, request, weak, now);
        }

        lock (_decide)
        {
            return renewal
                ? Renew(identity, request, csr, keyHash, source, response, now)
                : FirstRequest(identity, request, csr, keyHash, source, response, now);
        }
    }

    private Outgoing? FirstRequest(string claim, ProvisioningRequest request, CertificateRequest csr, string keyHash, string? source, string response, DateTimeOffset now)
    {
        ProvisioningRequestRow? existing = _store.FindRequest(request.Serial);
        if (existing is not null && existing.KeySha256 != keyHash)
        {
            return Refuse(response, request.Serial, claim, source, request,
                $"serial {request.Serial} is already bound to another key (first asked {existing.RequestedAt:u}); an admin must decommission it before it can be provisioned again", now);
        }

        if (existing is null)
        {
            var row = new ProvisioningRequestRow(request.Serial, claim, request.RequestId, keyHash, request.Csr, request.HardwareProfile, request.SensorVersion,
                Interfaces(request), source, RequestStates.Pending, null, now, null, null, null, null, null);
            if (_store.InsertRequest(row))
            {
                LogRequest(request.Serial, claim, source ?? "?");
                _store.Log(new ProvisioningLogRow(now, request.Serial, claim, source, "requested", request.HardwareProfile));
            }

            existing = _store.FindRequest(request.Serial)!;
            if (existing.KeySha256 != keyHash)
            {
                return Refuse(response, request.Serial, claim, source, request, $"serial {request.Serial} is already bound to another key", now);
            }
        }
        else
        {
            _store.TouchRequest(request.Serial, request.RequestId, source, request.HardwareProfile, request.SensorVersion, Interfaces(request));
        }

        if (existing.State == RequestStates.Pending && (_autoSerials.Contains(request.Serial) || _autoClaims.Contains(claim)))
        {
            (existing, _) = ApproveLocked(existing, _options.Site, SuggestSensorId(request.Serial), AutoApprover, now);
        }

        return Answer(existing, request.RequestId, response, now);
    }

    private Outgoing? Renew(string sensor, ProvisioningRequest request, CertificateRequest csr, string keyHash, string? source, string response, DateTimeOffset now)
    {
        SensorCertificateRow? current = _store.ActiveCertificateOf(sensor);
        if (current is null || current.DeviceSerial != request.Serial)
        {
            return Refuse(response, sensor, sensor, source, request, $"sensor '{sensor}' has no active certificate for serial {request.Serial} to renew", now);
        }

        // The renewed certificate for this key was issued already (the sensor crashed before storing it): send it again.
        SensorCertificateRow? issued = _store.Certificates(sensor).FirstOrDefault(c => c.State == CertificateStates.Active && c.KeySha256 == keyHash && c.DeviceSerial == request.Serial);
        if (issued is null)
        {
            issued = Issue(csr.PublicKey, keyHash, sensor, current.Site, request.Serial, $"renewal of {current.CertSerial}", now);
            _store.Decide(request.Serial, RequestStates.Approved, RequestStates.Approved, null, "renewal", now, current.Site, sensor, issued.CertSerial, keyHash);
            _store.Log(new ProvisioningLogRow(now, request.Serial, sensor, source, "renewed", $"certificate {issued.CertSerial} valid to {issued.NotAfter:u}"));
            LogRenewed(sensor, issued.CertSerial, issued.NotAfter);
        }

        return Publish(response, new ProvisioningResponse
        {
            Serial = request.Serial,
            RequestId = request.RequestId,
            Status = ProvisioningResponse.Approved,
            Certificate = issued.Pem,
            CaCertificate = _pki.Ca.ExportCertificatePem(),
            Configuration = CurrentConfiguration(current.Site, sensor),
            At = now,
        });
    }

    /// <summary>An admin approves a held (or rejected) request: the sensor id and site are theirs to choose.</summary>
    public (ProvisioningRequestRow Row, string? Error) Approve(string serial, string? site, string? sensorId, string by)
    {
        lock (_decide)
        {
            ProvisioningRequestRow? row = _store.FindRequest(serial);
            if (row is null)
            {
                return (null!, $"no request from serial {serial}");
            }

            if (row.State == RequestStates.Approved)
            {
                return (row, null);
            }

            var (approved, error) = ApproveLocked(row, string.IsNullOrWhiteSpace(site) ? _options.Site : site.Trim(), string.IsNullOrWhiteSpace(sensorId) ? SuggestSensorId(serial) : sensorId.Trim(), by, _time.GetUtcNow());
            if (error is null)
            {
                PublishAnswer(approved);
            }

            return (approved, error);
        }
    }

    public string? Reject(string serial, string reason, string by)
    {
        lock (_decide)
        {
            ProvisioningRequestRow? row = _store.FindRequest(serial);
            if (row is null || row.State != RequestStates.Pending)
            {
                return row is null ? $"no request from serial {serial}" : $"the request from {serial} is {row.State}, not pending";
            }

            DateTimeOffset now = _time.GetUtcNow();
            string why = string.IsNullOrWhiteSpace(reason) ? "rejected by an admin" : reason.Trim();
            _store.Decide(serial, RequestStates.Pending, RequestStates.Rejected, why, by, now, null, null, null);
            _store.Log(new ProvisioningLogRow(now, serial, row.Claim, null, "rejected", $"{why} (by {by})"));
            LogRejected(serial, by, why);
            PublishAnswer(_store.FindRequest(serial)!);
            return null;
        }
    }

    /// <summary>Revokes a sensor's certificates: the broker refuses its next connection (and drops the current one).</summary>
    public async Task<int> RevokeAsync(string sensor, string by, string reason)
    {
        DateTimeOffset now = _time.GetUtcNow();
        IReadOnlyList<string> serials;
        lock (_decide)
        {
            serials = _store.Revoke(sensor, by, reason, now);
            _revoked = [.. _store.Revoked().Select(r => r.Serial)];
            WriteCrl(now);
            _store.Log(new ProvisioningLogRow(now, null, sensor, null, "revoked", $"{serials.Count} certificates ({reason}; by {by})"));
        }

        LogRevoked(sensor, serials.Count, by);
        if (Disconnect is { } disconnect)
        {
            await disconnect(sensor).ConfigureAwait(false);
        }

        return serials.Count;
    }

    /// <summary>Revokes a sensor and frees its serial number: the device may be provisioned again (after a factory reset).</summary>
    public async Task<int> DecommissionAsync(string sensor, string by)
    {
        int revoked = await RevokeAsync(sensor, by, "decommissioned").ConfigureAwait(false);
        lock (_decide)
        {
            foreach (ProvisioningRequestRow row in _store.Requests().Where(r => r.Sensor == sensor))
            {
                _store.DeleteRequest(row.Serial);
                _store.Log(new ProvisioningLogRow(_time.GetUtcNow(), row.Serial, sensor, null, "decommissioned", $"serial freed by {by}"));
            }
        }

        return revoked;
    }

    /// <summary>A new configuration version for a sensor (zones, thresholds, learning period), pushed retained.</summary>
    public (SensorConfiguration? Config, string? Error) ChangeConfiguration(string site, string sensor, Func<SensorConfiguration, SensorConfiguration> change, string by)
    {
        lock (_decide)
        {
            SensorConfiguration current = CurrentConfiguration(site, sensor);
            SensorConfiguration next;
            try
            {
                next = change(current) with { Version = current.Version + 1, Site = site, SensorId = sensor, ChangedBy = by, ChangedAt = _time.GetUtcNow() };
            }
            catch (ArgumentException e)
            {
                return (null, e.Message);
            }

            if (ConfigurationError(next) is { } error)
            {
                return (null, error);
            }

            return Store(next) ? (next, null) : (null, "changed by someone else meanwhile; reload and try again");
        }
    }

    /// <summary>Puts a configuration version as it is (tests of a sensor refusing one; an API that sets every field).</summary>
    internal bool Store(SensorConfiguration config)
    {
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(config, EdgeJsonContext.Default.SensorConfiguration);
        if (!_store.AddConfig(new SensorConfigRow(config.Site, config.SensorId, config.Version, System.Text.Encoding.UTF8.GetString(body), config.ChangedBy ?? "?", config.ChangedAt ?? _time.GetUtcNow())))
        {
            return false;
        }

        LogConfig(config.SensorId, config.Version, config.ChangedBy ?? "?");
        _ = Publisher?.Invoke(new Outgoing(CommandTopics.Config(config.Site, config.SensorId), body, Retain: true));
        return true;
    }

    /// <summary>Every sensor's current configuration, for the broker to publish retained at start.</summary>
    public IEnumerable<Outgoing> RetainedConfigurations() =>
        _store.LatestConfigs().Select(r => new Outgoing(CommandTopics.Config(r.Site, r.Sensor), System.Text.Encoding.UTF8.GetBytes(r.Body), Retain: true));

    public SensorConfiguration CurrentConfiguration(string site, string sensor)
    {
        if (_store.LatestConfig(site, sensor) is { } row
            && JsonSerializer.Deserialize(row.Body, EdgeJsonContext.Default.SensorConfiguration) is { } stored)
        {
            return stored;
        }

        (string? host, int? port) = OperationalBroker();
        return new SensorConfiguration
        {
            Version = 0,
            Site = site,
            SensorId = sensor,
            LearningSeconds = _options.LearningSeconds,
            Zones = _zones,
            BrokerHost = host,
            BrokerPort = port,
        };
    }

    /// <summary>What a sensor can check before it is sent: a second opinion to the sensor's own validation.</summary>
    public static string? ConfigurationError(SensorConfiguration c) =>
        !EdgeIds.IsValid(c.Site) ? "site is not a valid id"
        : !EdgeIds.IsValid(c.SensorId) ? "sensor id is not a valid id"
        : c.LearningSeconds is < 0 ? "learningSeconds must not be negative"
        : c.RelayThreshold is < 1 or > 100 ? "relayThreshold must be between 1 and 100"
        : c.NoTrafficSeconds is < 1 or > 86400 ? "noTrafficSeconds must be between 1 and 86400"
        : c.MetricsIntervalSeconds is < 1 or > 86400 ? "metricsIntervalSeconds must be between 1 and 86400"
        : c.BrokerPort is < 1 or > 65535 ? "brokerPort must be between 1 and 65535"
        : c.Zones is { } z && z.ValueKind != JsonValueKind.Object ? "zones must be an object { \"zones\": [...] }"
        : null;

    public IReadOnlyList<ProvisioningRequestRow> Requests() => _store.Requests();

    public IReadOnlyList<SensorCertificateRow> Certificates(string? sensor = null) => _store.Certificates(sensor);

    public IReadOnlyList<ProvisioningLogRow> RecentLog(int limit = 50) => _store.RecentLog(limit);

    private (ProvisioningRequestRow Row, string? Error) ApproveLocked(ProvisioningRequestRow row, string site, string sensor, string by, DateTimeOffset now)
    {
        if (!EdgeIds.IsValid(site) || !EdgeIds.IsValid(sensor) || ProvisioningTopics.IsClaim(sensor) || ProvisioningTopics.IsClaim(site))
        {
            return (row, $"'{site}/{sensor}' is not a valid site and sensor id (letters, digits, '-', '_', '.'; not claim.*)");
        }

        if (_store.ActiveCertificateOf(sensor) is { } taken && taken.DeviceSerial != row.Serial)
        {
            return (row, $"sensor id '{sensor}' belongs to device {taken.DeviceSerial}; choose another or decommission it");
        }

        CertificateRequest csr = CertificateRequest.LoadSigningRequestPem(row.Csr, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.Default);
        SensorCertificateRow cert = Issue(csr.PublicKey, row.KeySha256, sensor, site, row.Serial, by, now);
        if (!_store.Decide(row.Serial, row.State, RequestStates.Approved, null, by, now, site, sensor, cert.CertSerial))
        {
            return (_store.FindRequest(row.Serial)!, "decided by someone else meanwhile");
        }

        if (_store.LatestConfig(site, sensor) is null)
        {
            Store(CurrentConfiguration(site, sensor) with { Version = 1, ChangedBy = by, ChangedAt = now });
        }

        _store.Log(new ProvisioningLogRow(now, row.Serial, row.Claim, row.Source, "approved", $"as {site}/{sensor} by {by}; certificate {cert.CertSerial}"));
        LogApproved(row.Serial, site, sensor, by);
        return (_store.FindRequest(row.Serial)!, null);
    }

    private SensorCertificateRow Issue(PublicKey key, string keyHash, string sensor, string site, string deviceSerial, string by, DateTimeOffset now)
    {
        using X509Certificate2 cert = _pki.IssueClient(key, sensor, TimeSpan.FromDays(_options.CertificateDays), now);
        var row = new SensorCertificateRow(cert.SerialNumber.ToLowerInvariant(), sensor, site, deviceSerial, keyHash, cert.ExportCertificatePem(),
            cert.NotBefore.ToUniversalTime(), cert.NotAfter.ToUniversalTime(), now, by, CertificateStates.Active, null, null, null);
        _store.AddCertificate(row);
        return row;
    }

    private void PublishAnswer(ProvisioningRequestRow row)
    {
        if (Answer(row, row.RequestId, ProvisioningTopics.Response(row.Claim, row.Serial), _time.GetUtcNow()) is { } answer)
        {
            _ = Publisher?.Invoke(answer);
        }
    }

    private Outgoing Answer(ProvisioningRequestRow row, string requestId, string topic, DateTimeOffset now)
    {
        if (row.State == RequestStates.Approved && row.CertSerial is { } serial && _store.Certificate(serial) is { } cert)
        {
            if (cert.State != CertificateStates.Active)
            {
                return Publish(topic, new ProvisioningResponse { Serial = row.Serial, RequestId = requestId, Status = ProvisioningResponse.Rejected, Reason = "its certificate was revoked; an admin must decommission it before it can be provisioned again", At = now });
            }

            return Publish(topic, new ProvisioningResponse
            {
                Serial = row.Serial,
                RequestId = requestId,
                Status = ProvisioningResponse.Approved,
                Certificate = cert.Pem,
                CaCertificate = _pki.Ca.ExportCertificatePem(),
                Configuration = CurrentConfiguration(cert.Site, cert.Sensor),
                At = now,
            });
        }

        return Publish(topic, new ProvisioningResponse
        {
            Serial = row.Serial,
            RequestId = requestId,
            Status = row.State == RequestStates.Rejected ? ProvisioningResponse.Rejected : ProvisioningResponse.Pending,
            Reason = row.State == RequestStates.Rejected ? row.Reason : "waiting for an admin to approve it on the collector's Sensors page",
            At = now,
        });
    }

    private Outgoing Refuse(string topic, string serial, string identity, string? source, ProvisioningRequest? request, string reason, DateTimeOffset now, bool log = true)
    {
        LogRefused(identity, serial, source ?? "?", reason);
        if (log)
        {
            _store.Log(new ProvisioningLogRow(now, request?.Serial ?? serial, identity, source, "refused", reason));
        }

        return Publish(topic, new ProvisioningResponse { Serial = request?.Serial ?? serial, RequestId = request?.RequestId, Status = ProvisioningResponse.Rejected, Reason = reason, At = now });
    }

    private static Outgoing Publish(string topic, ProvisioningResponse response) =>
        new(topic, JsonSerializer.SerializeToUtf8Bytes(response, EdgeJsonContext.Default.ProvisioningResponse), Retain: false);

    private void WriteCrl(DateTimeOffset now)
    {
        if (CrlPath is null || !_pki.CanIssue)
        {
            return;
        }

        IReadOnlyList<(string Serial, DateTimeOffset RevokedAt)> revoked = _store.Revoked();
        // The CRL number only grows: Unix milliseconds (a revocation and a refresh in one second stay ordered).
        CollectorPki.WriteAtomically(CrlPath, _pki.BuildCrl(revoked, now.ToUnixTimeMilliseconds(), now, TimeSpan.FromDays(Math.Max(1, _options.CrlValidityDays))),
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
    }

    private (string? Host, int? Port) OperationalBroker()
    {
        if (string.IsNullOrWhiteSpace(_options.OperationalBroker))
        {
            return (null, null);
        }

        string text = _options.OperationalBroker.Trim();
        int colon = text.LastIndexOf(':');
        return colon > 0 && int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int port)
            ? (text[..colon], port)
            : (text, 8883);
    }

    internal static string SuggestSensorId(string serial) => serial.StartsWith("edge-", StringComparison.Ordinal) ? serial : "edge-" + serial;

    private static string? Describe(ProvisioningRequest r)
    {
        if (!EdgeIds.IsValid(r.Serial) || r.Serial != r.Serial.ToLowerInvariant() || ProvisioningTopics.IsClaim(r.Serial))
        {
            return "serial must be a lower-case id (letters, digits, '-', '_', '.')";
        }

        if (string.IsNullOrEmpty(r.Csr) || r.Csr.Length > 8192)
        {
            return "csr missing or longer than 8192 characters";
        }

        if (string.IsNullOrEmpty(r.RequestId) || r.RequestId.Length > ProvisioningRequest.MaxText)
        {
            return "requestId missing or too long";
        }

        if (r.HardwareProfile?.Length > ProvisioningRequest.MaxText || r.SensorVersion?.Length > ProvisioningRequest.MaxText)
        {
            return "hardwareProfile or sensorVersion too long";
        }

        if (r.Interfaces is { } ifs && (ifs.Count > ProvisioningRequest.MaxInterfaces || ifs.Any(i => i is null || string.IsNullOrEmpty(i.Name) || i.Name.Length > 64 || i.Mac?.Length > 64)))
        {
            return $"interfaces: at most {ProvisioningRequest.MaxInterfaces}, each a name and a MAC of at most 64 characters";
        }

        return null;
    }

    /// <summary>Key types and sizes a sensor certificate may have: ECDSA P-256/P-384/P-521, RSA of 2048 bits or more.</summary>
    internal static string? WeakKey(PublicKey key)
    {
        using ECDsa? ec = key.GetECDsaPublicKey();
        if (ec is not null)
        {
            string? curve = ec.ExportParameters(false).Curve.Oid.FriendlyName;
            return curve is "nistP256" or "ECDSA_P256" or "nistP384" or "ECDSA_P384" or "nistP521" or "ECDSA_P521" ? null : $"weak key: EC curve {curve ?? "?"} (P-256, P-384 or P-521 required)";
        }

        using RSA? rsa = key.GetRSAPublicKey();
        if (rsa is not null)
        {
            return rsa.KeySize >= 2048 ? null : $"weak key: RSA {rsa.KeySize} bits (2048 or more required)";
        }

        return $"weak key: {key.Oid.FriendlyName ?? key.Oid.Value} keys are not accepted (ECDSA or RSA)";
    }

    private static string? Interfaces(ProvisioningRequest r) =>
        r.Interfaces is { Count: > 0 } ifs ? string.Join(", ", ifs.Select(i => i.Mac is null ? i.Name : $"{i.Name} {i.Mac}")) : null;

    private static JsonElement? LoadZones(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path));
            return doc.RootElement.Clone();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new CollectorConfigException($"--zones {path}: {e.Message.Split('\n')[0]}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "provisioning: request from serial {Serial} with {Claim} (from {Source})")]
    private partial void LogRequest(string serial, string claim, string source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "provisioning: refused {Identity} serial {Serial} from {Source}: {Reason}")]
    private partial void LogRefused(string identity, string serial, string source, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "provisioning: serial {Serial} approved as {Site}/{Sensor} by {By}")]
    private partial void LogApproved(string serial, string site, string sensor, string by);

    [LoggerMessage(Level = LogLevel.Information, Message = "provisioning: serial {Serial} rejected by {By}: {Reason}")]
    private partial void LogRejected(string serial, string by, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "provisioning: sensor {Sensor} renewed its certificate ({CertSerial}, valid to {NotAfter:u})")]
    private partial void LogRenewed(string sensor, string certSerial, DateTimeOffset notAfter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "provisioning: sensor {Sensor}: {Count} certificates revoked by {By}")]
    private partial void LogRevoked(string sensor, int count, string by);

    [LoggerMessage(Level = LogLevel.Error, Message = "provisioning: the CRL {Path} could not be written: {Reason}")]
    private partial void LogCrlNotWritten(string path, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "configuration version {Version} of sensor {Sensor} by {By}")]
    private partial void LogConfig(string sensor, long version, string by);
}
