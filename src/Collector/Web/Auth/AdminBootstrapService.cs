namespace Collector.Web.Auth;

/// <summary>
/// Runs <see cref="AdminBootstrap"/> once at start, after the ingest writer has created the schema; the one-time
/// password line goes to standard output (not the log, which may be shipped elsewhere).
/// </summary>
public sealed class AdminBootstrapService(IAccountStore accounts, IConfiguration configuration) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (AdminBootstrap.EnsureAdmin(accounts, configuration[AdminBootstrap.PasswordVariable]) is { } line)
        {
            Console.Out.WriteLine(line);
            Console.Out.Flush();
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
