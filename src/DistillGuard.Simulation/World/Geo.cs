using DistillGuard.Simulation.Common;

namespace DistillGuard.Simulation.World;

/// <summary>A billing country with a representative UTC offset and the languages its people write in.</summary>
public sealed record Country(string Code, int UtcOffsetMinutes, string[] Languages, double Weight);

/// <summary>
/// The countries, time zones and languages every actor (legitimate or not) is drawn from, with one shared
/// distribution so that no country, language or time zone separates campaigns from legitimate users.
/// </summary>
public static class Geo
{
    public static readonly Country[] Countries =
    [
        new("US", -300, ["en", "es"], 20), new("US", -480, ["en", "es"], 10), new("CA", -300, ["en", "fr"], 3),
        new("BR", -180, ["pt"], 4), new("MX", -360, ["es"], 2), new("AR", -180, ["es"], 1),
        new("GB", 0, ["en"], 6), new("DE", 60, ["de", "en"], 5), new("FR", 60, ["fr"], 4), new("ES", 60, ["es"], 2),
        new("IT", 60, ["it"], 2), new("NL", 60, ["nl", "en"], 2), new("PL", 60, ["pl"], 2), new("SE", 60, ["sv", "en"], 1),
        new("UA", 120, ["uk", "ru"], 1), new("TR", 180, ["tr"], 2), new("AE", 240, ["ar", "en"], 1), new("EG", 120, ["ar"], 1),
        new("NG", 60, ["en"], 2), new("KE", 180, ["en", "sw"], 1), new("ZA", 120, ["en"], 1),
        new("IN", 330, ["en", "hi"], 9), new("PK", 300, ["ur", "en"], 1), new("SG", 480, ["en", "zh"], 2),
        new("HK", 480, ["zh", "en"], 2), new("TW", 480, ["zh"], 1), new("CN", 480, ["zh"], 3), new("JP", 540, ["ja"], 4),
        new("KR", 540, ["ko"], 3), new("VN", 420, ["vi"], 2), new("ID", 420, ["id"], 2), new("PH", 480, ["en", "tl"], 1),
        new("AU", 600, ["en"], 2), new("NZ", 720, ["en"], 1), new("RU", 180, ["ru"], 2), new("IL", 120, ["he", "en"], 1),
    ];

    private static readonly double TotalWeight = Countries.Sum(c => c.Weight);

    public static Country PickCountry(ref SimRandom rng)
    {
        double x = rng.NextDouble() * TotalWeight;
        foreach (var c in Countries)
        {
            x -= c.Weight;
            if (x < 0) return c;
        }
        return Countries[^1];
    }

    /// <summary>The offset for a country code (first zone listed), for tests and readers of accounts.jsonl.</summary>
    public static int OffsetOf(string countryCode) => Countries.First(c => c.Code == countryCode).UtcOffsetMinutes;

    /// <summary>A language for someone from <paramref name="country"/>: mostly its own, English often, any other now and then.</summary>
    public static string PickLanguage(Country country, ref SimRandom rng)
    {
        double x = rng.NextDouble();
        if (x < 0.70) return country.Languages[rng.Next(country.Languages.Length)];
        if (x < 0.92) return "en";
        return Countries[rng.Next(Countries.Length)].Languages[0];
    }
}
