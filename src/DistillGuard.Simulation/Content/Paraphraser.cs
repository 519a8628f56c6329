using DistillGuard.Simulation.Common;

namespace DistillGuard.Simulation.Content;

/// <summary>
/// Renders a skeleton with its slots filled. Paraphrase 0 is the canonical wording; any other seed picks, once
/// per (skeleton, seed), synonym swaps, a framing opener/closer, clause order, joiner, casing and final
/// punctuation — so one account keeps one wording while slot fills vary, and accounts differ from each other.
/// All random draws happen in a fixed order that does not depend on the slot fills.
/// </summary>
internal static class Paraphraser
{
    public static void Render(Skeleton skeleton, ulong paraphrase, LanguagePack lang, SynonymTable synonyms,
        SlotValues slots, CharBuffer output)
    {
        var clauses = skeleton.Clauses;
        int n = Math.Min(clauses.Length, 32);
        Span<int> order = stackalloc int[n];
        for (int i = 0; i < n; i++) order[i] = i;

        if (paraphrase == 0)
        {
            var unused = default(SimRandom);
            for (int i = 0; i < n; i++)
            {
                if (i > 0) { EndSentence(output, lang); output.Space(); }
                WriteClause(clauses[i], slots, output, lower: false, swapRate: 0, ref unused, synonyms);
            }
            return;
        }

        var rng = SimRandom.Derive(paraphrase, (ulong)skeleton.Key, 0x5EED);
        double swapRate = 0.25 + 0.6 * rng.NextDouble();
        int opener = rng.Chance(0.6) ? rng.Next(lang.Openers.Length) : -1;
        int closer = rng.Chance(0.5) ? rng.Next(lang.Closers.Length) : -1;
        bool openerAfter = rng.Chance(0.25);
        if (n >= 3 && rng.Chance(0.5))
        {
            int a = 1 + rng.Next(n - 1), b = 1 + rng.Next(n - 1);
            (order[a], order[b]) = (order[b], order[a]);
        }
        else if (n == 2 && rng.Chance(0.3)) { order[0] = 1; order[1] = 0; }
        int joiner = rng.Next(10); // 0-5 space, 6-7 newline, 8 blank line, 9 numbered
        bool lower = lang.HasCase && rng.Chance(0.15);
        bool dropFinalPunct = rng.Chance(0.2);
        var swapRng = SimRandom.Derive(paraphrase, (ulong)skeleton.Key, 0x5A9);

        if (opener >= 0 && !openerAfter) { AppendFrame(output, lang.Openers[opener], lower); output.Append(joiner >= 8 ? "\n\n" : joiner >= 6 ? "\n" : " "); }
        for (int i = 0; i < n; i++)
        {
            if (i > 0)
            {
                if (joiner <= 5) { EndSentence(output, lang); output.Space(); }
                else if (joiner <= 7) output.Append('\n');
                else if (joiner == 8) output.Append("\n\n");
                else output.Append('\n');
            }
            if (joiner == 9 && n > 1) output.Append(i + 1).Append(". ");
            WriteClause(clauses[order[i]], slots, output, lower, swapRate, ref swapRng, synonyms);
            if (i == 0 && opener >= 0 && openerAfter && output.Last is '.' or '?' or '!' or '。' or '？')
            { output.Space(); AppendFrame(output, lang.Openers[opener], lower); }
        }
        if (dropFinalPunct && (output.Last == '.' || output.Last == '。')) output.Truncate(output.Length - 1);
        if (closer >= 0) { output.Append(joiner >= 6 ? "\n\n" : " "); AppendFrame(output, lang.Closers[closer], lower); }
    }

    /// <summary>Ends a clause that stops mid-sentence (a slot fill without final punctuation) before the next one.</summary>
    private static void EndSentence(CharBuffer output, LanguagePack lang)
    {
        if (char.IsLetterOrDigit(output.Last)) output.Append(lang.Spaces ? '.' : '。');
    }

    private static void AppendFrame(CharBuffer output, string text, bool lower)
    {
        if (lower) output.AppendLower(text); else output.Append(text);
    }

    private static void WriteClause(SkeletonToken[] tokens, SlotValues slots, CharBuffer output, bool lower,
        double swapRate, ref SimRandom rng, SynonymTable synonyms)
    {
        for (int t = 0; t < tokens.Length; t++)
        {
            ref readonly var tok = ref tokens[t];
            if (tok.SpaceBefore) output.Space();
            if (tok.Slot != Slot.None)
            {
                if (tok.Slot == Slot.K) output.Append(slots.K);
                else output.Append(slots.Get(tok.Slot)!.Span);
                continue;
            }
            if (tok.SynonymGroup >= 0 && swapRate > 0)
            {
                // Draw for every synonym-bearing word so the stream stays aligned regardless of outcomes.
                double u = rng.NextDouble();
                var group = synonyms.Groups[tok.SynonymGroup];
                int pick = rng.Next(group.Length);
                if (u < swapRate)
                {
                    var word = tok.Text.AsSpan();
                    output.Append(word[..tok.CoreStart]);
                    var alt = group[pick].AsSpan();
                    bool cap = char.IsUpper(word[tok.CoreStart]) && !lower;
                    if (lower) output.AppendLower(alt);
                    else if (cap) output.AppendCapitalized(alt);
                    else output.Append(alt);
                    output.Append(word[(tok.CoreStart + tok.CoreLength)..]);
                    continue;
                }
            }
            if (lower) output.AppendLower(tok.Text); else output.Append(tok.Text);
        }
    }
}
