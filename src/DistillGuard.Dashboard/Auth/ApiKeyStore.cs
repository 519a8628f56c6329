using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace DistillGuard.Dashboard.Auth;

/// <summary>One key holder: a user, a role and the SHA-256 of the key (the key itself is never stored).</summary>
public sealed record ApiKeyEntry(string User, DashboardRole Role, byte[] KeySha256);

/// <summary>
/// The dashboard's API keys, from a JSON-lines file: <c>{"user":"alice","role":"analyst","key_sha256":"HEX"}</c> (the
/// SHA-256 of the key, as `distillguard dashboard-key` prints it) or <c>{"user":"bob","role":"viewer","key_env":"VAR"}</c>
/// (the key is in an environment variable, 16+ characters). Keys are compared by hash in constant time.
/// </summary>
public sealed class ApiKeyStore
{
    public const int MinKeyLength = 16;
    private readonly IReadOnlyList<ApiKeyEntry> _entries;

    public ApiKeyStore(IEnumerable<ApiKeyEntry> entries) => _entries = entries.ToList();

    public int Count => _entries.Count;

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Loads the file; every problem is listed in <paramref name="errors"/> (with line numbers).</summary>
    public static ApiKeyStore Load(string path, List<string> errors)
    {
        var entries = new List<ApiKeyEntry>();
        int n = 0;
        foreach (var raw in File.ReadLines(path))
        {
            n++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            try
            {
                using var doc = JsonDocument.Parse(line);
                var o = doc.RootElement;
                string? Get(string name) => o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                var user = Get("user");
                if (string.IsNullOrWhiteSpace(user)) { errors.Add($"{path}:{n}: \"user\" is required"); continue; }
                if (!DashboardRoles.TryParse(Get("role"), out var role)) { errors.Add($"{path}:{n}: \"role\" must be viewer, analyst or admin"); continue; }
                byte[]? hash = null;
                if (Get("key_sha256") is { } hex)
                {
                    if (hex.Length != 64 || !hex.All(Uri.IsHexDigit)) { errors.Add($"{path}:{n}: \"key_sha256\" must be 64 hex digits"); continue; }
                    hash = Convert.FromHexString(hex);
                }
                else if (Get("key_env") is { } env)
                {
                    var key = Environment.GetEnvironmentVariable(env);
                    if (string.IsNullOrEmpty(key) || key.Length < MinKeyLength) { errors.Add($"{path}:{n}: environment variable '{env}' must hold a key of {MinKeyLength}+ characters"); continue; }
                    hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
                }
                else { errors.Add($"{path}:{n}: give \"key_sha256\" or \"key_env\""); continue; }
                entries.Add(new ApiKeyEntry(user, role, hash));
            }
            catch (JsonException e) { errors.Add($"{path}:{n}: {e.Message}"); }
        }
        if (entries.Count == 0 && errors.Count == 0) errors.Add($"{path}: no keys");
        return new ApiKeyStore(entries);
    }

    /// <summary>The holder of <paramref name="key"/>, or null.</summary>
    public ApiKeyEntry? Find(string? key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 512) return null;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        ApiKeyEntry? found = null;
        foreach (var e in _entries)
            if (CryptographicOperations.FixedTimeEquals(e.KeySha256, hash)) found ??= e;
        return found;
    }

    /// <summary>A fresh random key (32 bytes, base64url).</summary>
    public static string NewKey() => "dgk_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
