using System.Text.Json;

namespace DistillGuard.RedTeam;

/// <summary>Conversations for the `adaptive` mix: its campaigns' harness, SQL and trace harvests, and its look-alike hard negatives.
/// Written for this generator; only used by the kinds added with that mix (the other mixes never reach this code).</summary>
public static class AdaptiveContent
{
    static string J(object o) => JsonSerializer.Serialize(o);
    static Call C(Rng r, string name, object args) => new(r.Alnum(24), name, J(args));
    static ToolDef T(string n, string d, string props, string req) => new(n, d, "{\"type\":\"object\",\"properties\":{" + props + "},\"required\":[" + req + "]}");

    // ---------------------------------------------------------------- the campaign's own agent harness (tool names and parameters fixed)
    public static readonly List<ToolDef> Harness =
    [
        T("search_code", "Search the repository for a string or regular expression.", "\"query\":{\"type\":\"string\"},\"path_glob\":{\"type\":\"string\"},\"max_hits\":{\"type\":\"integer\"}", "\"query\""),
        T("read_range", "Read lines start..end of a file.", "\"path\":{\"type\":\"string\"},\"start\":{\"type\":\"integer\"},\"end\":{\"type\":\"integer\"}", "\"path\""),
        T("write_patch", "Replace the text `search` by `replace` in a file.", "\"path\":{\"type\":\"string\"},\"search\":{\"type\":\"string\"},\"replace\":{\"type\":\"string\"}", "\"path\",\"search\",\"replace\""),
        T("run", "Run a shell command in the workspace.", "\"cmd\":{\"type\":\"string\"},\"cwd\":{\"type\":\"string\"},\"timeout\":{\"type\":\"integer\"}", "\"cmd\""),
        T("finish", "Declare the task complete.", "\"summary\":{\"type\":\"string\"},\"files_changed\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}", "\"summary\""),
    ];

    static readonly string[] HOpen =
    [
        "You are an expert software engineer.", "You are a senior developer working in a sandboxed copy of a repository.", "Act as an autonomous coding agent.",
        "You are a careful programmer resolving an issue in an open-source project.", "You are a coding assistant with shell and file access.",
        "You are an AI engineer who fixes bugs and implements small features.", "Role: software engineering agent.", "You are a meticulous backend engineer.",
        "You are a pragmatic full-stack developer.", "You work as a maintainer triaging and fixing reported issues.",
    ];
    static readonly string[] HRules =
    [
        "Always look at the relevant code before editing it.", "Prefer the smallest change that fixes the problem.", "Run the tests after each change.",
        "Do not modify existing tests unless the task requires it.", "Keep the code style of the project.", "Explain what you are about to do before each tool call.",
        "Never guess file contents; read them.", "If a command fails, read the error before retrying.", "Add a regression test for every bug you fix.",
        "Avoid introducing new dependencies.", "Keep your messages short.", "Think about edge cases such as empty input and duplicates.",
    ];
    static readonly string[] HFinish =
    [
        "When you are done, call finish with a short summary.", "Finish by calling `finish` with a summary and the list of changed files.",
        "End the task with the finish tool.", "Call finish once the tests pass.", "Use finish to report what you changed.",
    ];

    /// <summary>One account's wording of the harness instructions (the operator varies it per account).</summary>
    public static string HarnessSystem(Rng r)
    {
        var rules = HRules.ToList(); r.Shuffle(rules);
        int k = r.Int(2, 5);
        string sep = r.Pick(new[] { "\n- ", "\n", " " });
        string body = sep == "\n- " ? "\nRules:" + string.Concat(rules.Take(k).Select(x => sep + x)) : sep + string.Join(sep, rules.Take(k));
        return $"{r.Pick(HOpen)}{body}\n{r.Pick(HFinish)}";
    }

    static readonly string[] Repos = ["yamlpath", "quickcsv", "tzshift", "pgqueue", "httpmock", "slugify-plus", "mdtable", "semverx", "geohash-lite", "jobrunner", "imgthumb", "logfmt", "bloomset", "retryx", "tinyorm", "feedparse"];

