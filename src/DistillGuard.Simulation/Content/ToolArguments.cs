using DistillGuard.Simulation.Common;

namespace DistillGuard.Simulation.Content;

/// <summary>Makes plausible JSON arguments for a tool call from the tool's parameters, and a tool result.</summary>
internal static class ToolArguments
{
    public static void Write(ToolSpec tool, SlotValues slots, ref SimRandom r, CharBuffer o)
    {
        o.Append('{');
        bool first = true;
        foreach (var p in tool.Parameters)
        {
            if (!p.Required && r.Chance(0.5)) continue;
            if (!first) o.Append(", ");
            first = false;
            JsonText.String(o, p.Name);
            o.Append(": ");
            Value(p, slots, ref r, o);
        }
        o.Append('}');
    }

    private static void Value(ToolParam p, SlotValues slots, ref SimRandom r, CharBuffer o)
    {
        if (p.Enum is { Length: > 0 }) { JsonText.String(o, p.Enum[r.Next(p.Enum.Length)]); return; }
        switch (p.Type)
        {
            case "integer": o.Append(r.Next(1, 120)); return;
            case "number": o.Append(r.Next(1, 5000) / 4.0, "0.##"); return;
            case "boolean": o.Append(r.Chance(0.5) ? "true" : "false"); return;
            case "array": o.Append('[').Append('"').Append(ItemFactory.Pick(ref r, EnglishPools.Companies).Split(' ')[0].ToLowerInvariant()).Append("@example.com\"]"); return;
            case "object": o.Append("{}"); return;
        }
        string n = p.Name;
        string value;
        if (n.Contains("url")) value = "https://example.com/docs/" + r.Next(100, 999);
        else if (n.Contains("path") || n.Contains("file")) value = Paths[r.Next(Paths.Length)];
        else if (n.Contains("city") || n.Contains("address") || n.Contains("origin") || n.Contains("destination") || n.Contains("location"))
            value = EnglishPools.Cities[r.Next(EnglishPools.Cities.Length)];
        else if (n.Contains("email") || n == "to") value = "jane.doe@example.com";
        else if (n.Contains("symbol") || n.Contains("ticker")) value = Tickers[r.Next(Tickers.Length)];
        else if (n.Contains("currency")) value = Currencies[r.Next(Currencies.Length)];
        else if (n.Contains("date") || n.Contains("time") || n == "start" || n == "end") value = "2026-03-" + (10 + r.Next(18)) + "T" + (9 + r.Next(8)) + ":00:00Z";
        else if (n.Contains("id")) value = r.Next(10000, 99999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        else if (n == "code") value = "import pandas as pd\ndf = pd.read_csv('data.csv')\nprint(df.describe())";
        else if (n.Contains("query") || n.Contains("pattern") || n.Contains("text") || n.Contains("subject") || n.Contains("title"))
        {
            var q = slots.Q.Span;
            JsonText.String(o, q.Length > 80 ? q[..80] : q);
            return;
        }
        else value = EnglishPools.Topics[r.Next(EnglishPools.Topics.Length)];
        JsonText.String(o, value);
    }

    public static void Result(ToolSpec tool, ref SimRandom r, CharBuffer o)
    {
        o.Append("{\"status\": \"ok\", \"tool\": ");
        JsonText.String(o, tool.Name);
        o.Append(", \"result\": ");
        JsonText.String(o, EnglishPools.Prose[r.Next(EnglishPools.Prose.Length)]);
        o.Append(", \"count\": ").Append(r.Next(0, 40)).Append('}');
    }

    private static readonly string[] Paths = ["data/report.csv", "src/main.py", "notes/todo.md", "output/totals.csv", "README.md", "tests/test_api.py"];
    private static readonly string[] Tickers = ["ACME", "NWND", "BLFN", "KSTR", "ORBT"];
    private static readonly string[] Currencies = ["USD", "EUR", "JPY", "GBP", "BRL", "INR"];
}
