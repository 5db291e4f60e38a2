namespace Collector.Hosting;

/// <summary>
/// The collector's settings, section <c>Collector</c> of the configuration; the command line maps
/// <c>--data --mqtt-port --mqtt-bind --ca --cert --key</c> onto them (<see cref="CommandLineSwitches"/>).
/// </summary>
public sealed class CollectorOptions
{
    public const string Section = "Collector";

    /// <summary>Directory of <c>collector.db</c> (created when missing).</summary>
    public string DataDirectory { get; set; } = "data";

    public int MqttPort { get; set; } = 8883;

    /// <summary>Address the MQTT TLS listener binds; sensors reach the collector over the plant network.</summary>
    public string MqttBind { get; set; } = "0.0.0.0";

    /// <summary>PEM of the CA whose certificates sensors present (their CN is their sensor id).</summary>
    public string? CaPath { get; set; }

    /// <summary>PEM of the collector's server certificate.</summary>
    public string? CertPath { get; set; }

    /// <summary>PEM (PKCS#8 or PKCS#1/SEC1) of the server certificate's private key.</summary>
    public string? KeyPath { get; set; }

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
    /// <c>--db</c>: absent or <c>sqlite</c> keeps the events in <see cref="DatabasePath"/>;
    /// <c>postgres://user:password@host:port/dbname</c> (or <c>postgresql://</c>, optionally <c>?sslmode=...</c>) in
    /// PostgreSQL, which several collectors may share (see <see cref="Storage.StoreUrl"/>).
    /// </summary>
    public string? Database { get; set; }

    public string DatabasePath => Path.Combine(DataDirectory, "collector.db");
}