    static void HarnessAgent(Session s, Rng r, Convo c)
    {
        var ir = new Rng(Rng.Mix(0x4A12, (ulong)s.Item));
        c.System = s.AppSystem; c.Tools = Harness;
        string repo = ir.Pick(Repos), task = ir.Pick(Tasks.CodeTasks), fn = Tasks.FuncName(ir);
        string ext = ir.Pick(new[] { "py", "py", "ts", "go", "rs" });
        string file = ext switch { "py" => $"{repo.Replace('-', '_')}/{ir.Pick(new[] { "core", "utils", "parser", "io" })}.py", "ts" => $"src/{ir.Pick(new[] { "index", "lib", "client" })}.ts", "go" => $"internal/{ir.Pick(new[] { "store", "queue", "codec" })}/{ir.Pick(new[] { "store", "queue", "codec" })}.go", _ => $"src/{ir.Pick(new[] { "lib", "engine" })}.rs" };
        string test = ext switch { "py" => $"tests/test_{fn}.py", "ts" => "test/index.test.ts", "go" => Path.ChangeExtension(file, null) + "_test.go", _ => "tests/it.rs" };
        string testCmd = ext switch { "py" => $"pytest -q {test}", "ts" => "npm test --silent", "go" => "go test ./...", _ => "cargo test -q" };
        string pl = ext switch { "py" => "Python", "ts" => "TypeScript", "go" => "Go", _ => "Rust" };
        string pas = string.Concat(fn.Split('_').Select(x => char.ToUpperInvariant(x[0]) + x[1..])), cam = char.ToLowerInvariant(pas[0]) + pas[1..];
        (string sig, string sigNew, string line, string lineNew, string testBody) = ext switch
        {
            "py" => ($"def {fn}(items", $"def {fn}(items=None", "seen[key] = item", "seen[key] = newest(seen.get(key), item)", $"def test_{fn}_basic():\n    assert {fn}([1, 2]) == [1, 2]\n"),
            "ts" => ($"export function {cam}(items", $"export function {cam}(items = []", "seen.set(item.id, item);", "seen.set(item.id, newest(seen.get(item.id), item));", $"test('{cam} basic', () => {{\n  expect({cam}([a, b])).toEqual([a, b]);\n}});\n"),
            "go" => ($"func {pas}(items []Item", $"func {pas}(items []Item /* may be nil */", "seen[it.ID] = it", "seen[it.ID] = newest(seen[it.ID], it)", $"func Test{pas}Basic(t *testing.T) {{\n\tif got := {pas}(items, 0); len(got) != 2 {{\n\t\tt.Fatal(got)\n\t}}\n}}\n"),
            _ => ($"pub fn {fn}(items: &[Item]", $"pub fn {fn}(items: &[Item] /* may be empty */", "seen.insert(it.id.clone())", "seen.insert(it.id.clone()) || newer(it)", $"#[test]\nfn {fn}_basic() {{\n    assert_eq!({fn}(&items, None).len(), 2);\n}}\n"),
        };
        c.U(ir.Pick(new[]
        {
            $"Repository: {repo}\nIssue #{ir.Int(12, 2400)}: `{fn}` returns wrong results for an empty input. Fix it and add a test.",
            $"Repository: {repo}\nImplement a function in {file} that {task}. Existing tests must keep passing.",
            $"Repository: {repo}\nBug report: calling `{fn}` twice with the same id raises an exception. Expected: the newer record wins.",
            $"Repository: {repo}\nThe CI job `{ir.Pick(new[] { "unit", "lint", "test-matrix" })}` fails after the last merge. Find the cause and fix it.",
            $"Repository: {repo}\nRefactor `{fn}` in {file} so that it {task}, without changing its public signature.",
        }));
        c.Tool(r.Chance(0.5) ? "Let me find where this lives." : null, C(r, "search_code", new { query = fn, path_glob = $"**/*.{ext}", max_hits = 20 }), $"{file}:{r.Int(8, 240)}: {fn}\n{test}:{r.Int(3, 60)}: {fn}");
        c.Tool(null, C(r, "read_range", new { path = file, start = 1, end = r.Pick(new[] { 80, 120, 200 }) }), Tasks.CodeSnippet(r, pl, fn));
        if (r.Chance(0.5)) c.Tool(null, C(r, "read_range", new { path = test, start = 1, end = 60 }), testBody);
        c.Tool(r.Chance(0.5) ? "The empty case is not handled; patching." : null, C(r, "write_patch", new { path = file, search = sig, replace = sigNew }), "patched 1 hunk");
        bool fail = r.Chance(0.4);
        c.Tool(null, C(r, "run", new { cmd = testCmd, cwd = ".", timeout = 300 }), fail ? $"FAILED {test}::test_{fn}_duplicates - AssertionError\n1 failed, {r.Int(4, 60)} passed" : $"{r.Int(4, 90)} passed in {r.Range(0.4, 12):0.00}s");
        if (fail)
        {
            c.Tool(null, C(r, "read_range", new { path = file, start = r.Int(10, 60), end = r.Int(80, 140) }), Tasks.CodeSnippet(r, pl, fn));
            c.Tool(null, C(r, "write_patch", new { path = file, search = line, replace = lineNew }), "patched 1 hunk");
            c.Tool(null, C(r, "run", new { cmd = testCmd, cwd = ".", timeout = 300 }), $"{r.Int(5, 90)} passed in {r.Range(0.4, 12):0.00}s");
        }
        c.Tool(null, C(r, "finish", new { summary = $"{fn}: handle empty input and duplicate ids; added a regression test", files_changed = new[] { file, test } }), "ok");
        c.A($"Done. `{fn}` in `{file}` now {r.Pick(new[] { "handles the empty case", "keeps the newest record per id", "no longer mutates its input" })}; {r.Pick(new[] { "tests pass", "the suite is green", "all tests pass locally" })}.");
    }

