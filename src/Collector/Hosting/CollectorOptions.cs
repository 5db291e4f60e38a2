namespace Collector.Hosting;

/// <summary>
/// The collector's settings, section <c>Collector</c> of the configuration; the command line maps
/// <c>--data --mqtt-port --mqtt-bind --ca --cert --key --broker --collector-id --share-group</c> onto them (<see cref="CommandLineSwitches"/>).
/// </summary>
public sealed class CollectorOptions
{
    public const string Section = "Collector";

    /// <summary>Directory of <c>collector.db</c> (created when missing).</summary>
    public string DataDirectory { get; set; } = "data";

    public int MqttPort { get; set; } = 8883;

    /// <summary>Address the MQTT TLS listener binds; sensors reach the collector over the plant network.</summary>
    public string MqttBind { get; set; } = "0.0.0.0";

    /// <summary>PEM of the CA whose certificates sensors present (their CN is their sensor id); with --cert and --key, or none of the three (the collector makes its own).</summary>
    public string? CaPath { get; set; }

    /// <summary>PEM of the collector's server certificate.</summary>
    public string? CertPath { get; set; }

    /// <summary>PEM (PKCS#8 or PKCS#1/SEC1) of the server certificate's private key.</summary>
    public string? KeyPath { get; set; }

    /// <summary>
    /// PEM of the CA's private key: with <c>--ca</c>, what lets the collector sign sensor certificates; with the
    /// collector's own PKI, where its CA key is kept (made there on first start) instead of <c>--data/pki/ca.key</c>.
    /// </summary>
    public string? CaKeyPath { get; set; }

    /// <summary>Registered sensors as <c>site/sensor</c>; empty accepts any sensor with a certificate from the CA.</summary>
    public List<string> Sensors { get; set; } = [];

    /// <summary>Most messages in one transaction.</summary>
    public int MaxBatch { get; set; } = 200;

    /// <summary>
    /// How long a batch may wait for more messages before it commits. 0 (the default): commit as soon as the
    /// previous commit ends, with whatever queued meanwhile; see the README for why a linger costs every sensor.
    /// </summary>
    public int BatchLingerMs { get; set; }

    /// <summary>SQLite <c>synchronous=FULL</c> (survive power loss) instead of NORMAL (survive a process crash).</summary>
    public bool SynchronousFull { get; set; }

    /// <summary>
    /// <c>mqtts://host:port</c> of an external broker (Mosquitto) to ingest from instead of running the embedded one;
    /// null (the default): the embedded broker. The collector then presents <see cref="CertPath"/> as its client
    /// certificate and trusts the broker's server certificate when it chains to <see cref="CaPath"/>.
    /// </summary>
    public string? Broker { get; set; }

    /// <summary>MQTT client id on an external broker; stable across restarts so the broker keeps its session.</summary>
    public string CollectorId { get; set; } = "edge-collector-" + Environment.MachineName.ToLowerInvariant();

    /// <summary>Shared-subscription group (<c>$share/&lt;group&gt;/...</c>): collectors in one group split the stream.</summary>
    public string ShareGroup { get; set; } = "edge-collectors";

    /// <summary>How long an external broker keeps this collector's session (and queues its messages) while it is away.</summary>
    public int SessionExpirySeconds { get; set; } = 7 * 24 * 3600;

    /// <summary>
    /// <c>--db</c>: absent or <c>sqlite</c> keeps the events in <see cref="DatabasePath"/>;
    /// <c>postgres://user:password@host:port/dbname</c> (or <c>postgresql://</c>, optionally <c>?sslmode=...</c>) in
    /// PostgreSQL, which several collectors may share (see <see cref="Storage.StoreUrl"/>).
    /// </summary>
    public string? Database { get; set; }

    public string DatabasePath => Path.Combine(DataDirectory, "collector.db");
}
