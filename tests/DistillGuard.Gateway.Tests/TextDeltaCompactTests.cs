using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DistillGuard.Gateway.Streaming;

namespace DistillGuard.Gateway.Tests;

/// <summary>The compact scan of text-only Chat chunks (<see cref="TextDeltaCompact"/>) against the reader it stands in for:
/// whenever it answers, the reader recognises the chunk and reads the same values; and it does answer for the usual shapes.</summary>
public class TextDeltaCompactTests
{
    private static readonly string[] Texts =
    [
        "hi", "Sure, I", " can't", "it\u2019s", "say \"x\"", "a\\b", "line\n\nnext", "tab\there", "caf\u00E9", "\u4F60\u597D", "emoji \U0001F600", "pair\uD83D\uDE00\uD83D\uDE01x", "lone\uD800x", "lone\uDC00",
        "<b>&amp;</b>", "+1", "'quoted'", "\u0001ctl", "/path/", "\u2028sep", " ", "0", "\u00A0nbsp",
    ];

    private static IEnumerable<string> Chunks() => Shapes().Select(x => x.Json);

    /// <summary>Chunks of several shapes; Usual: the shapes providers send for answer text (compact, no object but the
    /// choice and its delta, no escaped surrogate).</summary>
    private static IEnumerable<(string Json, bool Usual)> Shapes()
    {
        var encoders = new JsonSerializerOptions[]
        {
            new(),
            new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping },
        };
        int n = 0;
        foreach (var o in encoders)
            foreach (var t in Texts)
            {
                n++;
                bool usual = !t.StartsWith("lone", StringComparison.Ordinal);   // a lone surrogate is left to the reader
                yield return (JsonSerializer.Serialize(new
                {
                    id = "chatcmpl-" + n, @object = "chat.completion.chunk", created = 1_700_000_000 + n, model = "gpt-x",
                    choices = new[] { new { index = 0, delta = new { content = t }, finish_reason = (string?)null } },
                }, o), usual);
                yield return (JsonSerializer.Serialize(new
                {
                    id = "c", @object = "chat.completion.chunk", created = 1.5e9, model = "m", system_fingerprint = (string?)null,
                    choices = new[] { new { index = n % 3, delta = new { role = "assistant", content = t }, logprobs = (object?)null, finish_reason = (string?)null } },
                    usage = (object?)null,
                }, o), usual);
                yield return (JsonSerializer.Serialize(new { choices = new[] { new { delta = new { content = t } } } }, o), usual);
                yield return (JsonSerializer.Serialize(new { id = (string?)null, choices = new[] { new { delta = new { role = (string?)null, content = t } } }, created = -0.5e-3, flag = true, off = false }, o), usual);
                yield return (JsonSerializer.Serialize(new { choices = new[] { new { delta = new { role = (string?)null, content = t } } }, usage = new { total = 3 } }, o), false);
                yield return (JsonSerializer.Serialize(new { choices = new[] { new { index = 0, delta = new { content = t }, finish_reason = "stop" } } }, o), false);
                yield return (JsonSerializer.Serialize(new { choices = new[] { new { index = -1, delta = new { content = t } } } }, o), false);
            }
    }

    private static void Check(byte[] json, ref int compact)
    {
        bool fast = TextDeltaCompact.TryRead(json, out var a);
        bool slow = TextDelta.TryReadWithReader(json, out var b);
        if (fast)
        {
            compact++;
            Assert.True(slow, Encoding.UTF8.GetString(json));
            Assert.Equal(b, a);
        }
        Assert.Equal(slow, TextDelta.TryRead(json, out var c));
        if (slow) Assert.Equal(b, c);
    }

    [Fact]
    public void Compact_AgreesWithTheReader_OnGeneratedChunks()
    {
        int compact = 0, total = 0;
        foreach (var (s, usual) in Shapes())
        {
            var json = Encoding.UTF8.GetBytes(s);
            total++;
            int before = compact;
            Check(json, ref compact);
            // The usual shapes are all read by the compact scan (the gateway's common case).
            if (usual) Assert.True(compact == before + 1, s);
        }
        Assert.True(total > 200);
    }

    [Fact]
    public void Compact_AgreesWithTheReader_OnMutatedChunks()
    {
        var rng = new Random(13);
        byte[] alphabet = "\",:{}[]\\ n0-e.u1fta\r\n\t}"u8.ToArray();
        var bases = Chunks().Select(Encoding.UTF8.GetBytes).ToArray();
        int compact = 0;
        for (int k = 0; k < 40_000; k++)
        {
            var b = bases[rng.Next(bases.Length)].ToList();
            int edits = 1 + rng.Next(3);
            for (int e = 0; e < edits && b.Count > 0; e++)
            {
                int at = rng.Next(b.Count);
                switch (rng.Next(5))
                {
                    case 0: b.RemoveAt(at); break;
                    case 1: b.Insert(at, alphabet[rng.Next(alphabet.Length)]); break;
                    case 2: b[at] = alphabet[rng.Next(alphabet.Length)]; break;
                    case 3: b[at] = (byte)rng.Next(256); break;
                    default:
                        int len = Math.Min(1 + rng.Next(12), b.Count - at);
                        b.InsertRange(at, b.GetRange(at, len));
                        break;
                }
            }
            Check([.. b], ref compact);
        }
        Assert.True(compact > 1000, $"only {compact} mutated chunks were read by the compact scan");
    }
}
