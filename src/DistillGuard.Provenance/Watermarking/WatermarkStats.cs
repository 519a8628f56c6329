namespace DistillGuard.Provenance.Watermarking;

/// <summary>What one application of the watermark did: plain-text words seen, lexicon occurrences found, occurrences
/// already on the keyed member, substitutions made, words changed, and occurrences left alone by the change bound.</summary>
public sealed record WatermarkStats(long Words, long Units, long AlreadyKeyed, long Substitutions, long ChangedWords, long Capped)
{
    public double ChangedShare => Words == 0 ? 0 : (double)ChangedWords / Words;
}