    // ---------------------------------------------------------------- a legitimate coding-agent product ("Quillcode"): shared tools, per-user environment in the prompt
    public static readonly List<ToolDef> Quill =
    [
        T("read_file", "Read a file from the local filesystem.", "\"file_path\":{\"type\":\"string\"},\"offset\":{\"type\":\"integer\"},\"limit\":{\"type\":\"integer\"}", "\"file_path\""),
        T("write_file", "Write a file to the local filesystem, overwriting it.", "\"file_path\":{\"type\":\"string\"},\"content\":{\"type\":\"string\"}", "\"file_path\",\"content\""),
        T("edit", "Exact string replacement in a file.", "\"file_path\":{\"type\":\"string\"},\"old_string\":{\"type\":\"string\"},\"new_string\":{\"type\":\"string\"},\"replace_all\":{\"type\":\"boolean\"}", "\"file_path\",\"old_string\",\"new_string\""),
        T("bash", "Run a bash command.", "\"command\":{\"type\":\"string\"},\"timeout_ms\":{\"type\":\"integer\"},\"description\":{\"type\":\"string\"}", "\"command\""),
        T("grep", "Search file contents with ripgrep.", "\"pattern\":{\"type\":\"string\"},\"path\":{\"type\":\"string\"},\"include\":{\"type\":\"string\"}", "\"pattern\""),
        T("glob", "Find files by glob pattern.", "\"pattern\":{\"type\":\"string\"},\"path\":{\"type\":\"string\"}", "\"pattern\""),
        T("todo_write", "Create or update the task list for this session.", "\"todos\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{\"content\":{\"type\":\"string\"},\"status\":{\"type\":\"string\",\"enum\":[\"pending\",\"in_progress\",\"completed\"]}}}}", "\"todos\""),
    ];

    static readonly string[] UserRules =
    [
        "Use pnpm, not npm.", "We use tabs.", "Run `make check` before saying you're done.", "Never commit.", "Type hints everywhere.", "Tests live next to the code.",
        "Prefer small functions.", "Answer in German.", "No emojis in code comments.", "Use conventional commit messages.", "Don't touch the generated/ folder.", "Ask before installing packages.",
        "Our API uses snake_case JSON.", "Target Python 3.11.", "Use zod for validation.", "Logging via structlog only.",
    ];

    /// <summary>Quillcode's system prompt: the product's fixed text plus the user's own environment and project rules.</summary>
    public static string QuillSystem(Rng r, string user, string model)
    {
        string proj = r.Pick(new[] { "api", "webapp", "infra", "thesis-code", "shop-backend", "ml-pipeline", "dotfiles", "game", "scraper", "mobile" });
        string os = r.Pick(new[] { "linux", "darwin", "darwin", "win32" });
        string dir = os == "win32" ? $"C:\\Users\\{user}\\src\\{proj}" : os == "darwin" ? $"/Users/{user}/code/{proj}" : $"/home/{user}/{proj}";
        var rules = UserRules.ToList(); r.Shuffle(rules);
        string proj_md = r.Chance(0.7) ? $"\n<project-instructions>\n# QUILL.md\n{string.Join("\n", rules.Take(r.Int(1, 5)).Select(x => "- " + x))}\n</project-instructions>" : "";
        return "You are Quill, an interactive coding agent made by Quillcode. You help the user with software engineering tasks in their local project using the tools available. "
             + "Be concise. Read files before editing them. Never run destructive commands without asking. Track multi-step work with todo_write."
             + $"\n<env>\nWorking directory: {dir}\nPlatform: {os}\nIs git repo: {(r.Chance(0.85) ? "yes" : "no")}\nToday's date: {{date}}\nModel: {model}\n</env>{proj_md}";
    }

    static void QuillAgent(Session s, Rng r, Convo c)
    {
        c.System = (s.AppSystem ?? QuillSystem(r, "dev", s.Model)).Replace("{date}", "2026-10-" + (5 + (int)(s.Seed % 12)).ToString("00"));
        c.Tools = Quill;
        string task = r.Pick(Tasks.CodeTasks), fn = Tasks.FuncName(r);
        string file = r.Pick(new[] { "src/server.ts", "app/models.py", "pkg/api/handler.go", "src/lib.rs", "scripts/etl.py", "web/components/Cart.tsx" });
        c.U(r.Pick(new[] { $"add a function that {task}", $"tests are failing in {file}, fix pls", $"explain what {file} does", $"refactor {fn} to be readable", $"why does `{fn}` return null sometimes?", $"write tests for {fn}" }));
        if (r.Chance(0.35)) c.Tool(null, C(r, "todo_write", new { todos = new[] { new { content = "Read the relevant code", status = "in_progress" }, new { content = "Make the change", status = "pending" }, new { content = "Run tests", status = "pending" } } }), "ok");
        int steps = r.Int(2, 7);
        for (int i = 0; i < steps; i++)
        {
            switch (i == 0 ? r.Int(2) : r.Int(5))
            {
                case 0: c.Tool(null, C(r, "grep", new { pattern = fn, path = ".", include = "*" }), $"{file}:{r.Int(5, 300)}:  {fn}("); break;
                case 1: c.Tool(null, C(r, "glob", new { pattern = "**/*test*", path = "." }), "tests/test_api.py\nsrc/server.test.ts"); break;
                case 2: c.Tool(null, C(r, "read_file", new { file_path = file, offset = 1, limit = 200 }), Tasks.CodeSnippet(r, "Python", fn)); break;
                case 3: c.Tool(r.Chance(0.5) ? "Making the edit." : null, C(r, "edit", new { file_path = file, old_string = $"def {fn}(items):", new_string = $"def {fn}(items: list) -> list:", replace_all = false }), "The file has been updated."); break;
                default: c.Tool(null, C(r, "bash", new { command = r.Pick(new[] { "npm test", "pytest -q", "go test ./...", "cargo test", "git diff --stat" }), timeout_ms = 120000, description = "Run tests" }), r.Chance(0.5) ? $"{r.Int(3, 80)} passed" : "1 failed"); break;
            }
        }
        c.A(r.Pick(new[] { $"Done - updated `{file}`. {Text.Prose(r, "en", 1, task)}", $"`{fn}` returned null when the list was empty; fixed and tests pass.", $"Here's what `{file}` does: {Text.Prose(r, "en", r.Int(2, 4), task)}" }));
        if (r.Chance(0.3)) c.U(r.Pick(new[] { "thanks, commit it", "also update the README", "hmm revert that, I prefer the old name" })).A("Done.");
    }

