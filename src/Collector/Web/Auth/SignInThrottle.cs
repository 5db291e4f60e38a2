using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Collector.Web.Auth;

/// <summary>
/// Slows password guessing and keeps sign-in from being a way to exhaust the collector:
/// <list type="bullet">
/// <item>a name must look like an account name (<see cref="IsPlausibleName"/>) before anything else is done with it;</item>
/// <item>an attempt is counted when it starts (<see cref="TryBegin"/>), so parallel guesses cannot all slip past the
/// check: after 5 failed attempts a name is refused for a minute;</item>
/// <item>at most <see cref="MaxConcurrentHashes"/> slow password hashes run at once; more attempts are turned away;</item>
/// <item>the table is bounded: expired entries are swept, and past <see cref="MaxNames"/> names new ones are refused
/// until it shrinks.</item>
/// </list>
/// Counted per name and client address (<see cref="Key"/>): someone guessing at <c>admin</c> from one address locks
/// that address out, not the administrator at their own desk. In memory (a restart forgets). Behind a proxy, enable
/// forwarded headers so the address is the client's.
/// </summary>
public sealed partial class SignInThrottle(TimeProvider time) : IDisposable
{
    public const int MaxFailures = 5;
    public const int MaxConcurrentHashes = 4;
    public const int MaxNames = 10_000;
    private static readonly TimeSpan Lockout = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, (int Attempts, DateTimeOffset Last)> _attempts = new(StringComparer.OrdinalIgnoreCase);
    private readonly SemaphoreSlim _hashing = new(MaxConcurrentHashes, MaxConcurrentHashes);

    /// <summary>Why an attempt was not made.</summary>
    public enum Refusal
    {
        None,
        LockedOut,
        Busy,
    }

    public static bool IsPlausibleName(string name) => NamePattern().IsMatch(name);

    /// <summary>What attempts are counted by: the account name and the address the attempt came from.</summary>
    public static string Key(string name, System.Net.IPAddress? from) => $"{name}|{from}";

    /// <summary>
    /// Reserves an attempt for <paramref name="name"/> (counted as failed until <see cref="Succeeded"/>) and a hashing
    /// slot; on <see cref="Refusal.None"/> the caller must call <see cref="End"/> when the hash is done.
    /// </summary>
    public Refusal TryBegin(string name)
    {
        DateTimeOffset now = time.GetUtcNow();
        if (_attempts.Count >= MaxNames)
        {
            Sweep(now);
            if (_attempts.Count >= MaxNames && !_attempts.ContainsKey(name))
            {
                return Refusal.Busy;
            }
        }

        bool allowed = false;
        _attempts.AddOrUpdate(name,
            _ =>
            {
                allowed = true;
                return (1, now);
            },
            (_, a) =>
            {
                if (now - a.Last > Lockout)
                {
                    allowed = true;
                    return (1, now);
                }

                allowed = a.Attempts < MaxFailures;
                return allowed ? (a.Attempts + 1, now) : a;
            });
        if (!allowed)
        {
            return Refusal.LockedOut;
        }

        return _hashing.Wait(TimeSpan.FromSeconds(2)) ? Refusal.None : Refusal.Busy;
    }

    /// <summary>Frees the hashing slot taken by <see cref="TryBegin"/>.</summary>
    public void End() => _hashing.Release();

    /// <summary>The right password: the name's count starts again.</summary>
    public void Succeeded(string name) => _attempts.TryRemove(name, out _);

    public void Dispose() => _hashing.Dispose();

    private void Sweep(DateTimeOffset now)
    {
        foreach ((string name, (int _, DateTimeOffset last)) in _attempts)
        {
            if (now - last > Lockout)
            {
                _attempts.TryRemove(name, out _);
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex NamePattern();
}
