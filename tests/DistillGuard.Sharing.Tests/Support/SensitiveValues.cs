using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DistillGuard.Sharing.Tests.Support;

/// <summary>What must never appear in an exported byte: raw account ids, payment fingerprints and prompt text.</summary>
public static class SensitiveValues
{
    /// <summary>Every account id and payment fingerprint of the registry and the log, and a 32-character slice of every prompt text.</summary>
    public static (HashSet<string> Accounts, HashSet<string> Payments, HashSet<string> Prompts) Of(string dir)
    {
        var accounts = new HashSet<string>(StringComparer.Ordinal);
        var payments = new HashSet<string>(StringComparer.Ordinal);
        var prompts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(SimulatedProviders.Accounts(dir)))
        {
            var o = JsonNode.Parse(line)!;
            accounts.Add(o["account"]!.GetValue<string>());
            if (o["payment_fp"]?.GetValue<string>() is { } p) payments.Add(p);
        }
        using var input = new GZipStream(File.OpenRead(SimulatedProviders.Log(dir)), CompressionMode.Decompress);
        using var reader = new StreamReader(input, Encoding.UTF8);
        string? l;
        while ((l = reader.ReadLine()) is not null)
        {
            using var doc = JsonDocument.Parse(l);
            accounts.Add(doc.RootElement.GetProperty("account").GetString()!);
            CollectTexts(doc.RootElement.GetProperty("request"), prompts);
        }
        return (accounts, payments, prompts);
    }

    private static void CollectTexts(JsonElement e, HashSet<string> into)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                    if (p.Value.ValueKind == JsonValueKind.String && p.Name is "text" or "content" or "system" or "instructions" or "input")
                    {
                        var s = p.Value.GetString()!;
                        if (s.Length >= 32) into.Add(s.Substring(s.Length / 2 - 16, 32));
                    }
                    else CollectTexts(p.Value, into);
                break;
            case JsonValueKind.Array:
                foreach (var x in e.EnumerateArray()) CollectTexts(x, into);
                break;
        }
    }
}
