using Collector.Storage;
using Collector.Web.Auth;
using Collector.Web.Data;

namespace Collector.Tests.Web;

/// <summary>The first admin, on the collector's real SQLite schema.</summary>
public sealed class AdminBootstrapTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edge-accounts-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_generated_one_time_password_is_printed_once_and_works()
    {
        using SqliteStore store = Store();
        var accounts = new SqlAccountStore(store.Dialect, TimeProvider.System);

        string line = AdminBootstrap.EnsureAdmin(accounts, null)!;
        string password = line.Split("one-time password ")[1].Split(' ')[0];
        Assert.Equal(20, password.Length);
        Assert.True(PasswordHasher.Verify(password, accounts.FindUser("admin")!.PasswordHash));
        Assert.Equal(DashboardRoles.Admin, accounts.FindUser("admin")!.Role);
        Assert.Null(AdminBootstrap.EnsureAdmin(accounts, null));
    }

    [Fact]
    public void A_password_from_the_environment_is_used_and_not_printed_and_must_be_long_enough()
    {
        using SqliteStore store = Store();
        var accounts = new SqlAccountStore(store.Dialect, TimeProvider.System);

        Assert.Throws<Collector.Hosting.CollectorConfigException>(() => AdminBootstrap.EnsureAdmin(accounts, "short"));
        string line = AdminBootstrap.EnsureAdmin(accounts, "a long enough password")!;
        Assert.DoesNotContain("a long enough password", line, StringComparison.Ordinal);
        Assert.True(PasswordHasher.Verify("a long enough password", accounts.FindUser("admin")!.PasswordHash));
    }

    private SqliteStore Store()
    {
        var store = new SqliteStore(Path.Combine(_directory, "collector.db")) { Projection = DashboardProjection.Definition };
        store.Initialize();
        return store;
    }
}