    // ---------------------------------------------------------------- text-to-SQL items
    sealed record Tbl(string Name, string[] Cols);
    static readonly (string dom, Tbl[] tables, string[] qs)[] Schemas =
    [
        ("retail", [new("customers", ["id INT", "name TEXT", "country TEXT", "created_at TIMESTAMP"]), new("orders", ["id INT", "customer_id INT", "status TEXT", "total NUMERIC", "created_at TIMESTAMP"]), new("order_items", ["order_id INT", "product_id INT", "qty INT", "unit_price NUMERIC"]), new("products", ["id INT", "name TEXT", "category TEXT", "price NUMERIC"])],
            ["the top {k} products by revenue in each category", "customers who placed more than {n} orders", "the average order value per country", "the share of cancelled orders per month", "customers whose first order was over {n}00", "products never ordered", "the month-over-month change in revenue", "repeat customers and their lifetime value"]),
        ("clinic", [new("patients", ["id INT", "birth_year INT", "sex TEXT", "region TEXT"]), new("visits", ["id INT", "patient_id INT", "doctor_id INT", "visit_date DATE", "diagnosis_code TEXT"]), new("doctors", ["id INT", "name TEXT", "specialty TEXT"]), new("prescriptions", ["id INT", "visit_id INT", "drug TEXT", "dose_mg INT"])],
            ["the number of visits per specialty per month", "patients with more than {n} visits and no prescription", "the {k} most prescribed drugs by region", "the average age of patients per diagnosis code", "doctors whose visit count doubled since last quarter", "readmissions within {n} days of a previous visit", "the median dose per drug", "patients seen by more than {n} different doctors"]),
        ("logistics", [new("shipments", ["id INT", "origin TEXT", "destination TEXT", "carrier_id INT", "shipped_at TIMESTAMP", "delivered_at TIMESTAMP", "weight_kg NUMERIC"]), new("carriers", ["id INT", "name TEXT", "mode TEXT"]), new("events", ["shipment_id INT", "ts TIMESTAMP", "kind TEXT"])],
            ["the on-time delivery rate per carrier", "the {k} slowest routes by median transit time", "shipments with more than {n} scan events", "the total weight shipped per mode per week", "carriers with a late share above {n} percent", "shipments that were never delivered", "the average gap between consecutive events", "the busiest origin each month"]),
        ("saas", [new("accounts", ["id INT", "plan TEXT", "signup_date DATE", "country TEXT"]), new("subscriptions", ["id INT", "account_id INT", "started_at DATE", "cancelled_at DATE", "mrr NUMERIC"]), new("invoices", ["id INT", "account_id INT", "issued_at DATE", "amount NUMERIC", "paid BOOLEAN"])],
            ["monthly recurring revenue by plan", "the churn rate per signup cohort", "accounts with more than {n} unpaid invoices", "net revenue retention per quarter", "the {k} countries with the highest average MRR", "accounts that upgraded within {n} days of signup", "the running total of revenue per account", "the median time to first payment"]),
        ("hr", [new("employees", ["id INT", "name TEXT", "dept_id INT", "hired_at DATE", "salary NUMERIC", "manager_id INT"]), new("departments", ["id INT", "name TEXT", "location TEXT"]), new("reviews", ["employee_id INT", "year INT", "rating INT"])],
            ["the highest paid employee in each department", "managers with more than {n} direct reports", "the average rating per department per year", "employees earning more than their manager", "headcount growth per location", "the {k} departments with the largest salary spread", "employees whose rating dropped two years in a row", "the salary percentile of every employee within their department"]),
        ("library", [new("books", ["id INT", "title TEXT", "author_id INT", "year INT", "genre TEXT"]), new("authors", ["id INT", "name TEXT", "country TEXT"]), new("loans", ["id INT", "book_id INT", "member_id INT", "loaned_at DATE", "returned_at DATE"]), new("members", ["id INT", "joined_at DATE", "city TEXT"])],
            ["the {k} most borrowed books per genre", "members with overdue loans older than {n} days", "the average loan length per city", "authors whose books were never borrowed", "monthly new members and their first loan", "books borrowed by more than {n} distinct members", "the share of returns that were late", "the genre each member borrows most"]),
        ("airline", [new("flights", ["id INT", "origin TEXT", "dest TEXT", "dep_time TIMESTAMP", "arr_time TIMESTAMP", "aircraft_id INT"]), new("bookings", ["id INT", "flight_id INT", "passenger_id INT", "fare NUMERIC", "class TEXT"]), new("passengers", ["id INT", "country TEXT", "loyalty_tier TEXT"])],
            ["the load factor of each route", "the {k} routes with the highest average fare", "passengers who flew more than {n} times", "revenue per class per month", "flights departing more than {n} minutes late", "the most common connection airports", "loyalty tier mix per route", "the busiest hour of departures per airport"]),
        ("energy", [new("meters", ["id INT", "site_id INT", "kind TEXT"]), new("readings", ["meter_id INT", "ts TIMESTAMP", "kwh NUMERIC"]), new("sites", ["id INT", "region TEXT", "tariff TEXT"])],
            ["daily consumption per site", "meters with gaps longer than {n} hours", "the peak hour per region", "sites whose usage rose more than {n} percent week over week", "the {k} largest consumers per tariff", "a 7-day rolling average per meter", "readings that look like duplicates", "the night-time share of consumption per site"]),
        ("sports", [new("teams", ["id INT", "name TEXT", "league TEXT"]), new("matches", ["id INT", "home_id INT", "away_id INT", "played_on DATE", "home_goals INT", "away_goals INT"]), new("players", ["id INT", "team_id INT", "position TEXT"]), new("goals", ["match_id INT", "player_id INT", "minute INT"])],
            ["the league table with points and goal difference", "the top {k} scorers per league", "teams unbeaten in their last {n} matches", "the share of goals scored after minute {n}0", "home win rate per league", "players who scored in {n} consecutive matches", "the biggest win of each season", "average goals per match by month"]),
        ("hotel", [new("hotels", ["id INT", "city TEXT", "stars INT"]), new("rooms", ["id INT", "hotel_id INT", "type TEXT", "rate NUMERIC"]), new("reservations", ["id INT", "room_id INT", "guest_id INT", "check_in DATE", "check_out DATE", "status TEXT"])],
            ["occupancy per hotel per month", "the {k} cities with the highest average nightly rate", "guests with more than {n} stays", "the cancellation rate per room type", "average length of stay by star rating", "rooms that were never booked", "revenue per available room per hotel", "overlapping reservations for the same room"]),
    ];
    static readonly string[] Dialects = ["PostgreSQL", "MySQL", "SQLite", "BigQuery", "Snowflake", "SQL Server"];
    static readonly string[] Mods = ["", "", " over the last 30 days", " for 2025 only", ", broken down by month", ", excluding cancelled or test records", ", as a percentage of the total", ", sorted descending"];

