namespace EdgeSensor.Publishing.Mqtt;

/// <summary>How the sensor reaches its broker (MQTT 5).</summary>
public sealed class UplinkOptions
{
    public required string Host { get; init; }

    public int Port { get; init; } = 8883;

    public required string Site { get; init; }

    public required string Sensor { get; init; }

    /// <summary>TLS with these PEM files (a client certificate and key, and the CA that signed the broker); null: plain TCP (tests, loopback).</summary>
    public string? CaFile { get; init; }

    public string? CertificateFile { get; init; }

    public string? KeyFile { get; init; }

    /// <summary>A provisioned identity held in memory: read at every connect, so a renewed certificate is used from the next one.</summary>
    public Func<System.Security.Cryptography.X509Certificates.X509Certificate2>? ClientCertificate { get; init; }

    /// <summary>The CA the broker's certificate must chain to, in memory (with <see cref="ClientCertificate"/>).</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? Ca { get; init; }

    /// <summary>More topics to subscribe to at every connect (the sensor's configuration, a renewal's answer).</summary>
    public IReadOnlyList<string> Subscriptions { get; init; } = [];

    /// <summary>Messages on <see cref="Subscriptions"/>, on the uplink's thread.</summary>
    public Func<string, byte[], Task>? OnMessage { get; init; }

    /// <summary>The configuration version the sensor runs and the last one it refused, put in every online status.</summary>
    public Func<(long? Version, string? Refused)>? ConfigState { get; init; }

    /// <summary>The broker keeps the sensor's session (and its QoS 1 state) this long while it is away.</summary>
    public TimeSpan SessionExpiry { get; init; } = TimeSpan.FromDays(1);

    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Reconnect backoff: starts at <see cref="MinBackoff"/>, doubles up to <see cref="MaxBackoff"/>, with ±20 % jitter.</summary>
    public TimeSpan MinBackoff { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Where the birth/death sequence (bdSeq) is kept across restarts.</summary>
    public required string BdSeqFile { get; init; }

    public string? SensorVersion { get; init; }

    /// <summary>The sensor's phase (learning / protecting), progress and learning end, put in every online status.</summary>
    public Func<(string Phase, double? Progress, DateTimeOffset? EndsAt)>? Phase { get; init; }

    /// <summary>How the previous run ended, put in every online status (the birth).</summary>
    public Edge.Contracts.Lifecycle.PreviousExit? PreviousExit { get; init; }

    /// <summary>Ids for the uplink's own messages (birth, will, death), from the same source as the findings'.</summary>
    public required MessageIdSource MessageIds { get; init; }

    /// <summary>
    /// Commands from the collector (an incident acknowledged on the dashboard), on the uplink's thread; null: the
    /// uplink does not subscribe to its command topic.
    /// </summary>
    public Action<Edge.Contracts.Commands.SensorCommand>? OnCommand { get; init; }
}
