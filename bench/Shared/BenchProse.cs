using System.Text;

namespace DistillGuard.Bench;

/// <summary>
/// Assistant-style prose written for the watermark benches (contractions, connectors and phrasings the lexicon rewrites,
/// plus a code span, a number and a URL it must leave alone), repeated to a requested length. Linked into the
/// BenchmarkDotNet project and the gateway bench so both time the same text.
/// </summary>
internal static class BenchProse
{
    public const string Paragraph =
        "Sure, I can help you with that. It is a good idea to make sure the configuration is correct before you deploy. " +
        "First, you will need to check that the service account has the right permissions; if it does not, the job will fail. " +
        "For example, you might see an error like `permission denied` in the log. Additionally, it's worth noting that the " +
        "default timeout is 30 seconds, which may not be enough for large uploads. However, you can change it in the settings " +
        "page, as described at https://example.com/docs/timeouts. In addition, I would recommend that you enable retries, because " +
        "transient network errors are quite common. Moreover, keep in mind that you don't have to restart the service after " +
        "the change. Let me know if you'd like a step-by-step guide, and I'll be happy to walk you through it.\n\n";

    /// <summary><see cref="Paragraph"/> repeated until it has <paramref name="words"/> words.</summary>
    public static string Of(int words)
    {
        var sb = new StringBuilder();
        int n = 0;
        var parts = Paragraph.Split(' ');
        while (n < words)
            foreach (var w in parts)
            {
                if (n == words) break;
                if (sb.Length > 0 && sb[^1] != '\n') sb.Append(' ');
                sb.Append(w);
                n++;
            }
        return sb.ToString().TrimEnd();
    }
}
