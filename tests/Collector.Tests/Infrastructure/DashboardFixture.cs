using Collector.Web.Auth;

namespace Collector.Tests.Infrastructure;

/// <summary>
/// A real collector whose first admin account has a known password, fed once per test class (by
/// <see cref="FeedAsync"/>, e.g. the real sensor replaying a capture) so its tests share the data and one start.
/// </summary>
public abstract class DashboardFixture : IAsyncLifetime
{
    public const string AdminPassword = "browser-test-admin-1";

    private readonly string _directory = Directory.CreateTempSubdirectory("edge-browser-").FullName;

    internal TestPki Pki { get; } = new();

    internal TestCollector Collector { get; private set; } = null!;

    /// <summary>A temp folder for what the feeding and the tests write (sensor configs, outboxes, captures); deleted at the end.</summary>
    internal string WorkDirectory => _directory;

    public async Task InitializeAsync()
    {
        Collector = await TestCollector.StartAsync(Pki, Path.Combine(_directory, "collector"), TestCollector.FreePort(),
            $"--{AdminBootstrap.PasswordVariable}={AdminPassword}");
        await FeedAsync();
    }

    public async Task DisposeAsync()
    {
        await Collector.DisposeAsync();
        Pki.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    protected abstract Task FeedAsync();
}
