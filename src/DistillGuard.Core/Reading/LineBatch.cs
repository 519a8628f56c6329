using DistillGuard.Core.Model;

namespace DistillGuard.Core.Reading;

/// <summary>A pooled block of whole lines from one file, with the exchanges parsed from it.</summary>
internal sealed class LineBatch
{
    public byte[] Buffer = new byte[1 << 20];
    public int Length;
    public long Seq;
    public int FileIndex;
    public long FirstLine;          // 1-based number of the first line in the batch
    public long Lines;              // lines in the batch, empty ones included
    public long BytesPosition;      // stored bytes read so far over all files, after this batch
    public ExchangeFeatures[] Features = [];
    public int Count;
    public readonly List<BadLine> Bad = new();

    public void Reset()
    {
        Length = 0; Count = 0; Lines = 0; Bad.Clear();
    }

    public ExchangeFeatures NextFeatures()
    {
        if (Count == Features.Length)
        {
            int old = Features.Length;
            Array.Resize(ref Features, Math.Max(64, old * 2));
            for (int i = old; i < Features.Length; i++) Features[i] = new ExchangeFeatures();
        }
        return Features[Count];
    }

    internal readonly record struct BadLine(long Line, string Reason, int Start, int Length);
}
