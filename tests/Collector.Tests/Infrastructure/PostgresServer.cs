using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Collector.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL 15 cluster for the tests (Debian's binaries in <see cref="BinDirectory"/>): initdb into a
/// temp dir with trust auth, listening on 127.0.0.1 on a free port, its socket in the temp dir; stopped
/// (<c>pg_ctl stop -m fast</c>) and deleted on dispose. PostgreSQL refuses to run as root, so as root the server runs
/// as the <c>postgres</c> system user (<c>runuser</c>) in a dir it owns.
/// <para>When it cannot run here (no binaries, neither root nor postgres), <see cref="SkipReason"/> says why and
/// <see cref="CreateDatabase"/> skips the calling test with that message. When it should run but fails to start,
/// <see cref="CreateDatabase"/> fails the test with the server's own output.</para>
/// </summary>
public sealed class PostgresServer : IDisposable
{
    public const string BinDirectory = "/usr/lib/postgresql/15/bin";
    private const string SystemUser = "postgres";

    private readonly string? _directory;
    private readonly bool _asRoot;
    private readonly string? _startError;
    private int _databases;

    public PostgresServer()
    {
        SkipReason = Prerequisites(out _asRoot);
        if (SkipReason is not null)
        {
            return;
        }

        _directory = Directory.CreateDirectory(Path.Combine("/tmp", "edge-pg-" + Guid.NewGuid().ToString("N")[..12])).FullName;
        try
        {
            Port = TestCollector.FreePort();
            Start();
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or System.ComponentModel.Win32Exception or NpgsqlException)
        {
            _startError = $"the test PostgreSQL server did not start: {ex.Message}";
        }
    }

    /// <summary>Why PostgreSQL tests cannot run on this machine; <see langword="null"/> when they can.</summary>
    public string? SkipReason { get; }

    public int Port { get; }

    private string DataDirectory => Path.Combine(_directory!, "data");

    private string LogPath => Path.Combine(_directory!, "server.log");

    /// <summary>A new, empty database for one test (skips the test when the server cannot run here).</summary>
    public PostgresDatabase CreateDatabase()
    {
        Skip.If(SkipReason is not null, SkipReason);
        if (_startError is not null)
        {
            throw new InvalidOperationException(_startError);
        }

        string name = string.Create(CultureInfo.InvariantCulture, $"edge_test_{Interlocked.Increment(ref _databases)}");
        using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        connection.Open();
        using NpgsqlCommand command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE {name}";
        command.ExecuteNonQuery();
        return new PostgresDatabase(ConnectionString(name),
            string.Create(CultureInfo.InvariantCulture, $"postgres://{SystemUser}:unused-password@127.0.0.1:{Port}/{name}?sslmode=disable"));
    }

    /// <summary>Lines of the server's log that contain <paramref name="text"/> (e.g. "deadlock detected").</summary>
    public int CountLogLines(string text) =>
        _directory is null || !File.Exists(LogPath) ? 0
            : File.ReadLines(LogPath).Count(line => line.Contains(text, StringComparison.Ordinal));

    public void Dispose()
    {
        if (_directory is null)
        {
            return;
        }

        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            RunAsPostgres("pg_ctl", "-D", DataDirectory, "-m", "fast", "-w", "stop");
        }

        Directory.Delete(_directory, recursive: true);
    }

    private static string? Prerequisites(out bool asRoot)
    {
        asRoot = Environment.IsPrivilegedProcess;
        foreach (string tool in new[] { "initdb", "pg_ctl", "postgres" })
        {
            if (!File.Exists(Path.Combine(BinDirectory, tool)))
            {
                return $"PostgreSQL tests skipped: {Path.Combine(BinDirectory, tool)} is missing (apt-get install postgresql, as scripts/bootstrap.sh does).";
            }
        }

        if (asRoot)
        {
            bool hasUser = File.ReadLines("/etc/passwd").Any(line => line.StartsWith(SystemUser + ":", StringComparison.Ordinal));
            return hasUser ? null : $"PostgreSQL tests skipped: running as root but there is no '{SystemUser}' system user to run the server as.";
        }

        return Environment.UserName == SystemUser ? null
            : $"PostgreSQL tests skipped: the server refuses root and these tests start it as '{SystemUser}', which needs root or that user (running as '{Environment.UserName}').";
    }

    private static string Setting(string key, string value) => $"{key} = '{value}'";

    private void Start()
    {
        if (_asRoot)
        {
            Run("chown", SystemUser + ":", _directory!);
        }

        RunAsPostgres("initdb", "-D", DataDirectory, "-A", "trust", "-U", SystemUser, "-E", "UTF8", "--no-locale", "--no-sync");

        // Throwaway cluster: no fsync; a short deadlock_timeout keeps the concurrent-writer tests quick.
        File.AppendAllLines(Path.Combine(DataDirectory, "postgresql.conf"),
        [
            Setting("listen_addresses", "127.0.0.1"),
            string.Create(CultureInfo.InvariantCulture, $"port = {Port}"),
            Setting("unix_socket_directories", _directory!),
            "fsync = off",
            "full_page_writes = off",
            "synchronous_commit = off",
            Setting("deadlock_timeout", "100ms"),
            "max_connections = 50",
        ]);
        RunAsPostgres("pg_ctl", "-D", DataDirectory, "-l", LogPath, "-w", "-t", "30", "start");
    }

    private string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = SystemUser,
        Database = database,
        Pooling = false,
    }.ConnectionString;

    private void RunAsPostgres(string tool, params string[] args)
    {
        string path = Path.Combine(BinDirectory, tool);
        if (_asRoot)
        {
            Run("runuser", ["-u", SystemUser, "--", path, .. args]);
        }
        else
        {
            Run(path, args);
        }
    }

    private void Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _directory!,
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} did not finish in 60 s");
        }

        if (process.ExitCode != 0)
        {
            string log = File.Exists(LogPath) ? File.ReadAllText(LogPath) : string.Empty;
            throw new InvalidOperationException(
                $"{file} {string.Join(' ', args)} exited {process.ExitCode}: {stderr.Result}{stdout.Result}{log}");
        }
    }
}
