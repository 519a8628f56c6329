using System.Globalization;
using System.Text;
using DistillGuard.Core.Model;
using DistillGuard.Core.Reading;

namespace DistillGuard.Benchmarks;

/// <summary>
/// Writes every <see cref="ExchangeFeatures"/> field of every exchange, one text line each, plus the quarantine
/// file: <c>… -- reader-dump FILE OUT [WORKERS]</c>. Dumps taken before and after a change to the reader must be
/// byte-identical (<c>cmp</c>): the reader's speed work must not change what it extracts.
/// </summary>
internal static class ReaderDump
{
    public static void Run(string file, string output, int workers)
    {
        using var w = new StreamWriter(output, false, new UTF8Encoding(false), 1 << 20);
        var sb = new StringBuilder(512);
        var stats = ExchangeLogReader.Read(new ReaderOptions { Files = [file], Workers = workers, QuarantinePath = output + ".quarantine" }, f =>
        {
            w.WriteLine(Format(f, sb));
        });
        w.WriteLine($"stats lines={stats.Lines} exchanges={stats.Exchanges} quarantined={stats.Quarantined} bytes={stats.Bytes} reasons={string.Join(',', stats.QuarantineReasons.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key}:{k.Value}"))}");
        Console.WriteLine($"dumped {stats.Exchanges} exchanges, {stats.Quarantined} quarantined to {output}");
    }

    /// <summary>One line with every field, in declaration order.</summary>
    public static string Format(ExchangeFeatures f, StringBuilder sb)
    {
        sb.Clear();
        var c = CultureInfo.InvariantCulture;
        sb.Append(f.Id).Append('\t').Append(f.TimestampMs).Append('\t').Append(f.Account).Append('\t').Append(f.Key ?? "<null>")
          .Append('\t').Append(f.Ip ?? "<null>").Append('\t').Append(f.UserAgent ?? "<null>").Append('\t').Append(f.Ja4 ?? "<null>")
          .Append('\t').Append(f.ForwardedFor ?? "<null>").Append('\t').Append(f.Route).Append('\t').Append(f.Api)
          .Append('\t').Append(f.Model ?? "<null>").Append('\t').Append(f.Status).Append('\t').Append(f.LatencyMs)
          .Append('\t').Append(f.MaxTokens).Append('\t').Append(f.ThinkingBudget).Append('\t').Append(f.Logprobs)
          .Append('\t').Append(f.TopLogprobs).Append('\t').Append(f.N).Append('\t').Append(f.Temperature?.ToString("R", c) ?? "<null>")
          .Append('\t').Append(f.ToolCount).Append('\t').Append(f.Turns).Append('\t').Append(f.ReasoningExposed)
          .Append('\t').Append(f.InputTokens).Append('\t').Append(f.OutputTokens).Append('\t').Append(f.ReasoningTokens)
          .Append('\t').Append(f.TemplateFingerprint.ToString("x16")).Append('\t').Append(f.ItemHash.ToString("x16"))
          .Append('\t').Append(f.SystemHash.ToString("x16")).Append('\t').Append(f.ToolSetHash.ToString("x16"))
          .Append('\t').Append((uint)f.Signals).Append('\t').Append((ushort)f.Capabilities)
          .Append('\t').Append(string.Join(',', f.IssuedArtifacts.Select(a => a.ToString("x16"))))
          .Append('\t').Append(string.Join(',', f.PresentedArtifacts.Select(a => a.ToString("x16"))));
        return sb.ToString();
    }
}
