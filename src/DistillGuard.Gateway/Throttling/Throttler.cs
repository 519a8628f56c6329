using System.Collections.Concurrent;
using DistillGuard.Gateway.Policy;

namespace DistillGuard.Gateway.Throttling;

/// <summary>
/// Token buckets per account or per campaign (an account without a campaign is throttled as itself). A request must get
/// a token from every bucket its rule names; if one refuses, the tokens already taken are given back.
/// </summary>
public sealed class Throttler(TimeProvider time, int maxBuckets = 200_000)
{
    private sealed class Bucket(double rate, int burst, long now)
    {
        private double _tokens = burst;
        private long _last = now;
        public long LastUsed = now;
        public double SecondsToFull => burst / rate;

        /// <summary>Takes a token, or says how long until one is there.</summary>
        public TimeSpan? TryTake(long now, TimeProvider time)
        {
            lock (this)
            {
                LastUsed = now;
                _tokens = Math.Min(burst, _tokens + time.GetElapsedTime(_last, now).TotalSeconds * rate);
                _last = now;
                if (_tokens >= 1) { _tokens -= 1; return null; }
                return TimeSpan.FromSeconds((1 - _tokens) / rate);
            }
        }

        public void Refund() { lock (this) _tokens = Math.Min(burst, _tokens + 1); }
    }

    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    public int BucketCount => _buckets.Count;

    /// <summary>Null when the request may go; else how long the caller should wait (Retry-After).</summary>
    public TimeSpan? TryAcquire(string rule, IReadOnlyList<ThrottleSpec> specs, string account, string? campaign)
    {
        if (specs.Count == 0) return null;
        long now = time.GetTimestamp();
        var taken = new List<Bucket>(specs.Count);
        foreach (var spec in specs)
        {
            string who = spec.Per == ThrottleScope.Campaign && !string.IsNullOrEmpty(campaign) ? "c:" + campaign : "a:" + account;
            string key = $"{rule}|{spec.RatePerSecond:R}|{spec.Burst}|{who}";
            var bucket = _buckets.GetOrAdd(key, _ => new Bucket(spec.RatePerSecond, spec.Burst, now));
            if (bucket.TryTake(now, time) is { } wait)
            {
                foreach (var b in taken) b.Refund();
                return wait;
            }
            taken.Add(bucket);
        }
        if (_buckets.Count > maxBuckets) Trim(now);
        return null;
    }

    /// <summary>Forgets the buckets idle the longest (an idle bucket is full, so forgetting it changes nothing).</summary>
    private void Trim(long now)
    {
        foreach (var (key, b) in _buckets)
            if (time.GetElapsedTime(b.LastUsed, now).TotalSeconds > b.SecondsToFull) _buckets.TryRemove(key, out _);
    }
}
