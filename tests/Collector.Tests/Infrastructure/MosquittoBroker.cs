using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Collector.Tests.Infrastructure;

/// <summary>
/// A real Mosquitto (Debian's /usr/sbin/mosquitto) on a loopback port, configured as the README tells operators to:
/// TLS only, client certificates from the test CA required, the certificate's CN as the user name, and an ACL that lets
/// a sensor publish only under its own id and collectors read everything. Persistence is on, so a graceful stop keeps
/// sessions and queued messages. Stop and start it again to simulate an outage.
/// </summary>
internal sealed class MosquittoBroker : IAsyncDisposable
{
    public const string Executable = "/usr/sbin/mosquitto";

    private readonly string _dir;
    private Process? _process;

    public MosquittoBroker(TestPki pki, params string[] collectorIds)
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} is missing: install Debian's mosquitto (scripts/bootstrap.sh does).");
        }

        _dir = Directory.CreateTempSubdirectory("edge-mosquitto-").FullName;
        Port = TestCollector.FreePort();
        string acl = Path.Combine(_dir, "acl");
        File.WriteAllText(acl, string.Concat(collectorIds.Select(id => $"user {id}\ntopic read edge/v1/#\ntopic write edge-cmd/v1/#\n\n"))
            + "# every other identity is a sensor: it may publish only under its own id (the will included), and read its commands\n"
            + "pattern write edge/v1/+/%u/#\n"
            + "pattern read edge-cmd/v1/+/%u\n");
        File.WriteAllText(ConfigPath, string.Create(CultureInfo.InvariantCulture, $"""
            per_listener_settings false
            user root
            allow_anonymous false
            persistence true
            persistence_location {_dir}/
            max_queued_messages 0
            log_dest file {LogPath}
            log_type error
            log_type warning
            log_type notice
            log_type information
            connection_messages true
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

    public int Port { get; }

    public string Url => string.Create(CultureInfo.InvariantCulture, $"mqtts://localhost:{Port}");

    public string ConfigPath => Path.Combine(_dir, "mosquitto.conf");

    public string LogPath => Path.Combine(_dir, "mosquitto.log");

    public string Log => File.Exists(LogPath) ? File.ReadAllText(LogPath) : string.Empty;

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
                throw new InvalidOperationException($"mosquitto exited with {_process.ExitCode}: {await _process.StandardError.ReadToEndAsync()} {Log}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>SIGTERM, as systemd stops it: Mosquitto writes its persistence file and exits.</summary>
    public async Task StopAsync()
    {
        if (_process is null || _process.HasExited)
        {
            return;
        }

        using (Process kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _process.WaitForExitAsync(timeout.Token);
        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (OperationCanceledException)
        {
            _process?.Kill();
        }

        Directory.Delete(_dir, recursive: true);
    }
}
