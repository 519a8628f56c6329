using DistillGuard.Simulation.Common;

namespace DistillGuard.Simulation.World;

/// <summary>Made-up organisation names, domains and payment fingerprints.</summary>
internal static class Names
{
    private static readonly string[] A =
    [
        "Blue", "Red", "Silver", "Quiet", "Bright", "North", "South", "Iron", "Cedar", "Maple", "Coral", "Amber", "Lumen",
        "Delta", "Orbit", "Pixel", "Vector", "Nimbus", "Harbor", "Summit", "Copper", "Jade", "Onyx", "Willow", "Falcon",
        "Atlas", "Echo", "Nova", "Prism", "Sable", "Tidal", "Velvet", "Zephyr", "Granite", "Meadow", "Crimson", "Indigo",
    ];
    private static readonly string[] B =
    [
        "Finch", "Fox", "Works", "Labs", "Systems", "Data", "Logic", "Forge", "Loop", "Stack", "Wave", "Bridge", "Field",
        "Peak", "Path", "Point", "Grid", "Leaf", "Stone", "River", "Spark", "Craft", "Hive", "Mint", "Scope", "Shift",
    ];
    private static readonly string[] Suffix = ["Labs", "Inc", "Ltd", "GmbH", "Studio", "AI", "Analytics", "Co", "Technologies", "", "", ""];
    private static readonly string[] Tlds = ["com", "io", "ai", "dev", "co", "net", "de", "fr", "jp", "in", "com.br", "co.uk", "sg", "cn", "kr"];
    public static readonly string[] MailProviders =
        ["gmail.com", "gmail.com", "gmail.com", "outlook.com", "hotmail.com", "yahoo.com", "proton.me", "icloud.com", "qq.com", "163.com", "naver.com", "yandex.ru", "gmx.de", "mail.com"];
    private static readonly string[] Unis = ["State University", "Institute of Technology", "University", "College", "Polytechnic"];
    private static readonly string[] EduTlds = ["edu", "ac.uk", "edu.cn", "ac.jp", "edu.au", "ac.in", "edu.br", "de", "ac.kr"];
    private static readonly string[] Persons =
        ["Alex", "Sam", "Priya", "Wei", "Yuki", "Maria", "Jonas", "Amara", "Diego", "Olga", "Kofi", "Lena", "Ravi", "Mina", "Tom", "Ana"];

    public static string Org(ref SimRandom r)
    {
        string s = r.Pick(Suffix);
        return s.Length == 0 ? $"{r.Pick(A)} {r.Pick(B)}" : $"{r.Pick(A)} {r.Pick(B)} {s}";
    }

    public static string Domain(string org, ref SimRandom r)
    {
        var parts = org.Split(' ');
        return $"{parts[0].ToLowerInvariant()}{parts[1].ToLowerInvariant()}.{r.Pick(Tlds)}";
    }

    /// <summary>Individuals sign up with their own name as the org.</summary>
    public static string Person(ref SimRandom r) => $"{r.Pick(Persons)} {(char)('A' + r.Next(26))}.";

    public static (string Org, string Domain) University(ref SimRandom r)
    {
        string w = r.Pick(A);
        return ($"{w} {r.Pick(Unis)}", $"{w.ToLowerInvariant()}{r.Next(10, 99)}.{r.Pick(EduTlds)}");
    }

    public static string Payment(ref SimRandom r) => $"pf_{r.NextUInt64() & 0xFFFFFFFFFFFUL:x11}";
}