    public sealed record SqlItem(string Ddl, string Question, string Dialect, string Answer, string[] Tables);

    /// <summary>One text-to-SQL item (schema, question, dialect, a reference answer); `style` is how the asker writes the schema.</summary>
    public static SqlItem Sql(Rng ir, int style)
    {
        var sc = ir.Pick(Schemas);
        string pre = ir.Pick(new[] { "", "", "", "app_", "analytics.", "prod." });
        string q = ir.Pick(sc.qs).Replace("{k}", ir.Int(3, 20).ToString()).Replace("{n}", ir.Int(2, 9).ToString()) + ir.Pick(Mods);
        string dia = ir.Pick(Dialects);
        var tabs = sc.tables.Where(_ => ir.Chance(0.8)).ToList();
        if (tabs.Count < 2) tabs = [.. sc.tables.Take(2)];
        string ddl = style switch
        {
            0 => string.Join("\n", tabs.Select(t => $"CREATE TABLE {pre}{t.Name} (\n  {string.Join(",\n  ", t.Cols)}\n);")),
            1 => string.Join("\n", tabs.Select(t => $"{pre}{t.Name}({string.Join(", ", t.Cols.Select(x => x.Split(' ')[0]))})")),
            _ => string.Join("\n", tabs.Select(t => $"- {pre}{t.Name}: {string.Join(", ", t.Cols.Select(x => x.Replace(" ", " (") + ")"))}")),
        };
        var a = tabs[0]; var b = tabs[1];
        string ac = a.Cols[1].Split(' ')[0], bc = b.Cols[ir.Int(1, b.Cols.Length - 1)].Split(' ')[0];
        string date = a.Cols.Concat(b.Cols).Select(x => x.Split(' ')).FirstOrDefault(x => x[1] is "TIMESTAMP" or "DATE")?[0] ?? "id";
        string since = dia switch
        {
            "PostgreSQL" => "now() - interval '30 days'", "MySQL" => "NOW() - INTERVAL 30 DAY", "SQLite" => "date('now', '-30 day')",
            "BigQuery" => "DATE_SUB(CURRENT_DATE(), INTERVAL 30 DAY)", "Snowflake" => "DATEADD(day, -30, CURRENT_DATE)", _ => "DATEADD(day, -30, GETDATE())",
        };
        string top = dia == "SQL Server" ? "TOP 20 " : "";
        string sql = $"WITH base AS (\n  SELECT b.{bc} AS grp, a.{ac} AS val\n  FROM {pre}{a.Name} a\n  JOIN {pre}{b.Name} b ON b.{b.Cols[0].Split(' ')[0]} = a.{a.Cols[0].Split(' ')[0]}\n  WHERE {date} >= {since}\n)\nSELECT {top}grp, COUNT(*) AS n, COUNT(DISTINCT val) AS distinct_vals\nFROM base\nGROUP BY grp\nORDER BY n DESC{(top.Length == 0 ? "\nLIMIT 20" : "")};";
        return new SqlItem(ddl, q, dia, sql, [.. tabs.Select(t => pre + t.Name)]);
    }

