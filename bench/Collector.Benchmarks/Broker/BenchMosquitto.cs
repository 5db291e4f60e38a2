using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Collector.Benchmarks.Dashboard;

namespace Collector.Benchmarks.Broker;

/// <summary>
/// Debian's /usr/sbin/mosquitto on a loopback port, configured as the collector's README tells operators to (and as
/// tests/Collector.Tests/Infrastructure/MosquittoBroker does): TLS only, client certificates from the bench CA required,
/// the certificate's CN as the user name, an ACL letting a sensor write only under its own id and the collector read
/// everything, persistence on. Started by the benchmark's setup, stopped (SIGTERM) by its cleanup.
/// </summary>
public sealed class BenchMosquitto : IAsyncDisposable
{
    public const string Executable = "/usr/sbin/mosquitto";

    private readonly string _directory;
    private Process? _process;

    public BenchMosquitto(BenchPki pki, int port, string collectorId)
    {
        _directory = Directory.CreateTempSubdirectory("edge-bench-mosquitto-").FullName;
        Port = port;
        string acl = Path.Combine(_directory, "acl");
        File.WriteAllText(acl, $"user {collectorId}\ntopic read edge/v1/#\n\npattern write edge/v1/+/%u/#\n");
        File.WriteAllText(ConfigPath, string.Create(CultureInfo.InvariantCulture, $"""
            per_listener_settings false
            user root
            allow_anonymous false
            persistence true
            persistence_location {_directory}/
            max_queued_messages 0
            log_dest file {LogPath}
            log_type error
            log_type warning
            acl_file {acl}
            listener {Port} 127.0.0.1
            cafile {pki.CaPath}
            certfile {pki.CertPath}
            keyfile {pki.KeyPath}
            require_certificate true
            use_identity_as_username true
            tls_version tlsv1.2

            """));
    }

    public static bool IsInstalled => File.Exists(Executable);

    public int Port { get; }

    public string Url => string.Create(CultureInfo.InvariantCulture, $"mqtts://localhost:{Port}");

    private string ConfigPath => Path.Combine(_directory, "mosquitto.conf");

    private string LogPath => Path.Combine(_directory, "mosquitto.log");

    private string Log => File.Exists(LogPath) ? File.ReadAllText(LogPath) : string.Empty;

    /// <summary>Starts the process and returns once its port accepts TCP connections.</summary>
    public async Task StartAsync()
    {
        _process = Process.Start(new ProcessStartInfo(Executable, ["-c", ConfigPath])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        DateTime deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"mosquitto exited with {_process.ExitCode}: {await _process.StandardError.ReadToEndAsync().ConfigureAwait(false)} {Log}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", Port).ConfigureAwait(false);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50).ConfigureAwait(false);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                using (Process kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
                {
                    await kill.WaitForExitAsync().ConfigureAwait(false);
                }

                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try
                {
                    await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill();
                }
            }

            _process.Dispose();
        }

        Directory.Delete(_directory, recursive: true);
    }
}
