using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Collector.Tests.Infrastructure;

/// <summary>
/// A real Mosquitto (Debian's /usr/sbin/mosquitto) on a loopback port, configured as the README tells operators to:
/// TLS only, client certificates from the CA required, the certificate's CN as the user name, and the README's ACL
/// (<see cref="Acl"/>): a sensor publishes only under its own id and reads only its own commands and configuration, a
/// claim or a sensor asks to be provisioned only on its own provisioning topics, collectors read the stream and the
/// requests. Persistence is on, so a graceful stop keeps sessions and queued messages. Stop and start it again to
/// simulate an outage; <see cref="ReloadAsync"/> is <c>systemctl reload mosquitto</c> (SIGHUP: the CRL is read again).
/// </summary>
internal sealed class MosquittoBroker : IAsyncDisposable
{
    public const string Executable = "/usr/sbin/mosquitto";

    private readonly string _dir;
    private Process? _process;

    /// <summary>With the test PKI's CA and server certificate, no CRL.</summary>
    public MosquittoBroker(TestPki pki, params string[] collectorIds)
        : this(pki.CaPath, pki.CertPath, pki.KeyPath, crlPath: null, collectorIds)
    {
    }

    /// <summary>
    /// With any CA and server certificate (the collector's own, from <c>edge-collector server-certificate</c>), and
    /// optionally a CRL (<c>crlfile</c>: the collector's <c>&lt;data&gt;/pki/crl.pem</c>, which must exist at start).
    /// </summary>
    public MosquittoBroker(string caPath, string certPath, string keyPath, string? crlPath, params string[] collectorIds)
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} is missing: install Debian's mosquitto (scripts/bootstrap.sh does).");
        }

        _dir = Directory.CreateTempSubdirectory("edge-mosquitto-").FullName;
        Port = TestCollector.FreePort();
        string acl = Path.Combine(_dir, "acl");
        File.WriteAllText(acl, Acl(collectorIds));
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
            cafile {caPath}
            certfile {certPath}
            keyfile {keyPath}
            require_certificate true
            use_identity_as_username true
            tls_version tlsv1.2

            """) + (crlPath is null ? string.Empty : $"crlfile {crlPath}\n"));
    }

    /// <summary>The README's ACL file for these collector identities.</summary>
    public static string Acl(params string[] collectorIds) =>
        string.Concat(collectorIds.Select(id => $"""
            user {id}
            topic read edge/v1/#
            topic write edge-cmd/v1/#
            topic read edge-prov/v1/+/+/request
            topic write edge-prov/v1/+/+/response


            """))
        + """
            # Every other identity is a sensor or a claim (CN claim.<batch>): it may publish only under its own id (the will
            # included), read only its own commands and configuration, and ask to be provisioned only on its own topics
            # (identity and client id: the serial for a claim, the sensor id for a sensor renewing its certificate).
            pattern write edge/v1/+/%u/#
            pattern read edge-cmd/v1/+/%u/#
            pattern write edge-prov/v1/%u/%c/request
            pattern read edge-prov/v1/%u/%c/response

            """;

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

    /// <summary>SIGHUP, as <c>systemctl reload mosquitto</c>: Mosquitto reads its configuration, certificates and CRL again.</summary>
    public async Task ReloadAsync()
    {
        int before = CountReloads();
        using (Process hup = Process.Start("kill", ["-HUP", _process!.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await hup.WaitForExitAsync();
        }

        DateTime deadline = DateTime.UtcNow.AddSeconds(10);
        while (CountReloads() <= before)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"mosquitto did not reload: {Log}");
            }

            await Task.Delay(25);
        }
    }

    private int CountReloads() => Log.Split('\n').Count(l => l.Contains("Reloading config.", StringComparison.Ordinal));

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