    static readonly string[] SOpen = ["", "", "", "Hi, ", "Quick question. ", "I'm building a dashboard. ", "Working on a report for my team. ", "SQL help please. ", "Hey! ", "For an internal tool: "];
    static readonly string[] SAsk =
    [
        "Given the schema below, write a {dialect} query that returns {q}.", "Can you write {dialect} SQL that gives me {q}?", "I need a {dialect} query to find {q}.",
        "Write a single {dialect} statement for {q}.", "Using these tables, what query gets {q}? We're on {dialect}.", "How would I query {q} in {dialect}?",
        "Please produce {dialect} SQL for the following: {q}.", "What's the cleanest {dialect} query for {q}?",
    ];
    static readonly string[] SFormat = ["", "", "Only the SQL please.", "Return the query in a code block, then a one-line explanation.", "Explain briefly how it works.", "Use CTEs if it helps readability.", "Avoid window functions if possible.", "Add comments in the query.", "No explanation needed."];
    static readonly string[] SSchemaHead = ["Schema:", "Tables:", "Here are my tables:", "DDL:", "My tables look like this:", ""];

    /// <summary>One account's way of asking for SQL (opener, request, format, schema layout).</summary>
    public static Voice SqlVoice(Rng r) => new() { Role = r.Pick(SOpen), Task = r.Pick(SAsk), Format = r.Pick(SFormat), Extra = r.Pick(SSchemaHead), AnswerFirst = r.Chance(0.5), MinSteps = r.Int(3) };

    static void SqlGen(Session s, Rng r, Convo c)
    {
        var v = s.Voice!;
        var it = Sql(new Rng(Rng.Mix(0x5E1, (ulong)s.Item)), v.MinSteps);
        string ask = v.Task.Replace("{dialect}", it.Dialect).Replace("{q}", it.Question);
        string schema = (v.Extra.Length > 0 ? v.Extra + "\n" : "") + it.Ddl;
        string u = v.AnswerFirst ? $"{v.Role}{ask}\n\n{schema}" : $"{v.Role}{schema}\n\n{ask}";
        if (v.Format.Length > 0) u += "\n" + v.Format;
        if (r.Chance(0.15)) u = u.Replace("Please ", "").Replace("please", "pls");
        c.U(u).A($"```sql\n{it.Answer}\n```\n\n{r.Pick(new[] { "The CTE joins the two tables and filters to the window; the outer query aggregates per group.", "It joins on the key, restricts to the period, then groups and sorts.", "This groups by the requested dimension and orders by the count." })}");
        if (r.Chance(0.25))
        {
            string other = r.Pick(Dialects.Where(d => d != it.Dialect).ToArray());
            c.U(r.Pick(new[] { $"Now the same for {other}.", $"Can you make it faster? {it.Tables[0]} has about 200M rows.", "What index would help here?", "Rewrite it without the CTE.", $"and in {other}?" }))
             .A($"```sql\n{it.Answer.Replace("LIMIT 20", "LIMIT 50")}\n```\n\n{Text.Prose(r, "en", 1)}");
        }
    }

    // ---------------------------------------------------------------- a labelling vendor's fixed extraction template (hard negative)
    const string VendorSystem = "You are an annotation assistant for Tessellate Data Services. Extract the requested fields from the input and return JSON that matches the schema exactly. Use null for missing fields. Do not add fields. Do not explain.";

