using System.Buffers.Binary;
using System.IO.Compression;

namespace DistillGuard.Dashboard.Tests.Support;

/// <summary>Just enough of PNG (8-bit RGB/RGBA, non-interlaced, as Chromium writes screenshots) to check that a
/// screenshot shows something: its size, how many distinct colours, and how much differs from the background.</summary>
public sealed class Png
{
    public int Width { get; private init; }
    public int Height { get; private init; }
    private byte[] _rgba = [];

    public static Png Read(byte[] file)
    {
        if (file.Length < 33 || BinaryPrimitives.ReadUInt64BigEndian(file) != 0x89504E470D0A1A0A) throw new InvalidDataException("not a PNG");
        int pos = 8, width = 0, height = 0, colorType = 0;
        using var idat = new MemoryStream();
        while (pos + 8 <= file.Length)
        {
            int len = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(pos));
            string type = System.Text.Encoding.ASCII.GetString(file, pos + 4, 4);
            var data = file.AsSpan(pos + 8, len);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                if (data[8] != 8 || data[12] != 0) throw new InvalidDataException("only 8-bit non-interlaced PNG");
                colorType = data[9];
            }
            else if (type == "IDAT") idat.Write(data);
            else if (type == "IEND") break;
            pos += 12 + len;
        }
        int bpp = colorType switch { 6 => 4, 2 => 3, _ => throw new InvalidDataException($"colour type {colorType}") };
        idat.Position = 0;
        using var z = new ZLibStream(idat, CompressionMode.Decompress);
        var raw = new MemoryStream();
        z.CopyTo(raw);
        var buf = raw.GetBuffer();
        int stride = width * bpp;
        var prev = new byte[stride];
        var cur = new byte[stride];
        var rgba = new byte[width * height * 4];
        for (int y = 0; y < height; y++)
        {
            int off = y * (stride + 1);
            byte filter = buf[off];
            for (int x = 0; x < stride; x++)
            {
                int a = x >= bpp ? cur[x - bpp] : 0, b = prev[x], c = x >= bpp ? prev[x - bpp] : 0;
                int v = buf[off + 1 + x];
                v += filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new InvalidDataException("bad filter"),
                };
                cur[x] = (byte)v;
            }
            for (int x = 0; x < width; x++)
            {
                int d = (y * width + x) * 4;
                rgba[d] = cur[x * bpp]; rgba[d + 1] = cur[x * bpp + 1]; rgba[d + 2] = cur[x * bpp + 2]; rgba[d + 3] = bpp == 4 ? cur[x * bpp + 3] : (byte)255;
            }
            (prev, cur) = (cur, prev);
        }
        return new Png { Width = width, Height = height, _rgba = rgba };
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    public int DistinctColours()
    {
        var set = new HashSet<int>();
        for (int i = 0; i < _rgba.Length; i += 4) set.Add(_rgba[i] << 16 | _rgba[i + 1] << 8 | _rgba[i + 2]);
        return set.Count;
    }

    /// <summary>Share of pixels that differ from the most common colour (the background).</summary>
    public double NonBackgroundShare()
    {
        var counts = new Dictionary<int, int>();
        for (int i = 0; i < _rgba.Length; i += 4)
        {
            int k = _rgba[i] << 16 | _rgba[i + 1] << 8 | _rgba[i + 2];
            counts[k] = counts.GetValueOrDefault(k) + 1;
        }
        int bg = counts.Values.Max();
        return 1 - (double)bg / (Width * Height);
    }

    /// <summary>Pixels of a strong red (the campaign colour of badges, bars and graph nodes).</summary>
    public int RedPixels()
    {
        int n = 0;
        for (int i = 0; i < _rgba.Length; i += 4) if (_rgba[i] > 150 && _rgba[i + 1] < 90 && _rgba[i + 2] < 90) n++;
        return n;
    }
}
