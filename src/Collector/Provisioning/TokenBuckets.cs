namespace Collector.Provisioning;

/// <summary>
/// Per-key token buckets (a burst, then one token every refill interval): how provisioning limits requests per claim
/// and per source address. Bounded: past <see cref="MaxKeys"/> keys the fullest buckets are forgotten first.
/// </summary>
internal sealed class TokenBuckets(int burst, TimeSpan refill)
{
    public const int MaxKeys = 10_000;

    private readonly Dictionary<string, (double Tokens, long At)> _buckets = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Takes a token for <paramref name="key"/>; false when its bucket is empty.</summary>
    public bool TryTake(string key, long nowMs)
    {
        lock (_lock)
        {
            double tokens = burst;
            if (_buckets.TryGetValue(key, out var b))
            {
                tokens = Math.Min(burst, b.Tokens + ((nowMs - b.At) / refill.TotalMilliseconds));
            }
            else if (_buckets.Count >= MaxKeys)
            {
                foreach (string full in _buckets.Where(kv => kv.Value.Tokens + ((nowMs - kv.Value.At) / refill.TotalMilliseconds) >= burst).Select(kv => kv.Key).ToList())
                {
                    _buckets.Remove(full);
                }
            }

            bool ok = tokens >= 1;
            _buckets[key] = (ok ? tokens - 1 : tokens, nowMs);
            return ok;
        }
    }
}
