using System.Text;
using DistillGuard.Core.Text;

namespace DistillGuard.Core.Fingerprints;

/// <summary>
/// The exact content hashes of <see cref="Model.ExchangeFeatures"/>, computable from text by any stage (for
/// indicators, look-ups and tests) exactly as the reader computes them.
/// </summary>
public static class ContentHashes
{
    /// <summary><see cref="Model.ExchangeFeatures.ItemHash"/>: hash of the normalised text (case, white space and typographic quotes folded); 0 for empty text.</summary>
    public static ulong Item(string text)
    {
        var norm = TextNormalizer.Normalize(text);
        return norm.Length == 0 ? 0 : Hash64.Of(norm);
    }

    /// <summary><see cref="Model.ExchangeFeatures.SystemHash"/>: hash of the system prompt's UTF-8 bytes (parts joined by a newline); 0 when none.</summary>
    public static ulong System(string? systemPrompt)
        => string.IsNullOrEmpty(systemPrompt) ? 0 : Hash64.Of(Encoding.UTF8.GetBytes(systemPrompt));

    /// <summary><see cref="Model.ExchangeFeatures.ToolSetHash"/>: order-independent hash of the tool names; 0 when none.</summary>
    public static ulong ToolSet(IEnumerable<string> toolNames)
        => Hash64.OfSet(toolNames.Select(n => Hash64.Of(Encoding.UTF8.GetBytes(n))).ToArray());

    /// <summary>Hash of a reasoning artifact (thinking signature, encrypted_content, redacted thinking data), base64 padding ignored.</summary>
    public static ulong Artifact(string artifact) => Parsing.Json.ArtifactHash(Encoding.UTF8.GetBytes(artifact));
}
