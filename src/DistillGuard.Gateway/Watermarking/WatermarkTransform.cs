using System.Text;
using DistillGuard.Gateway.Seams;
using DistillGuard.Provenance.Watermarking;

namespace DistillGuard.Gateway.Watermarking;

/// <summary>
/// The keyed watermark (docs/provenance.md) as the gateway's text seam: where the matched policy rule carries the
/// <c>watermark</c> action, the exchange's assistant text is watermarked, buffered or streamed. With a
/// <see cref="WatermarkJournal"/>, each watermarked text block's original (as the model wrote it) is journaled once the
/// block is complete, with account, campaign, api, model, exchange and key — the lab's record of what it served
/// watermarked to whom, from which <c>provenance probes --served</c> cuts its probes.
/// </summary>
public sealed class WatermarkTransform(Watermarker watermarker, string keyId, WatermarkJournal? journal = null) : IResponseTextTransform
{
    public IResponseTextTransformer? For(ResponseTextContext context) =>
        context.Watermark ? new Transformer(watermarker, journal is null ? null : new Record(journal, keyId, context)) : null;

    /// <summary>Journals one exchange's original text blocks, numbered in the order they finish.</summary>
    private sealed class Record(WatermarkJournal journal, string keyId, ResponseTextContext c)
    {
        private int _block;

        public void Add(string original)
        {
            if (original.Length == 0) return;
            journal.Add(new WatermarkJournalEntry
            {
                ExchangeId = c.ExchangeId, Account = c.Account, Campaign = c.Verdict.Campaign, Api = c.Api, Model = c.Model,
                KeyId = keyId, ServedAt = DateTimeOffset.UtcNow, Block = Interlocked.Increment(ref _block) - 1, Text = original,
            });
        }
    }

    private sealed class Transformer(Watermarker w, Record? record) : IResponseTextTransformer
    {
        public string Apply(string text)
        {
            record?.Add(text);
            return w.Apply(text);
        }

        public IResponseTextStream Begin() => new Stream(w.Begin(), record);
    }

    private sealed class Stream(WatermarkStream s, Record? record) : IResponseTextStream
    {
        private readonly StringBuilder? _original = record is null ? null : new();

        public string Push(string delta)
        {
            _original?.Append(delta);
            return s.Write(delta);
        }

        public string Flush()
        {
            if (_original is not null) record!.Add(_original.ToString());
            return s.Flush();
        }
    }
}
