namespace EdgeSensor.Hosting;

/// <summary>The MQTT broker the sensor reports to (the collector's embedded broker, or Mosquitto).</summary>
public sealed class UplinkConfig
{
    public string Host { get; set; } = string.Empty;

    public int Port { get; set; } = 8883;

    /// <summary>PEM files: the CA that signed the broker, and this sensor's certificate and key. Without them, plain TCP (loopback only).</summary>
    public string? CaFile { get; set; }

    public string? CertificateFile { get; set; }

    public string? KeyFile { get; set; }

    /// <summary>The client certificate and CA held in memory (a provisioned identity) instead of the PEM files.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Func<System.Security.Cryptography.X509Certificates.X509Certificate2>? ClientCertificate { get; set; }

    [System.Text.Json.Serialization.JsonIgnore]
    public System.Security.Cryptography.X509Certificates.X509Certificate2? Ca { get; set; }

    /// <summary>Where findings wait for the broker (fsync'd; survives restarts and outages).</summary>
    public string OutboxDirectory { get; set; } = "outbox";

    /// <summary>Upper bound of the outbox; when full, the lowest-severity, oldest findings are dropped first (and counted).</summary>
    public long OutboxMaxBytes { get; set; } = 256L * 1024 * 1024;
}
