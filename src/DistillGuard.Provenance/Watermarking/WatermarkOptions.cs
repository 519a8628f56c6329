using DistillGuard.Provenance.Lexicons;

namespace DistillGuard.Provenance.Watermarking;

/// <summary>How the watermark is applied.</summary>
public sealed record WatermarkOptions
{
    /// <summary>
    /// The most words of a response the watermark may change, as a share of the plain-text words seen so far (checked
    /// before every change, so it holds for every prefix of a stream and for the whole response). A change of a phrase
    /// counts the longer of the old and the new phrase. Measured on real model text the watermark changes about
    /// 3 % of words when unbounded (docs/provenance.md), so the default bound rarely binds except in very short replies.
    /// </summary>
    public double MaxChangeShare { get; init; } = 0.10;

    /// <summary>Words that may be changed beyond the share, so that a short reply can carry a mark at all: a change is
    /// allowed while changed words ≤ <see cref="MaxChangeShare"/> × words so far + this. Default 2.</summary>
    public int ChangeAllowanceWords { get; init; } = 2;

    /// <summary>The interchangeable words and phrasings; the built-in English lexicon by default.</summary>
    public WatermarkLexicon Lexicon { get; init; } = WatermarkLexicon.BuiltIn;

    public static WatermarkOptions Default { get; } = new();

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!(MaxChangeShare >= 0 && MaxChangeShare <= 1)) errors.Add($"max_change_share must be within 0..1 (was {MaxChangeShare})");
        if (ChangeAllowanceWords < 0) errors.Add($"change_allowance_words must not be negative (was {ChangeAllowanceWords})");
        return errors;
    }
}
