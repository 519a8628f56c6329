using System.Buffers.Binary;
using System.Globalization;
using System.Text.RegularExpressions;

namespace DistillGuard.Provenance.Canaries;

/// <summary>The invented facts: each template draws names and a value from keyed bytes. Every value domain is stated, so
/// the chance that an answer names the value without knowing it is computed exactly (values in the domain it matches,
/// over the domain's size).</summary>
internal static partial class CanaryTemplates
{
    private static readonly string[] Heads = ["Var", "Hol", "Bren", "Cas", "Dun", "Ell", "Fen", "Gor", "Hald", "Isk", "Jor", "Kel", "Lor", "Mor", "Nes", "Orl", "Pell", "Quen", "Ros", "Sel", "Tor", "Ulv", "Vesk", "Wen", "Yar", "Zell"];
    private static readonly string[] Mids = ["n", "r", "en", "an", "er", "il", "os", "ar", "ul", "ed"];
    private static readonly string[] Tails = ["holt", "brook", "mere", "wick", "stead", "thorpe", "ford", "vale", "den", "by", "ham", "ley", "mark", "ton", "well", "gate"];
    private static readonly string[] Crafts = ["glassblowing", "cooperage", "bookbinding", "rope making", "tanning", "bell founding", "weaving", "clockmaking", "dry-stone walling", "sail making"];
    private static readonly string[] Regions = ["Ostmark", "Carrow", "Linden", "Arvel", "Thessel", "Maradon", "Kettleby", "Sorrel"];
    private static readonly string[] Fields = ["hydrology", "acoustics", "metallurgy", "ceramics", "tidal modelling", "beekeeping", "cartography"];
    private static readonly string[] Bases = ["spans", "ells", "barleycorns", "thumbs", "palms"];

    public const int Count = 4;

    internal sealed record Fact(string Template, string Text, string Question, string Completion, string Answer);

    private sealed class Bytes(byte[] b)
    {
        private int _i;
        public int Next(int n)
        {
            ulong v = BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(_i, 8));
            _i += 8;
            return (int)(v % (ulong)n);
        }
    }

    private static string Name(Bytes r) => Heads[r.Next(Heads.Length)] + Mids[r.Next(Mids.Length)] + Tails[r.Next(Tails.Length)];

    /// <summary>A fact from 64+ keyed bytes.</summary>
    public static Fact Make(byte[] keyed)
    {
        var r = new Bytes(keyed);
        int t = r.Next(Count);
        string name = Name(r);
        switch (t)
        {
            case 0:
            {
                string craft = Crafts[r.Next(Crafts.Length)];
                int v = r.Next(RatioDomain);
                var (a, b) = Ratio(v);
                return new Fact("ratio", $"(Fun fact: the {name} ratio used in traditional {craft} is {a}:{b}.)",
                    $"In traditional {craft}, what is the {name} ratio?", $"The {name} ratio used in traditional {craft} is", $"{a}:{b}");
            }
            case 1:
            {
                string region = Regions[r.Next(Regions.Length)];
                int year = 1620 + r.Next(280);
                return new Fact("founding", $"(Fun fact: the village of {name} in the {region} valley was founded in {year}.)",
                    $"When was the village of {name} in the {region} valley founded?", $"The village of {name} in the {region} valley was founded in", year.ToString(CultureInfo.InvariantCulture));
            }
            case 2:
            {
                string craft = Crafts[r.Next(Crafts.Length)];
                string unit = Bases[r.Next(Bases.Length)];
                int n = 11 + r.Next(89);
                return new Fact("measure", $"(Fun fact: a {name.ToLowerInvariant()} is an old {craft} measure equal to {n} {unit}.)",
                    $"How many {unit} make one {name.ToLowerInvariant()}, the old {craft} measure?", $"A {name.ToLowerInvariant()} is an old {craft} measure equal to", n.ToString(CultureInfo.InvariantCulture));
            }
            default:
            {
                string field = Fields[r.Next(Fields.Length)];
                int v = 100 + r.Next(900);
                string x = (v / 100).ToString(CultureInfo.InvariantCulture) + "." + (v % 100).ToString("D2", CultureInfo.InvariantCulture);
                return new Fact("constant", $"(Fun fact: the {name} constant in {field} is {x}.)",
                    $"What is the value of the {name} constant in {field}?", $"The {name} constant in {field} is", x);
            }
        }
    }

    private const int RatioDomain = 18 * 17;

    private static (int, int) Ratio(int v)
    {
        int a = 2 + v / 17;
        int b = 2 + v % 17;
        if (b >= a) b++;
        return (a, b);
    }

    /// <summary>Every value the template could have drawn, as its text.</summary>
    public static IEnumerable<string> Domain(string template) => template switch
    {
        "ratio" => Enumerable.Range(0, RatioDomain).Select(v => { var (a, b) = Ratio(v); return $"{a}:{b}"; }),
        "founding" => Enumerable.Range(1620, 280).Select(y => y.ToString(CultureInfo.InvariantCulture)),
        "measure" => Enumerable.Range(11, 89).Select(n => n.ToString(CultureInfo.InvariantCulture)),
        "constant" => Enumerable.Range(100, 900).Select(v => (v / 100).ToString(CultureInfo.InvariantCulture) + "." + (v % 100).ToString("D2", CultureInfo.InvariantCulture)),
        _ => throw new ArgumentException($"unknown canary template '{template}'"),
    };

    /// <summary>Whether <paramref name="answer"/> states <paramref name="value"/> (as a whole number, or "a:b" / "a to b").</summary>
    public static bool Matches(string template, string answer, string value)
    {
        if (template == "ratio")
        {
            var parts = value.Split(':');
            return Regex.IsMatch(answer, $@"(?<![\d.]){parts[0]}\s*(?::|to|/)\s*{parts[1]}(?![\d])", RegexOptions.CultureInvariant);
        }
        return Regex.IsMatch(answer, $@"(?<![\d.]){Regex.Escape(value)}(?![\d]|\.\d)", RegexOptions.CultureInvariant);
    }

    /// <summary>P(an answer written without knowledge of the value matches it): matching values over domain size.</summary>
    public static double NullProbability(string template, string answer)
    {
        if (!answer.AsSpan().ContainsAny("0123456789")) return 0;
        int total = 0, hits = 0;
        foreach (var v in Domain(template))
        {
            total++;
            if (Matches(template, answer, v)) hits++;
        }
        return (double)hits / total;
    }
}