    static void LabelExtract(Session s, Rng r, Convo c)
    {
        var ir = new Rng(Rng.Mix(0x7E55, (ulong)s.Item));
        c.System = VendorSystem;
        string job = $"{ir.Pick(new[] { "TDS", "TSL", "TX" })}-{ir.Int(1000, 9999)}-{s.Item % 100000:D5}";
        if (ir.Chance(0.4))
        {
            var it = Sql(ir, 0);
            c.U($"Job: {job}\nTask: sql_annotation\nDialect: {it.Dialect}\nSchema:\n{it.Ddl}\nQuestion: {it.Question}\nOutput schema: {{\"sql\": string, \"tables_used\": [string]}}")
             .A(J(new { sql = it.Answer, tables_used = it.Tables }));
            return;
        }
        switch (ir.Int(4))
        {
            case 0:
            {
                string role = ir.Pick(new[] { "Senior Data Engineer", "Warehouse Associate", "Registered Nurse", "Account Executive", "Line Cook" });
                c.U($"Job: {job}\nTask: job_posting\nOutput schema: {{\"title\": string, \"location\": string|null, \"salary_min\": number|null, \"salary_max\": number|null, \"remote\": boolean}}\nInput:\n{role} - {ir.Pick(new[] { "Austin, TX", "Berlin", "Remote (EU)", "Manila", "Toronto" })}. Pay {ir.Int(30, 90)}k-{ir.Int(91, 180)}k. {Text.Prose(ir, "en", 2)}")
                 .A(J(new { title = role, location = "…", salary_min = ir.Int(30, 90) * 1000, salary_max = ir.Int(91, 180) * 1000, remote = ir.Chance(0.3) }));
                break;
            }
            case 1:
            {
                string inv = Tasks.Invoice(ir);
                c.U($"Job: {job}\nTask: invoice_header\nOutput schema: {{\"vendor\": string, \"number\": string, \"date\": string, \"currency\": string}}\nInput:\n{inv}")
                 .A(J(new { vendor = inv.Split('\n')[0], number = inv.Split('\n')[1].Replace("INVOICE No. ", ""), date = inv.Split('\n')[2].Replace("Date: ", ""), currency = "EUR" }));
                break;
            }
            case 2:
            {
                string item = ir.Pick(new[] { "Stainless steel water bottle 750 ml, leak-proof lid, BPA free", "Men's trail running shoe, size 42, grey/orange", "USB-C charger 65W GaN, 2 ports", "Ceramic pour-over coffee dripper, white", "Kids' bike helmet, adjustable 50-54 cm" });
                c.U($"Job: {job}\nTask: product_attributes\nOutput schema: {{\"category\": string, \"material\": string|null, \"size\": string|null, \"color\": string|null}}\nInput:\n{item}. {ir.Pick(new[] { "Ships in 2 days.", "Limited stock.", "" })}")
                 .A(J(new { category = ir.Pick(new[] { "kitchen", "footwear", "electronics", "sports" }), material = (string?)null, size = ir.Chance(0.5) ? "750 ml" : null, color = ir.Chance(0.5) ? "grey" : null }));
                break;
            }
            default:
            {
                c.U($"Job: {job}\nTask: lease_clause\nOutput schema: {{\"clause_type\": string, \"notice_days\": number|null, \"party_obligated\": \"tenant\"|\"landlord\"|\"both\"}}\nInput:\n{ir.Pick(new[] { "The Tenant shall give not less than 60 days' written notice of termination.", "The Landlord shall maintain the roof and structural walls in good repair.", "Either party may terminate this agreement upon 30 days' notice in writing.", "The Tenant shall not sublet the premises without prior written consent." })}")
                 .A(J(new { clause_type = ir.Pick(new[] { "termination", "maintenance", "subletting" }), notice_days = ir.Chance(0.5) ? ir.Pick(new[] { 30, 60, 90 }) : (int?)null, party_obligated = ir.Pick(new[] { "tenant", "landlord", "both" }) }));
                break;
            }
        }
    }

    // ---------------------------------------------------------------- reasoning-trace harvest injected in a station's relayed traffic
    static readonly Dictionary<string, string[]> Solve = new()
    {
        ["en"] = ["Solve: {q}", "Can you solve this carefully? {q}", "{q} Think it through before answering.", "{q}", "help me with this one: {q}", "What's the answer and why? {q}", "{q} please double check your work"],
        ["zh"] = ["这道题怎么做？{q}", "请仔细解答：{q}", "{q} 请认真思考后回答", "帮我解一下：{q}"],
        ["ja"] = ["この問題を解いてください：{q}", "{q} よく考えてから答えてください"],
        ["es"] = ["Resuelve con cuidado: {q}", "¿Cómo se hace este? {q}"],
        ["ko"] = ["이 문제 풀어줘: {q}", "{q} 차근차근 생각해서 답해줘"],
        ["pt"] = ["Resolva com cuidado: {q}", "{q} pode conferir a resposta?"],
        ["de"] = ["Löse bitte sorgfältig: {q}", "{q} Bitte gründlich nachdenken."],
        ["ru"] = ["Реши, пожалуйста: {q}", "{q} подумай внимательно"],
    };
    static readonly string[] Harder =
    [
        "Prove that for every integer n > 1 the number n^4 + 4 is composite unless n = 1.", "How many positive integers below 10000 have digits that sum to 9?",
        "A bag has 5 red and 7 blue balls. Three are drawn without replacement. What is the probability that exactly two are red?",
        "Find all real x with sqrt(x + 3) + sqrt(x - 2) = 5.", "Three friends split a bill so that each pays the average of what the other two pay plus 4 dollars. The bill is 60 dollars. What does each pay?",
        "Is 2^61 - 1 prime? Justify without a computer.", "A ladder 5 m long slides down a wall at 0.3 m/s. How fast is the angle changing when the foot is 3 m from the wall?",
        "Knights always tell the truth and knaves always lie. A says: 'B is a knave.' B says: 'A and C are of the same kind.' What is C?",
        "Find the number of ways to tile a 2x10 board with dominoes.", "Show that the sum of the reciprocals of the primes diverges.",
    ];

