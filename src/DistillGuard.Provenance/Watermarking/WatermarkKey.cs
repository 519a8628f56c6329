using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DistillGuard.Provenance.Lexicons;

namespace DistillGuard.Provenance.Watermarking;

/// <summary>Whose outputs a key marks: the whole lab, one account, or one campaign.</summary>
public enum KeyScope
{
    Lab,
    Account,
    Campaign,
}

/// <summary>
/// A watermark key: a 32-byte secret and what it marks. File format (JSON):
/// <c>{"id","lab","scope":"lab|account|campaign","subject","secret" (base64, 32 bytes),"created"}</c>.
/// The secret never leaves the lab; its <see cref="Commitment"/> (SHA-256 of the secret) is published in reports, so a
/// third party can later check that the key revealed to it is the one the test was run with.
/// </summary>
public sealed class WatermarkKey
{
    public const int SecretBytes = 32;
    private static readonly byte[] Domain = "distillguard-watermark-v1\0"u8.ToArray();
    private readonly byte[] _secret;

    /// <summary>The default context granularity of new keys (see <see cref="ContextBuckets"/>).</summary>
    public const int DefaultContextBuckets = 0;

    public WatermarkKey(string id, string lab, KeyScope scope, string? subject, byte[] secret, DateTimeOffset created, int contextBuckets = DefaultContextBuckets)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(id)) errors.Add("id is empty");
        if (string.IsNullOrWhiteSpace(lab)) errors.Add("lab is empty");
        if (secret.Length != SecretBytes) errors.Add($"secret must be {SecretBytes} bytes (was {secret.Length})");
        if (scope != KeyScope.Lab && string.IsNullOrWhiteSpace(subject)) errors.Add($"scope {scope.ToString().ToLowerInvariant()} needs a subject (the account or campaign id)");
        if (contextBuckets < 0) errors.Add($"context_buckets must not be negative (was {contextBuckets})");
        if (errors.Count > 0) throw new InvalidDataException("watermark key: " + string.Join("; ", errors));
        ContextBuckets = contextBuckets;
        Id = id;
        Lab = lab;
        Scope = scope;
        Subject = subject;
        _secret = (byte[])secret.Clone();
        Created = created;
    }

    public string Id { get; }
    public string Lab { get; }
    public KeyScope Scope { get; }
    public string? Subject { get; }
    public DateTimeOffset Created { get; }

    /// <summary>
    /// How the previous word enters the keyed choice: 0, the word itself; B &gt; 0, one of B buckets of words (a public
    /// hash). Fewer buckets make each keyed choice recur in more contexts, which a student learns more reliably; the
    /// test then has fewer, larger units. Fixed for the life of a key (stored in the key file).
    /// </summary>
    public int ContextBuckets { get; }

    /// <summary>"sha256:" + hex SHA-256 of the secret: publishable, binds a report to this key.</summary>
    public string Commitment => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(_secret));

    /// <summary>Who the key marks, e.g. "lab acme", "account acct-17 of acme".</summary>
    public string Describe() => Scope == KeyScope.Lab ? $"lab {Lab}" : $"{Scope.ToString().ToLowerInvariant()} {Subject} of {Lab}";

    /// <summary>A fresh random key.</summary>
    public static WatermarkKey Generate(string id, string lab, KeyScope scope = KeyScope.Lab, string? subject = null, DateTimeOffset? created = null, int contextBuckets = DefaultContextBuckets) =>
        new(id, lab, scope, subject, RandomNumberGenerator.GetBytes(SecretBytes), created ?? DateTimeOffset.UtcNow, contextBuckets);

    /// <summary>A key derived from a seed: for tests and simulations only (never for real outputs).</summary>
    public static WatermarkKey FromSeed(string seed, string lab = "sim", KeyScope scope = KeyScope.Lab, string? subject = null, int contextBuckets = DefaultContextBuckets) =>
        new("seed-" + seed, lab, scope, subject ?? (scope == KeyScope.Lab ? null : seed), SHA256.HashData(Encoding.UTF8.GetBytes("dg-test-key:" + seed)), DateTimeOffset.UnixEpoch, contextBuckets);

    /// <summary>The unit context of a previous word under this key's granularity.</summary>
    public string UnitContext(string previousWord) => UnitContexts.Map(previousWord, ContextBuckets);

    /// <summary>
    /// The keyed member of <paramref name="set"/> for the unit context <paramref name="context"/> (the previous word, or
    /// its bucket: <see cref="UnitContext"/>): HMAC-SHA256 of (set id, context) reduced modulo the set size. For a key drawn at random, the choices of distinct (set, context)
    /// pairs are independent and uniform: the fact the provenance test's null distribution rests on.
    /// </summary>
    public int Choose(LexiconSet set, string context)
    {
        int maxBytes = Domain.Length + Encoding.UTF8.GetMaxByteCount(set.Id.Length + context.Length + 1);
        Span<byte> data = maxBytes <= 512 ? stackalloc byte[maxBytes] : new byte[maxBytes];
        Domain.CopyTo(data);
        int n = Domain.Length;
        n += Encoding.UTF8.GetBytes(set.Id, data[n..]);
        data[n++] = 0;
        n += Encoding.UTF8.GetBytes(context, data[n..]);
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_secret, data[..n], mac);
        ulong v = BinaryPrimitives.ReadUInt64LittleEndian(mac);
        return (int)(v % (ulong)set.Members.Count);
    }

    internal byte[] DeriveSubkey(string purpose) => HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes("distillguard-subkey-v1\0" + purpose));

    public static WatermarkKey Load(string path)
    {
        JsonNode? root;
        try { root = JsonNode.Parse(File.ReadAllText(path)); }
        catch (JsonException e) { throw new InvalidDataException($"{path}: not JSON ({e.Message})"); }
        if (root is not JsonObject o) throw new InvalidDataException($"{path}: expected a JSON object");
        var errors = new List<string>();
        string? Str(string name, bool required = true)
        {
            try
            {
                var v = o[name]?.GetValue<string>();
                if (v is null && required) errors.Add($"missing \"{name}\"");
                return v;
            }
            catch (InvalidOperationException) { errors.Add($"\"{name}\" must be a string"); return null; }
        }
        var id = Str("id");
        var lab = Str("lab");
        var scopeText = Str("scope", required: false) ?? "lab";
        var subject = Str("subject", required: false);
        var secretText = Str("secret");
        var createdText = Str("created", required: false);
        int buckets = 0;
        try { buckets = o["context_buckets"]?.GetValue<int>() ?? 0; }
        catch (Exception e) when (e is InvalidOperationException or FormatException) { errors.Add("context_buckets must be a whole number"); }
        KeyScope scope = KeyScope.Lab;
        if (!Enum.TryParse(scopeText, ignoreCase: true, out scope) || !Enum.IsDefined(scope)) errors.Add($"scope must be lab, account or campaign (was '{scopeText}')");
        byte[] secret = [];
        if (secretText is not null)
        {
            try { secret = Convert.FromBase64String(secretText); }
            catch (FormatException) { errors.Add("secret is not base64"); }
        }
        DateTimeOffset created = DateTimeOffset.UnixEpoch;
        if (createdText is not null && !DateTimeOffset.TryParse(createdText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out created)) errors.Add("created is not a date");
        if (errors.Count > 0) throw new InvalidDataException($"{path}: " + string.Join("; ", errors));
        try { return new WatermarkKey(id!, lab!, scope, subject, secret, created, buckets); }
        catch (InvalidDataException e) { throw new InvalidDataException($"{path}: {e.Message}"); }
    }

    public string ToJson() => new JsonObject
    {
        ["id"] = Id,
        ["lab"] = Lab,
        ["scope"] = Scope.ToString().ToLowerInvariant(),
        ["subject"] = Subject,
        ["secret"] = Convert.ToBase64String(_secret),
        ["created"] = Created.ToString("O", CultureInfo.InvariantCulture),
        ["context_buckets"] = ContextBuckets,
        ["commitment"] = Commitment,
    }.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>Writes the key file readable by its owner only (mode 600 where the file system has modes); refuses to overwrite.</summary>
    public void Save(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var fs = new FileStream(path, options);
        using var w = new StreamWriter(fs, new UTF8Encoding(false));
        w.Write(ToJson());
        w.Write('\n');
    }
}
