using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace DistillGuard.Dashboard.Auth;

/// <summary>Browser sessions made by logging in with a key: a random id in an HttpOnly, SameSite=Strict cookie and a
/// random CSRF token the page sends back in the X-CSRF-Token header on every change. In memory: a restart logs everyone out.</summary>
public sealed class SessionStore
{
    private sealed record Session(string User, DashboardRole Role, string Csrf, DateTimeOffset Expires);

    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public SessionStore(TimeSpan lifetime, TimeProvider? time = null)
    {
        Lifetime = lifetime;
        _time = time ?? TimeProvider.System;
    }

    public TimeSpan Lifetime { get; }

    public DashboardUser Create(string user, DashboardRole role)
    {
        var id = Random();
        var csrf = Random();
        var now = _time.GetUtcNow();
        _sessions[id] = new Session(user, role, csrf, now + Lifetime);
        if (_sessions.Count > 10_000)
            foreach (var kv in _sessions.Where(kv => kv.Value.Expires <= now)) _sessions.TryRemove(kv.Key, out _);
        return new DashboardUser(user, role, "session", id, csrf);
    }

    public DashboardUser? Find(string? id)
    {
        if (string.IsNullOrEmpty(id) || !_sessions.TryGetValue(id, out var s)) return null;
        if (s.Expires <= _time.GetUtcNow()) { _sessions.TryRemove(id, out _); return null; }
        return new DashboardUser(s.User, s.Role, "session", id, s.Csrf);
    }

    public void Remove(string id) => _sessions.TryRemove(id, out _);

    private static string Random() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