    static void TraceSolve(Session s, Rng r, Convo c)
    {
        var ir = new Rng(Rng.Mix(0x7ACE, (ulong)s.Item));
        string L = Solve.ContainsKey(s.Lang) ? s.Lang : "en";
        string q, a;
        if (ir.Chance(0.3)) { q = ir.Pick(Harder); a = "(see derivation)"; }
        else (q, a) = Tasks.MathProblem(ir);
        string u = r.Pick(Solve[L]).Replace("{q}", q);
        if (L == "en" && r.Chance(0.2)) u += r.Pick(new[] { " Show your full reasoning.", " Explain every step, I want to understand it.", " Walk through it in detail." });
        string think = Tasks.Worked(r, q, a, r.Int(10, 18)) + "\n" + Tasks.Worked(r, q, a, r.Int(6, 12));
        c.U(u).A(Tasks.Worked(r, q, a, r.Int(4, 8), L), think);
        if (r.Chance(0.2)) c.U(L == "zh" ? "继续，第二步再详细一点" : L == "en" ? r.Pick(new[] { "Are you sure? Check it again.", "Explain step 2 in more detail.", "Is there a faster method?" }) : "?").A(Tasks.Worked(r, q, a, r.Int(5, 10), L), Tasks.Worked(r, q, a, r.Int(8, 14)));
    }

    // ---------------------------------------------------------------- a university course on evaluating language models (hard negative)
    static readonly string[] CourseAsk =
    [
        "For my LLM evaluation assignment I have to grade this answer with the rubric from class (correctness 0-3, completeness 0-3, clarity 0-2, safety 0-2). Can you grade it and explain each score?",
        "hw{a} part {p}: use the rubric (correctness/completeness/clarity/safety) to score the response below. I want to compare your scores with mine.",
        "Our prof wants us to check if a model agrees with human graders. Score this with the course rubric and justify briefly.",
        "can u rate this answer 0-10 for our eval homework? rubric: correct, complete, clear, safe",
    ];
    static readonly string[] CoursePair =
    [
        "Assignment {a}: which of these two responses is better, A or B? Give a short reason. We have to report agreement with the human labels.",
        "for hw{a} we compare two model answers. pick the better one and say why (1-2 sentences)",
    ];

    static void CourseEval(Session s, Rng r, Convo c)
    {
        string q = r.Chance(0.5) ? Text.UserChat(r, "en") : Tasks.MathProblem(r).q;
        string a1 = Text.Prose(r, "en", r.Int(2, 6)), a2 = Text.Prose(r, "en", r.Int(2, 6));
        string asg = s.Item.ToString(), part = r.Pick(new[] { "a", "b", "c", "2", "3" });
        if (r.Chance(0.65))
            c.U($"{r.Pick(CourseAsk).Replace("{a}", asg).Replace("{p}", part)}\n\nQuestion: {q}\nAnswer: {a1}").A($"Correctness: {r.Int(1, 3)}/3. Completeness: {r.Int(1, 3)}/3. Clarity: {r.Int(1, 2)}/2. Safety: 2/2.\n\n{Text.Prose(r, "en", r.Int(2, 4))}");
        else
            c.U($"{r.Pick(CoursePair).Replace("{a}", asg)}\n\nPrompt: {q}\n\nA: {a1}\n\nB: {a2}").A($"{r.Pick(new[] { "A", "B" })} is better. {Text.Prose(r, "en", r.Int(1, 3))}");
        if (r.Chance(0.35)) c.U(r.Pick(new[] { "why did you give clarity a 1?", "I gave it a 2 for correctness, am I wrong?", "ok thanks", "can you explain what 'completeness' should mean here" })).A(Text.Prose(r, "en", r.Int(1, 4)));
    }

    /// <summary>Entry point from Content.Build for the kinds added with the adaptive mix.</summary>
    public static void Fill(Session s, Rng r, Convo c)
    {
        switch (s.Kind)
        {
            case Kind.HarnessAgent: HarnessAgent(s, r, c); break;
            case Kind.QuillAgent: QuillAgent(s, r, c); break;
            case Kind.SqlGen: SqlGen(s, r, c); break;
            case Kind.LabelExtract: LabelExtract(s, r, c); break;
            case Kind.TraceSolve: TraceSolve(s, r, c); break;
            case Kind.CourseEval: CourseEval(s, r, c); break;
        }
    }
}
