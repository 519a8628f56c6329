namespace DistillGuard.RedTeam;

/// <summary>Problems with computed answers, coding tasks, documents: the material personas and campaigns work on.</summary>
public static class Tasks
{
    public static readonly string[] Names = ["Priya", "Tomás", "Mei", "Jonas", "Aisha", "Kenji", "Lucía", "Omar", "Hannah", "Dmitri", "Chloé", "Ravi", "Sofia", "Min-jun", "Ana", "Felix"];

    /// <summary>A word problem with its exact answer.</summary>
    public static (string q, string a) MathProblem(Rng r)
    {
        string n = r.Pick(Names);
        switch (r.Int(10))
        {
            case 0:
            {
                int a = r.Int(2, 9), b = r.Int(3, 12);
                var num = a * b; var den = a + b; int g = Gcd(num, den);
                return ($"{r.Pick(new[] { "At the farm", "In the village", "At the factory", "At " + n + "'s house" })}, one pump fills a {r.Pick(new[] { "cistern", "water tank", "pool", "reservoir" })} in {a} hours and a second pump fills it in {b} hours. Working together from empty, how long do the two pumps take to fill it?", $"{num / g}/{den / g} hours");
            }
            case 1:
            {
                int k = r.Int(3, 9), p = r.Int(2, 14), bill = (k * p / 10 + 1) * 10 + 10;
                return ($"{n} buys {k} notebooks at ${p} each and pays with ${bill}. How much change does {n} get?", $"${bill - k * p}");
            }
            case 2:
            {
                int up = r.Int(5, 40), down = r.Int(5, 40);
                double f = (1 + up / 100.0) * (1 - down / 100.0);
                return ($"A price goes up by {up}% and then down by {down}%. By what percent did it change overall?", $"{(f - 1) * 100:0.##}%");
            }
            case 3:
            {
                int tot = r.Int(6, 15), k = r.Int(2, 5);
                return ($"The {r.Pick(new[] { "chess club", "student council", "hiking group", "book club", "robotics team", "choir" })} chooses a committee of {k} people from {tot} candidates. How many different committees are possible?", Choose(tot, k).ToString());
            }
            case 4:
            {
                int v1 = r.Int(40, 90), v2 = r.Int(50, 110), d = r.Int(150, 700);
                return ($"Two trains start {d} km apart and travel toward each other at {v1} km/h and {v2} km/h. After how many hours do they meet?", $"{d / (double)(v1 + v2):0.###} hours");
            }
            case 5:
            {
                int b = r.Int(2, 9), e = r.Int(10, 99), m = r.Int(5, 13);
                return ($"What is the remainder when {b}^{e} is divided by {m}?", PowMod(b, e, m).ToString());
            }
            case 6:
            {
                int a1 = r.Int(1, 20), d = r.Int(2, 9), k = r.Int(10, 60);
                return ($"What is the sum of the first {k} terms of the arithmetic sequence {a1}, {a1 + d}, {a1 + 2 * d}, ...?", (k * (2 * a1 + (k - 1) * d) / 2).ToString());
            }
            case 7:
            {
                int s = r.Int(3, 11); int ways = 0;
                for (int i = 1; i <= 6; i++) for (int j = 1; j <= 6; j++) if (i + j == s) ways++;
                int g = Gcd(ways, 36);
                return ($"{n} rolls two fair dice {r.Pick(new[] { "during a board game", "at game night", "to decide who goes first", "for a probability homework" })}. What is the probability that the total is exactly {s}?", $"{ways / g}/{36 / g}");
            }
            case 8:
            {
                int w = r.Int(3, 20), l = w + r.Int(2, 15);
                return ($"{n} fences a rectangular {r.Pick(new[] { "garden", "yard", "pen", "plot" })}. The rectangle has a perimeter of {2 * (w + l)} cm and one side is {l - w} cm longer than the other. What is its area?", $"{w * l} cm^2");
            }
            default:
            {
                int age = r.Int(5, 15), k = r.Int(2, 4), yrs = r.Int(2, 12);
                return ($"{n}'s mother is {k} times as old as {n}. In {yrs} years, the sum of their ages will be {age * (k + 1) + 2 * yrs}. How old is {n} now?", age.ToString());
            }
        }
    }

    public static readonly (string q, string[] opts, int ans)[] Mcq =
    [
        ("Which organelle is the main site of ATP production in eukaryotic cells?", ["Ribosome", "Mitochondrion", "Golgi apparatus", "Lysosome"], 1),
        ("In macroeconomics, a leftward shift of the aggregate supply curve typically causes", ["lower prices and higher output", "higher prices and lower output", "lower prices and lower output", "no change in prices"], 1),
        ("Which data structure gives O(1) average-time lookup by key?", ["Linked list", "Binary heap", "Hash table", "Sorted array"], 2),
        ("The derivative of ln(x^2 + 1) with respect to x is", ["1/(x^2+1)", "2x/(x^2+1)", "2x ln(x)", "x/(x^2+1)"], 1),
        ("Which of these is a primary source for a historian of the 1840s?", ["A 1990 textbook", "A diary written in 1846", "A documentary from 2005", "An encyclopedia article"], 1),
        ("Under Bayes' theorem, P(A|B) equals", ["P(B|A)P(A)/P(B)", "P(A)P(B)", "P(A)+P(B)", "P(B|A)/P(A)"], 0),
        ("Which gas makes up the largest share of Earth's atmosphere?", ["Oxygen", "Carbon dioxide", "Argon", "Nitrogen"], 3),
        ("A contract signed by a minor is usually", ["void", "voidable by the minor", "always enforceable", "illegal"], 1),
        ("What is the time complexity of merge sort in the worst case?", ["O(n)", "O(n log n)", "O(n^2)", "O(log n)"], 1),
        ("Which philosopher wrote the 'Critique of Pure Reason'?", ["Hume", "Kant", "Hegel", "Locke"], 1),
        ("In a perfectly competitive market in the long run, firms earn", ["positive economic profit", "zero economic profit", "negative accounting profit", "monopoly rents"], 1),
        ("Which vitamin deficiency causes scurvy?", ["Vitamin A", "Vitamin B12", "Vitamin C", "Vitamin D"], 2),
        ("The SI unit of electrical capacitance is the", ["henry", "farad", "ohm", "tesla"], 1),
        ("Which sorting algorithm is stable?", ["Heapsort", "Quicksort (in-place)", "Merge sort", "Selection sort"], 2),
        ("Which of these is NOT a greenhouse gas?", ["Methane", "Water vapour", "Nitrous oxide", "Nitrogen"], 3),
        ("The main function of the loop of Henle is to", ["filter blood", "concentrate urine", "produce renin", "store bile"], 1),
    ];

    public static string McqText(Rng r, out int ans, out string letter)
    {
        var m = r.Pick(Mcq);
        ans = m.ans; letter = "ABCD"[m.ans].ToString();
        return $"{m.q}\nA. {m.opts[0]}\nB. {m.opts[1]}\nC. {m.opts[2]}\nD. {m.opts[3]}";
    }

    // ------------------------------------------------------------------ coding
    public static readonly string[] PLangs = ["Python", "TypeScript", "Go", "Rust", "Java", "C#", "SQL", "JavaScript", "Kotlin", "Bash"];

    public static readonly string[] CodeTasks =
    [
        "parses an ISO 8601 duration string into seconds", "deduplicates a list of records by email, keeping the newest", "retries an HTTP call with exponential backoff and jitter",
        "computes a rolling 7-day average from daily counts", "validates a credit card number with the Luhn check", "merges overlapping time intervals",
        "reads a large CSV in chunks and sums one column", "implements an LRU cache with a fixed capacity", "flattens a nested JSON object into dotted keys",
        "rate-limits calls to at most N per second", "finds the k most frequent words in a text file", "converts between snake_case and camelCase",
        "walks a directory tree and reports duplicate files by hash", "paginates through a REST API until there are no more pages", "parses a simple INI file",
        "schedules jobs with a priority queue", "checks whether a string of brackets is balanced", "streams lines from a gzip file and filters them",
        "builds a trie for prefix autocomplete", "computes the Levenshtein distance between two strings",
    ];

    public static readonly string[] CodeAsk =
    [
        "Write a {pl} function that {task}.", "how do I write something in {pl} that {task}?", "Can you give me idiomatic {pl} code that {task}? Include a couple of tests.",
        "I need a {pl} helper that {task}. Performance matters, input can be big.", "What's the cleanest way in {pl} to do this: a function that {task}",
        "my {pl} code that {task} is way too slow, any ideas?", "Review my approach: I'm writing a {pl} module that {task}. What edge cases am I missing?",
    ];

    public static readonly string[] CodeErrors =
    [
        "TypeError: 'NoneType' object is not subscriptable", "panic: runtime error: index out of range [3] with length 3", "error[E0502]: cannot borrow `v` as mutable because it is also borrowed as immutable",
        "NullReferenceException: Object reference not set to an instance of an object", "UnhandledPromiseRejection: TypeError: Cannot read properties of undefined (reading 'map')",
        "java.util.ConcurrentModificationException", "sqlite3.OperationalError: database is locked", "ERROR: duplicate key value violates unique constraint \"users_email_key\"",
    ];

    public static string CodeSnippet(Rng r, string pl, string fname)
    {
        string body = pl switch
        {
            "Python" => $"def {fname}(items, limit=None):\n    \"\"\"Process items and return the result.\"\"\"\n    seen = {{}}\n    for item in items:\n        key = item.get(\"id\")\n        if key is None:\n            continue\n        seen[key] = item\n        if limit and len(seen) >= limit:\n            break\n    return list(seen.values())\n",
            "TypeScript" or "JavaScript" => $"export function {Camel(fname)}(items{(pl == "TypeScript" ? ": Item[]" : "")}, limit{(pl == "TypeScript" ? "?: number" : "")}) {{\n  const seen = new Map();\n  for (const item of items) {{\n    if (item.id == null) continue;\n    seen.set(item.id, item);\n    if (limit && seen.size >= limit) break;\n  }}\n  return [...seen.values()];\n}}\n",
            "Go" => $"func {Pascal(fname)}(items []Item, limit int) []Item {{\n\tseen := make(map[string]Item, len(items))\n\tout := make([]Item, 0, len(items))\n\tfor _, it := range items {{\n\t\tif _, ok := seen[it.ID]; ok {{\n\t\t\tcontinue\n\t\t}}\n\t\tseen[it.ID] = it\n\t\tout = append(out, it)\n\t\tif limit > 0 && len(out) >= limit {{\n\t\t\tbreak\n\t\t}}\n\t}}\n\treturn out\n}}\n",
            "Rust" => $"pub fn {fname}(items: &[Item], limit: Option<usize>) -> Vec<Item> {{\n    let mut seen = std::collections::HashSet::new();\n    let mut out = Vec::new();\n    for it in items {{\n        if seen.insert(it.id.clone()) {{\n            out.push(it.clone());\n        }}\n        if limit.map_or(false, |l| out.len() >= l) {{ break; }}\n    }}\n    out\n}}\n",
            "Java" or "Kotlin" or "C#" => $"public static List<Item> {Pascal(fname)}(List<Item> items, int limit) {{\n    var seen = new HashSet<String>();\n    var result = new ArrayList<Item>();\n    for (var item : items) {{\n        if (!seen.add(item.id())) continue;\n        result.add(item);\n        if (limit > 0 && result.size() >= limit) break;\n    }}\n    return result;\n}}\n",
            "SQL" => "SELECT user_id,\n       date_trunc('day', created_at) AS day,\n       count(*) AS events,\n       avg(count(*)) OVER (PARTITION BY user_id ORDER BY date_trunc('day', created_at) ROWS BETWEEN 6 PRECEDING AND CURRENT ROW) AS avg_7d\nFROM events\nGROUP BY 1, 2\nORDER BY 1, 2;\n",
            _ => $"#!/usr/bin/env bash\nset -euo pipefail\n{fname}() {{\n  local dir=\"${{1:-.}}\"\n  find \"$dir\" -type f -print0 | xargs -0 sha256sum | sort | uniq -w64 -d\n}}\n{fname} \"$@\"\n",
        };
        string fence = pl switch { "C#" => "csharp", "Bash" => "bash", _ => pl.ToLowerInvariant() };
        return $"```{fence}\n{body}```";
    }

    public static string FuncName(Rng r) => r.Pick(new[] { "merge_intervals", "dedupe_records", "rolling_avg", "parse_duration", "retry_call", "flatten_keys", "top_k_words", "load_chunks", "check_luhn", "build_index", "normalize_rows", "schedule_jobs" });

    private static string Pascal(string s) => string.Concat(s.Split('_').Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
    private static string Camel(string s) { var p = Pascal(s); return char.ToLowerInvariant(p[0]) + p[1..]; }

    // ------------------------------------------------------------------ documents
    public static readonly string[] Vendors = ["Kestrel Office Supply", "Nordlicht Logistik GmbH", "Pacific Rim Paper Co.", "Atelier Durand SARL", "Sunbelt HVAC Services", "Maple & Finch Catering", "Tanaka Precision Parts", "Verde Cleaning Ltd"];

    public static string Invoice(Rng r)
    {
        string v = r.Pick(Vendors); int lines = r.Int(2, 6);
        var sb = new System.Text.StringBuilder();
        sb.Append($"{v}\nINVOICE No. {r.Pick(new[] { "INV", "F", "RG", "2026" })}-{r.Int(1000, 99999)}\nDate: 2026-{r.Int(8, 10):00}-{r.Int(1, 28):00}\nBill to: {r.Pick(new[] { "Halden Foods", "Orbit Dental Group", "Cedar Street Clinic", "Lumen Analytics" })}\n\n");
        double tot = 0;
        for (int i = 0; i < lines; i++)
        {
            int q = r.Int(1, 40); double p = Math.Round(r.Range(2, 400), 2); tot += q * p;
            sb.Append($"{r.Pick(new[] { "Toner cartridge", "Service call", "Filter replacement", "A4 paper box", "Labour (hours)", "Delivery", "Catering tray" })}  x{q}  @ {p:0.00}  = {q * p:0.00}\n");
        }
        sb.Append($"\nSubtotal {tot:0.00}\nVAT {tot * 0.2:0.00}\nTOTAL DUE {tot * 1.2:0.00} {r.Pick(new[] { "EUR", "USD", "GBP", "JPY" })}\n");
        return sb.ToString();
    }

    public static string Csv(Rng r, out string metric)
    {
        metric = r.Pick(new[] { "revenue", "signups", "churned_users", "tickets", "orders" });
        var sb = new System.Text.StringBuilder($"month,region,{metric}\n");
        string[] regions = ["north", "south", "east", "west"];
        for (int m = 1; m <= r.Int(4, 9); m++)
            foreach (var g in regions.Take(r.Int(2, 4))) sb.Append($"2026-{m:00},{g},{r.Int(80, 5000)}\n");
        return sb.ToString();
    }

    public static int Gcd(int a, int b) { while (b != 0) (a, b) = (b, a % b); return Math.Abs(a); }
    public static long Choose(int n, int k) { long c = 1; for (int i = 1; i <= k; i++) c = c * (n - k + i) / i; return c; }
    public static long PowMod(long b, long e, long m) { long x = 1; b %= m; while (e > 0) { if ((e & 1) == 1) x = x * b % m; b = b * b % m; e >>= 1; } return x; }

    /// <summary>A worked solution: numbered steps that use the problem's own numbers, then the answer.</summary>
    public static string Worked(Rng r, string q, string a, int steps, string lang = "en")
    {
        var nums = System.Text.RegularExpressions.Regex.Matches(q, @"\d+(\.\d+)?").Select(m => m.Value).ToList();
        if (nums.Count == 0) nums = ["1", "2"];
        string N() => r.Pick(nums);
        var moves = new List<Func<string>>
        {
            () => $"Restate the data: the statement gives {string.Join(", ", nums.Take(4))}.",
            () => "Name the unknown quantity x and say what it measures.",
            () => $"Write the relation between {N()} and {N()} as an equation in x.",
            () => "Simplify both sides and collect the terms in x.",
            () => "Check the units, so that the quantities being combined are comparable.",
            () => $"Substitute {N()} where it belongs and evaluate.",
            () => $"Compute the intermediate value from {N()} and {N()}.",
            () => "Compare the size of the result with the story to see that it is plausible.",
            () => "Ask whether another reading of the wording would change the setup; here it does not.",
            () => "Reduce the fraction or round to the precision the question expects.",
            () => $"Try a quick alternative route with {N()} to confirm the value.",
            () => "Discard the first guess because it double-counts one case.",
            () => $"Plug the candidate back in: with {N()} the relation holds.",
        };
        r.Shuffle(moves);
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < steps; i++) sb.Append($"{i + 1}. {moves[i % moves.Count]()}\n");
        sb.Append(lang switch { "zh" => $"\n答案：{a}", "ja" => $"\n答え：{a}", "es" => $"\nRESPUESTA: {a}", "de" => $"\nLösung: {a}", _ => $"\nSo the answer is {a}." });
        return sb.ToString();
    }
}
