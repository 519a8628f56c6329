using System.Security.Cryptography;
using System.Text;
using DistillGuard.Gateway.Policy;

namespace DistillGuard.Gateway.Binding;

/// <summary>Who a reasoning artifact was issued to.</summary>
public sealed record ArtifactBinding(string Account, string Conversation, string? Model, long IssuedUnixMs);

/// <summary>The result of checking a presented artifact: unknown (issued before the gateway, or forgotten), or known with what did not match.</summary>
public readonly record struct BindingCheck(bool Known, BindingChecks Mismatch, ArtifactBinding? Binding)
{
    public bool Violated => Known && Mismatch != BindingChecks.None;
}

/// <summary>
/// Binds every reasoning artifact the gateway issues (a thinking signature, redacted_thinking data, encrypted_content)
/// to the account, conversation and model it was issued for. Keyed by HMAC-SHA-256 under a binding key, so neither
/// memory nor the persistence file holds an artifact. Bounded: least recently used entries go first. Thread-safe.
/// </summary>
public sealed class SignatureBindings : IDisposable
{
    private readonly byte[] _key;
    private readonly int _capacity;
    private readonly string? _path;
    private readonly TimeProvider _time;
    private readonly object _lock = new();
    private readonly Dictionary<UInt128, LinkedListNode<(UInt128 Id, ArtifactBinding Binding)>> _map = [];
    private readonly LinkedList<(UInt128 Id, ArtifactBinding Binding)> _lru = new();
    private bool _dirty;

    public SignatureBindings(byte[] key, int capacity, string? persistPath = null, TimeProvider? time = null)
    {
        if (key.Length < 16) throw new ArgumentException("the binding key needs at least 16 bytes", nameof(key));
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity));
        _key = key;
        _capacity = capacity;
        _path = persistPath;
        _time = time ?? TimeProvider.System;
        if (_path is not null && File.Exists(_path)) Load(_path);
    }

    public int Count { get { lock (_lock) return _map.Count; } }

    /// <summary>Malformed lines skipped when the persistence file was read.</summary>
    public int SkippedOnLoad { get; private set; }

    public void Record(string artifact, string account, string conversation, string? model)
    {
        var id = Id(artifact);
        var binding = new ArtifactBinding(account, conversation, model, _time.GetUtcNow().ToUnixTimeMilliseconds());
        lock (_lock)
        {
            if (_map.TryGetValue(id, out var node))
            {
                if (node.Value.Binding.Account != account) return;        // first issuance wins; a second issuer is a replay, not a rebinding
                _lru.Remove(node);
                _lru.AddFirst(node);
                return;
            }
            _map[id] = _lru.AddFirst((id, binding));
            if (_map.Count > _capacity)
            {
                var last = _lru.Last!;
                _lru.RemoveLast();
                _map.Remove(last.Value.Id);
            }
            _dirty = true;
        }
    }

    public BindingCheck Check(string artifact, string account, string conversation, string? model, BindingChecks checks)
    {
        var id = Id(artifact);
        ArtifactBinding b;
        lock (_lock)
        {
            if (!_map.TryGetValue(id, out var node)) return new BindingCheck(false, BindingChecks.None, null);
            b = node.Value.Binding;
        }
        var mismatch = BindingChecks.None;
        if ((checks & BindingChecks.Account) != 0 && b.Account != account) mismatch |= BindingChecks.Account;
        if ((checks & BindingChecks.Conversation) != 0 && b.Conversation.Length > 0 && conversation.Length > 0 && b.Conversation != conversation) mismatch |= BindingChecks.Conversation;
        if ((checks & BindingChecks.Model) != 0 && b.Model is not null && model is not null && !string.Equals(b.Model, model, StringComparison.Ordinal)) mismatch |= BindingChecks.Model;
        return new BindingCheck(true, mismatch, b);
    }

    /// <summary>The artifact's key: HMAC-SHA-256 of its text (white space and base64 padding trimmed), first 128 bits.</summary>
    private UInt128 Id(string artifact)
    {
        var text = artifact.AsSpan().Trim().TrimEnd('=');
        Span<byte> mac = stackalloc byte[32];
        byte[] utf8 = Encoding.UTF8.GetBytes(text.ToString());
        HMACSHA256.HashData(_key, utf8, mac);
        return new UInt128(BitConverter.ToUInt64(mac[..8]), BitConverter.ToUInt64(mac[8..16]));
    }

    /// <summary>Writes the bindings to the persistence file (oldest first), atomically; nothing when unchanged or not persisted.</summary>
    public void Save()
    {
        if (_path is null) return;
        List<(UInt128 Id, ArtifactBinding Binding)> snapshot;
        lock (_lock)
        {
            if (!_dirty) return;
            snapshot = new List<(UInt128, ArtifactBinding)>(_map.Count);
            for (var n = _lru.Last; n is not null; n = n.Previous) snapshot.Add(n.Value);
            _dirty = false;
        }
        var tmp = _path + ".tmp";
        using (var w = new StreamWriter(tmp, false, new UTF8Encoding(false)))
        {
            w.WriteLine("# distillguard gateway artifact bindings v1: hmac\taccount\tconversation\tmodel\tissued_ms");
            foreach (var (id, b) in snapshot)
                w.WriteLine($"{id:x32}\t{Esc(b.Account)}\t{Esc(b.Conversation)}\t{Esc(b.Model ?? "")}\t{b.IssuedUnixMs}");
        }
        File.Move(tmp, _path, overwrite: true);
    }

    private static string Esc(string s) => s.Replace('\t', ' ').Replace('\n', ' ');

    private void Load(string path)
    {
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var f = line.Split('\t');
            if (f.Length != 5 || !UInt128.TryParse(f[0], System.Globalization.NumberStyles.HexNumber, null, out var id) || !long.TryParse(f[4], out long ms))
            {
                SkippedOnLoad++;
                continue;
            }
            var b = new ArtifactBinding(f[1], f[2], f[3].Length == 0 ? null : f[3], ms);
            if (_map.TryGetValue(id, out var old)) _lru.Remove(old);
            _map[id] = _lru.AddFirst((id, b));
            if (_map.Count > _capacity)
            {
                var last = _lru.Last!;
                _lru.RemoveLast();
                _map.Remove(last.Value.Id);
            }
        }
    }

    public void Dispose() => Save();
}
