using System.Collections.Concurrent;

namespace Collector.Web.Auth;

/// <summary>
/// Slows password guessing: after 5 failures for one user name, further tries for it are refused for a minute.
/// In memory (a restart forgets), per name (not per address: the dashboard often sits behind one proxy).
/// </summary>
public sealed class SignInThrottle(TimeProvider time)
{
    private const int MaxFailures = 5;
    private static readonly TimeSpan Lockout = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, (int Failures, DateTimeOffset Last)> _failures = new(StringComparer.OrdinalIgnoreCase);

    public bool MayTry(string name) =>
        !_failures.TryGetValue(name, out var f) || f.Failures < MaxFailures || time.GetUtcNow() - f.Last > Lockout;

    public void Failed(string name) =>
        _failures.AddOrUpdate(name, _ => (1, time.GetUtcNow()), (_, f) => (time.GetUtcNow() - f.Last > Lockout ? 1 : f.Failures + 1, time.GetUtcNow()));

    public void Succeeded(string name) => _failures.TryRemove(name, out _);
}
