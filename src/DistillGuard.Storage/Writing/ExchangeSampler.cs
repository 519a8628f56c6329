using System.IO.Compression;
using System.Text;
using System.Text.Json;
using DistillGuard.Core.Model;
using DistillGuard.Core.Parsing;
using DistillGuard.Core.Scoring;
using DistillGuard.Core.Signals;
using DistillGuard.Core.Text;
using DistillGuard.Storage.Model;

namespace DistillGuard.Storage.Writing;

/// <summary>
/// Reads back, from the exchange logs, the exchanges an analysis cites as evidence, so an analyst can open them: the
/// texts (system, prompt, response; each shortened to <see cref="MaxText"/> characters), the signals the reader found and
/// the catalog phrases that matched (the dashboard highlights them). One sequential pass over the logs; a line's id is
/// looked at before anything else is parsed.
/// </summary>
public static class ExchangeSampler
{
    public const int MaxText = 4000;

    public static IReadOnlyList<ExchangeSample> Read(IEnumerable<string> logs, IReadOnlyDictionary<string, List<string>> wanted, CancellationToken ct = default)
    {
        var found = new List<ExchangeSample>();
        if (wanted.Count == 0) return found;
        var parser = new ExchangeLineParser();
        var f = new ExchangeFeatures();
        foreach (var log in logs)
        {
            using var file = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            using Stream s = log.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
            // Lines are cut from bytes; only a wanted line is decoded (the id is read from the bytes first).
            var buf = new byte[1 << 20];
            int len = 0;
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                if (len == buf.Length) Array.Resize(ref buf, buf.Length * 2);
                int n = s.Read(buf, len, buf.Length - len);
                bool end = n == 0;
                len += n;
                int start = 0;
                while (true)
                {
                    int nl = Array.IndexOf(buf, (byte)'\n', start, len - start);
                    if (nl < 0)
                    {
                        if (!end || start >= len) break;
                        nl = len;   // a last line without a newline
                    }
                    var line = buf.AsSpan(start, nl - start);
                    start = Math.Min(len, nl + 1);
                    string? id = QuickId(line);
                    if (id is null || !wanted.TryGetValue(id, out var citedBy)) continue;
                    var sample = Sample(Encoding.UTF8.GetString(line), parser, f);
                    if (sample is not null) found.Add(sample with { CitedBy = citedBy });
                    if (found.Count == wanted.Count) return found;
                }
                Buffer.BlockCopy(buf, start, buf, 0, len - start);
                len -= start;
                if (end) break;
            }
        }
        return found;
    }

    private static ReadOnlySpan<byte> IdPrefix => "{\"id\":\""u8;

    internal static string? QuickId(ReadOnlySpan<byte> line)
    {
        if (line.StartsWith(IdPrefix))
        {
            var rest = line[IdPrefix.Length..];
            int end = rest.IndexOfAny((byte)'"', (byte)'\\');
            if (end >= 0 && rest[end] == (byte)'"') return Encoding.UTF8.GetString(rest[..end]);
        }
        line = line.TrimEnd("\r"u8);
        if (line.IsEmpty) return null;
        return QuickId(Encoding.UTF8.GetString(line));
    }

    /// <summary>The value of the line's top-level "id" when it is written first (as every known producer does); else a full parse.</summary>
    internal static string? QuickId(string line)
    {
        const string prefix = "{\"id\":\"";
        if (line.StartsWith(prefix, StringComparison.Ordinal))
        {
            int end = line.IndexOf('"', prefix.Length);
            if (end > 0 && line.AsSpan(prefix.Length, end - prefix.Length).IndexOf('\\') < 0) return line[prefix.Length..end];
        }
        try
        {
            using var doc = JsonDocument.Parse(line);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("id", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        }
        catch (JsonException) { return null; }
    }

    /// <summary>One exchange line as a sample, or null when it is not a valid exchange.</summary>
    public static ExchangeSample? Sample(string line, ExchangeLineParser? parser = null, ExchangeFeatures? features = null)
    {
        parser ??= new ExchangeLineParser();
        features ??= new ExchangeFeatures();
        if (parser.Parse(Encoding.UTF8.GetBytes(line), features) is not null) return null;
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        var system = new StringBuilder();
        var prompt = new StringBuilder();
        var response = new StringBuilder();
        if (root.TryGetProperty("request", out var req) && req.ValueKind == JsonValueKind.Object)
        {
            if (req.TryGetProperty("instructions", out var ins)) Texts(ins, system);
            if (req.TryGetProperty("system", out var sys)) Texts(sys, system);
            foreach (var name in new[] { "messages", "input" })
            {
                if (!req.TryGetProperty(name, out var msgs)) continue;
                if (msgs.ValueKind == JsonValueKind.String) { Append(prompt, msgs.GetString()); continue; }
                if (msgs.ValueKind != JsonValueKind.Array) continue;
                foreach (var m in msgs.EnumerateArray())
                {
                    if (m.ValueKind != JsonValueKind.Object) continue;
                    string role = m.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()! : "";
                    var target = role is "system" or "developer" ? system : prompt;
                    if (role == "assistant") target.Append(target.Length > 0 ? "\n" : "").Append("[assistant] ");
                    if (m.TryGetProperty("content", out var c)) Texts(c, target);
                    else if (m.TryGetProperty("output", out var o)) Texts(o, target);
                }
            }
        }
        if (root.TryGetProperty("response", out var resp) && resp.ValueKind == JsonValueKind.Object)
        {
            if (resp.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array)
                foreach (var ch in choices.EnumerateArray())
                    if (ch.ValueKind == JsonValueKind.Object && ch.TryGetProperty("message", out var msg) && msg.ValueKind == JsonValueKind.Object)
                    {
                        if (msg.TryGetProperty("reasoning_content", out var rc)) { response.Append("[reasoning] "); Texts(rc, response); }
                        if (msg.TryGetProperty("content", out var mc)) Texts(mc, response);
                    }
            foreach (var name in new[] { "output", "content" })
                if (resp.TryGetProperty(name, out var items) && items.ValueKind == JsonValueKind.Array)
                    foreach (var it in items.EnumerateArray())
                    {
                        if (it.ValueKind != JsonValueKind.Object) continue;
                        string type = it.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";
                        if (type is "reasoning" or "thinking") response.Append(response.Length > 0 ? "\n" : "").Append("[reasoning] ");
                        foreach (var part in new[] { "text", "thinking", "content", "summary" })
                            if (it.TryGetProperty(part, out var v)) Texts(v, response);
                    }
        }
        var signals = new List<string>();
        for (int i = 0; i < HarvestSignals.Count; i++)
            if (((uint)features.Signals & (1u << i)) != 0) signals.Add(HarvestSignals.Ids[i]);
        string sysText = Cut(system.ToString()), promptText = Cut(prompt.ToString());
        return new ExchangeSample
        {
            Id = features.Id,
            Account = features.Account,
            Ts = DateTimeOffset.FromUnixTimeMilliseconds(features.TimestampMs),
            Api = root.TryGetProperty("api", out var api) && api.ValueKind == JsonValueKind.String ? api.GetString()! : "",
            Model = features.Model,
            ApiKey = features.Key,
            Ip = features.Ip,
            Status = features.Status,
            Signals = signals,
            Phrases = Phrases(features.Signals, promptText + "\n" + sysText),
            SystemText = sysText.Length > 0 ? sysText : null,
            Prompt = promptText,
            Response = response.Length > 0 ? Cut(response.ToString()) : null,
        };
    }

    /// <summary>Catalog phrases of the signals that fired which occur in the (normalised) text.</summary>
    public static IReadOnlyList<string> Phrases(SignalSet signals, string text)
    {
        if (signals == SignalSet.None) return [];
        string norm = TextNormalizer.Normalize(text);
        var found = new List<string>();
        foreach (var d in SignalCatalog.Default.Definitions)
        {
            if (d.Kind == SignalKind.Parameter || d.Flag == SignalSet.None || (signals & d.Flag) == 0) continue;
            foreach (var g in d.Groups)
                foreach (var list in g.Phrases.Values)
                    foreach (var p in list)
                        if (p.Length >= 3 && !found.Contains(p) && norm.Contains(TextNormalizer.Normalize(p), StringComparison.Ordinal)) found.Add(p);
        }
        return found.OrderByDescending(p => p.Length).Take(40).ToList();
    }

    private static void Texts(JsonElement e, StringBuilder sb)
    {
        if (sb.Length > MaxText * 2) return;
        switch (e.ValueKind)
        {
            case JsonValueKind.String:
                Append(sb, e.GetString());
                break;
            case JsonValueKind.Array:
                foreach (var x in e.EnumerateArray()) Texts(x, sb);
                break;
            case JsonValueKind.Object:
                foreach (var name in new[] { "text", "thinking", "content", "output" })
                    if (e.TryGetProperty(name, out var v)) Texts(v, sb);
                break;
        }
    }

    private static void Append(StringBuilder sb, string? s)
    {
        if (string.IsNullOrEmpty(s)) return;
        if (sb.Length > 0 && sb[^1] != ' ') sb.Append('\n');
        sb.Append(s);
    }

    private static string Cut(string s) => s.Length <= MaxText ? s : s[..MaxText] + "…";
}
