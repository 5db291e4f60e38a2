using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Collector.Benchmarks.Dashboard;
using Collector.Broker;
using Collector.Hosting;
using Collector.Ingest;
using Collector.Storage;
using Collector.Web.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Collector.Benchmarks.Broker;

/// <summary>
/// End-to-end ingest over MQTT 5 with mutual TLS on loopback: one operation is one message; each invocation publishes
/// <see cref="BatchSize"/> incident messages (new ids, QoS 1) from <see cref="Sensors"/> clients at once, each client
/// with up to <see cref="Window"/> publishes in flight, and returns when all are acknowledged and stored. Per
/// <see cref="Path"/>: the collector's embedded broker (PUBACK after the commit), or a real Mosquitto in front of the
/// collector started with <c>--broker</c> (Mosquitto sends the PUBACK, so the invocation also waits for the collector's
/// <see cref="IngestCounters.Stored"/>). The baseline, in the same process against the same collector, submits the same
/// messages, already validated, straight to its <see cref="IngestWriter"/> with the same concurrency (the group-commit
/// writer and <c>DbEventStore.Write</c> with the dashboard projection), so the Ratio is what MQTT, TLS, the broker and
/// validation add.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class BrokerIngestBenchmarks
{
    public const int BatchSize = 5_000;
    public const int Window = 64;
    private const string Site = "plant-a";
    private const string CollectorId = "bench-collector";
    private static readonly TimeSpan StoreTimeout = TimeSpan.FromSeconds(60);

    private readonly List<IMqttClient> _clients = [];
    private readonly List<string> _sensors = [];
    private readonly List<X509Certificate2> _certificates = [];
    private BenchPki _pki = null!;
    private string _data = null!;
    private BenchMosquitto? _mosquitto;
    private WebApplication _app = null!;
    private IngestCounters _counters = null!;
    private IngestWriter _writer = null!;
    private MessageValidator _validator = null!;
    private IncidentStream _stream = null!;
    private List<MqttApplicationMessage>[] _publishes = [];
    private List<StoredMessage>[] _validated = [];
    private long _storedTarget;

    [ParamsSource(nameof(Paths))]
    public BrokerPath Path { get; set; }

    [Params(1, 4)]
    public int Sensors { get; set; }

    public static IEnumerable<BrokerPath> Paths()
    {
        yield return BrokerPath.Embedded;
        if (BenchMosquitto.IsInstalled)
        {
            yield return BrokerPath.Mosquitto;
        }
        else
        {
            Console.WriteLine($"// {BenchMosquitto.Executable} is missing: the Mosquitto path is skipped (apt-get install mosquitto).");
        }
    }

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    [IterationSetup(Target = nameof(MqttPublish))]
    public void NextPublishes()
    {
        for (int s = 0; s < Sensors; s++)
        {
            _publishes[s].Clear();
            string topic = _stream.Topic(_sensors[s]);
            for (int i = 0; i < BatchSize / Sensors; i++)
            {
                _publishes[s].Add(new MqttApplicationMessageBuilder()
                    .WithTopic(topic)
                    .WithPayload(_stream.Next(_sensors[s]))
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                    .Build());
            }
        }

        _storedTarget = _counters.Stored + BatchSize;
    }

    [IterationSetup(Target = nameof(WriterSubmit))]
    public void NextValidated()
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        for (int s = 0; s < Sensors; s++)
        {
            _validated[s].Clear();
            string topic = _stream.Topic(_sensors[s]);
            for (int i = 0; i < BatchSize / Sensors; i++)
            {
                Verdict verdict = _validator.ValidateRelayed(topic, _stream.Next(_sensors[s]), now);
                _validated[s].Add(verdict.Message ?? throw new InvalidOperationException($"rejected: {verdict.DeadLetter?.Detail}"));
            }
        }

        _storedTarget = _counters.Stored + BatchSize;
    }

    /// <summary>Reference: the same messages, already validated, through the collector's ingest writer.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = BatchSize, Description = "IngestWriter.SubmitAsync (reference)")]
    public async Task<long> WriterSubmit()
    {
        var sensors = new Task[Sensors];
        for (int s = 0; s < Sensors; s++)
        {
            sensors[s] = SubmitAllAsync(_writer, _validated[s]);
        }

        await Task.WhenAll(sensors).ConfigureAwait(false);
        return await WaitStoredAsync().ConfigureAwait(false);
    }

    /// <summary>Sensors publishing over MQTT 5 + mutual TLS, through the broker of <see cref="Path"/>.</summary>
    [Benchmark(OperationsPerInvoke = BatchSize, Description = "MQTT 5 + mTLS publish")]
    public async Task<long> MqttPublish()
    {
        var sensors = new Task[Sensors];
        for (int s = 0; s < Sensors; s++)
        {
            sensors[s] = PublishAllAsync(_clients[s], _publishes[s], Path);
        }

        await Task.WhenAll(sensors).ConfigureAwait(false);
        return await WaitStoredAsync().ConfigureAwait(false);
    }

    private static async Task PublishAllAsync(IMqttClient client, List<MqttApplicationMessage> messages, BrokerPath path)
    {
        using var window = new SemaphoreSlim(Window);
        var inFlight = new Task[messages.Count];
        for (int i = 0; i < messages.Count; i++)
        {
            await window.WaitAsync().ConfigureAwait(false);
            inFlight[i] = PublishOneAsync(client, messages[i], window, path);
        }

        await Task.WhenAll(inFlight).ConfigureAwait(false);
    }

    private static async Task PublishOneAsync(IMqttClient client, MqttApplicationMessage message, SemaphoreSlim window, BrokerPath path)
    {
        try
        {
            MqttClientPublishResult result = await client.PublishAsync(message).ConfigureAwait(false);

            // Embedded: any success code (0x10 "no matching subscribers" included: it routes nothing onwards). Mosquitto:
            // 0x10 means no collector was subscribed and the message was dropped, so only 0x00 counts.
            bool acknowledged = path == BrokerPath.Embedded ? (int)result.ReasonCode < 0x80 : result.ReasonCode == MqttClientPublishReasonCode.Success;
            if (!acknowledged)
            {
                throw new InvalidOperationException($"publish answered {result.ReasonCode} {result.ReasonString}");
            }
        }
        finally
        {
            window.Release();
        }
    }

    private static async Task SubmitAllAsync(IngestWriter writer, List<StoredMessage> messages)
    {
        using var window = new SemaphoreSlim(Window);
        var inFlight = new Task[messages.Count];
        for (int i = 0; i < messages.Count; i++)
        {
            await window.WaitAsync().ConfigureAwait(false);
            inFlight[i] = SubmitOneAsync(writer, messages[i], window);
        }

        await Task.WhenAll(inFlight).ConfigureAwait(false);
    }

    private static async Task SubmitOneAsync(IngestWriter writer, StoredMessage message, SemaphoreSlim window)
    {
        try
        {
            WriteOutcome outcome = await writer.SubmitAsync(message, CancellationToken.None).ConfigureAwait(false);
            if (outcome != WriteOutcome.Stored)
            {
                throw new InvalidOperationException($"message {message.MessageId} was {outcome}");
            }
        }
        finally
        {
            window.Release();
        }
    }

    /// <summary>Until the collector has stored the invocation's messages (at once on the embedded path: PUBACK follows the commit).</summary>
    private async Task<long> WaitStoredAsync()
    {
        long stored = _counters.Stored;
        if (stored >= _storedTarget)
        {
            return stored;
        }

        DateTime deadline = DateTime.UtcNow + StoreTimeout;
        while ((stored = _counters.Stored) < _storedTarget)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the collector stored {stored} messages, waiting for {_storedTarget}");
            }

            await Task.Delay(1).ConfigureAwait(false);
        }

        return stored;
    }

    private async Task SetupAsync()
    {
        _pki = new BenchPki();
        _data = Directory.CreateTempSubdirectory("edge-bench-broker-").FullName;
        _stream = new IncidentStream(Site);
        int port = FreePort();
        string[] common =
        [
            "--data", _data, "--ca", _pki.CaPath, "--urls", "http://127.0.0.1:0",
            $"--{AdminBootstrap.PasswordVariable}={DashboardSite.AdminPassword}",
            "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.AspNetCore=Error",
        ];
        string[] args;
        if (Path == BrokerPath.Mosquitto)
        {
            _mosquitto = new BenchMosquitto(_pki, port, CollectorId);
            await _mosquitto.StartAsync().ConfigureAwait(false);
            (string cert, string key) = _pki.WriteClient(CollectorId);
            args = [.. common, "--broker", _mosquitto.Url, "--collector-id", CollectorId, "--cert", cert, "--key", key];
        }
        else
        {
            args = [.. common, "--mqtt-port", port.ToString(CultureInfo.InvariantCulture), "--mqtt-bind", "127.0.0.1",
                "--cert", _pki.CertPath, "--key", _pki.KeyPath];
        }

        _app = CollectorApp.Build(args);
        await _app.StartAsync().ConfigureAwait(false);
        _counters = _app.Services.GetRequiredService<IngestCounters>();
        _writer = _app.Services.GetRequiredService<IngestWriter>();
        _validator = _app.Services.GetRequiredService<MessageValidator>();
        if (Path == BrokerPath.Mosquitto)
        {
            await WaitSubscribedAsync().ConfigureAwait(false);
        }

        _publishes = new List<MqttApplicationMessage>[Sensors];
        _validated = new List<StoredMessage>[Sensors];
        for (int s = 0; s < Sensors; s++)
        {
            string sensor = string.Create(CultureInfo.InvariantCulture, $"bench-sensor-{s}");
            _sensors.Add(sensor);
            _publishes[s] = new List<MqttApplicationMessage>(BatchSize);
            _validated[s] = new List<StoredMessage>(BatchSize);
            _clients.Add(await ConnectAsync(port, sensor).ConfigureAwait(false));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// {Path}, {Sensors} sensor(s): {BatchSize} incident messages per invocation ({_stream.Next("bench-probe").Length} B each), QoS 1, {Window} in flight per sensor"));
    }

    private async Task CleanupAsync()
    {
        // How the collector grouped its commits over the whole run (both methods of a case run in their own process).
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// {Path}, {Sensors} sensor(s): stored {_counters.Stored} in {_counters.Batches} transactions ({(double)_counters.Stored / Math.Max(1, _counters.Batches):F1} messages per transaction), {_counters.Duplicates} duplicates"));
        foreach (IMqttClient client in _clients)
        {
            if (client.IsConnected)
            {
                await client.DisconnectAsync().ConfigureAwait(false);
            }

            client.Dispose();
        }

        foreach (X509Certificate2 certificate in _certificates)
        {
            certificate.Dispose();
        }

        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        if (_mosquitto is not null)
        {
            await _mosquitto.DisposeAsync().ConfigureAwait(false);
        }

        _pki.Dispose();
        Directory.Delete(_data, recursive: true);
    }

    private async Task<IMqttClient> ConnectAsync(int port, string sensor)
    {
        X509Certificate2 certificate = _pki.IssueClient(sensor);
        _certificates.Add(certificate);
        X509Certificate2 ca = _pki.Ca;
        IMqttClient client = new MqttClientFactory().CreateMqttClient();
        MqttClientOptions options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(sensor)
            .WithCleanStart(true)
            .WithTimeout(TimeSpan.FromSeconds(30))
            .WithTlsOptions(tls => tls
                .UseTls()
                .WithTargetHost("localhost")
                .WithClientCertificates([certificate])
                .WithCertificateValidationHandler(e => ChainsTo(ca, e.Certificate)))
            .Build();
        MqttClientConnectResult connected = await client.ConnectAsync(options).ConfigureAwait(false);
        if (connected.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new InvalidOperationException($"{sensor}: CONNACK {connected.ResultCode} {connected.ReasonString}");
        }

        return client;
    }

    private async Task WaitSubscribedAsync()
    {
        BrokerSubscriber subscriber = _app.Services.GetServices<IHostedService>().OfType<BrokerSubscriber>().Single();
        DateTime deadline = DateTime.UtcNow.AddSeconds(20);
        while (!subscriber.IsSubscribed)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the collector did not subscribe to Mosquitto");
            }

            await Task.Delay(25).ConfigureAwait(false);
        }
    }

    private static bool ChainsTo(X509Certificate2 ca, X509Certificate? certificate)
    {
        if (certificate is null)
        {
            return false;
        }

        using X509Certificate2 leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(leaf);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new MessagesPerSecondColumn());
    }
}
