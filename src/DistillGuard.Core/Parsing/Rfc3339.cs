namespace DistillGuard.Core.Parsing;

/// <summary>Parses RFC 3339 timestamps (<c>2026-02-01T12:00:00.123Z</c>, offsets allowed) from UTF-8 to Unix milliseconds.</summary>
public static class Rfc3339
{
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // per-line hot path: optimised from the first call, no tier-0 or instrumented code
    public static bool TryParseUnixMs(ReadOnlySpan<byte> s, out long unixMs)
    {
        unixMs = 0;
        if (s.Length < 20) return false;
        if (!D(s, 0, 4, out int year) || s[4] != '-' || !D(s, 5, 2, out int month) || s[7] != '-' || !D(s, 8, 2, out int day)
            || (s[10] | 0x20) != 't' && s[10] != ' ' || !D(s, 11, 2, out int hour) || s[13] != ':' || !D(s, 14, 2, out int minute)
            || s[16] != ':' || !D(s, 17, 2, out int second))
            return false;
        if (month is < 1 or > 12 || day < 1 || year < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 60) return false;
        int i = 19;
        long fracMs = 0;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            int digits = 0;
            long scale = 100;
            while (i < s.Length && (uint)(s[i] - '0') <= 9)
            {
                if (digits < 3) { fracMs += (s[i] - '0') * scale; scale /= 10; }
                i++; digits++;
            }
            if (digits == 0) return false;
        }
        if (i >= s.Length) return false;
        int offsetMin;
        if ((s[i] | 0x20) == 'z') { offsetMin = 0; i++; }
        else if (s[i] is (byte)'+' or (byte)'-')
        {
            if (s.Length - i != 6 || !D(s, i + 1, 2, out int oh) || s[i + 3] != ':' || !D(s, i + 4, 2, out int om) || oh > 23 || om > 59) return false;
            offsetMin = (oh * 60 + om) * (s[i] == '+' ? 1 : -1);
            i += 6;
        }
        else return false;
        if (i != s.Length) return false;
        long days = new DateOnly(year, month, day).DayNumber - 719162; // DayNumber of 1970-01-01
        unixMs = ((days * 24 + hour) * 60 + minute) * 60_000L + Math.Min(second, 59) * 1000L + fracMs - offsetMin * 60_000L;
        return true;
    }

    private static bool D(ReadOnlySpan<byte> s, int at, int n, out int value)
    {
        value = 0;
        for (int k = 0; k < n; k++)
        {
            uint d = (uint)(s[at + k] - '0');
            if (d > 9) return false;
            value = value * 10 + (int)d;
        }
        return true;
    }
}
