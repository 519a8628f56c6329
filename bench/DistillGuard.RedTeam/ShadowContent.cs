using System.Globalization;
using System.Text.Json;

namespace DistillGuard.RedTeam;

/// <summary>Conversations for the `shadow` mix: a code-review SaaS and its nightly autofix jobs, contract-clause transformation, natural
/// walkthrough requests, counterfactual branching on signed reasoning, and the mix's two look-alikes. Written for this generator;
/// only reached through the kinds added with that mix.</summary>
public static class ShadowContent
{
    static string J(object o) => JsonSerializer.Serialize(o);
    static Call C(Rng r, string name, object args) => new(r.Alnum(24), name, J(args));
    static ToolDef T(string n, string d, string props, string req) => new(n, d, "{\"type\":\"object\",\"properties\":{" + props + "},\"required\":[" + req + "]}");
    static string F(double x, string fmt = "0.##") => x.ToString(fmt, CultureInfo.InvariantCulture);

    // ================================================================== Patchbay: a pull-request review SaaS (campaign shadow-saas)
    public const string PatchbaySystem = "You are Patchbay, an automated pull-request reviewer installed on the customer's Git host. Use the tools to read the change, "
        + "point out concrete defects with file and line, and suggest the smallest fix for each one. In autofix mode you may propose patches and run the "
        + "customer's checks, but you never merge. Write review comments in the language of the pull request description.";

    public static readonly List<ToolDef> PatchbayTools =
    [
        T("pr_diff", "Return the unified diff of the pull request.", "\"pr\":{\"type\":\"integer\"},\"context_lines\":{\"type\":\"integer\"}", "\"pr\""),
        T("read_blob", "Read part of a file at a given ref.", "\"path\":{\"type\":\"string\"},\"ref\":{\"type\":\"string\"},\"start_line\":{\"type\":\"integer\"},\"end_line\":{\"type\":\"integer\"}", "\"path\",\"ref\""),
        T("search_repo", "Full-text search in the repository at the PR head.", "\"query\":{\"type\":\"string\"},\"path_glob\":{\"type\":\"string\"}", "\"query\""),
        T("run_checks", "Run the repository's configured checks on the autofix branch.", "\"suite\":{\"type\":\"string\",\"enum\":[\"unit\",\"lint\",\"typecheck\",\"all\"]}", "\"suite\""),
        T("propose_patch", "Push a patch to the autofix branch (never to the PR branch).", "\"path\":{\"type\":\"string\"},\"diff\":{\"type\":\"string\"}", "\"path\",\"diff\""),
        T("post_comment", "Post a review comment on a line of the diff.", "\"path\":{\"type\":\"string\"},\"line\":{\"type\":\"integer\"},\"body\":{\"type\":\"string\"},\"severity\":{\"type\":\"string\",\"enum\":[\"nit\",\"minor\",\"major\",\"blocker\"]}", "\"path\",\"line\",\"body\""),
    ];

    public static readonly string[] CodeLangs = ["Python", "TypeScript", "Go", "Rust", "Java", "C#", "Kotlin", "JavaScript"];
    static readonly string[] Mods = ["billing", "webhooks", "export", "settings", "auth", "search", "invoices", "scheduler", "uploads", "notifications", "ledger", "inventory"];

    public static string PathFor(string pl, string mod) => pl switch
    {
        "Python" => $"src/{mod}/service.py", "TypeScript" => $"src/{mod}/index.ts", "JavaScript" => $"lib/{mod}.js", "Go" => $"internal/{mod}/{mod}.go",
        "Rust" => $"src/{mod}.rs", "Java" => $"src/main/java/com/app/{Cap(mod)}Service.java", "C#" => $"src/App/{Cap(mod)}/{Cap(mod)}Service.cs", _ => $"app/src/main/kotlin/{Cap(mod)}.kt",
    };
    static string TestFor(string pl, string mod) => pl switch
    {
        "Python" => $"tests/test_{mod}.py", "TypeScript" => $"src/{mod}/index.test.ts", "JavaScript" => $"test/{mod}.test.js", "Go" => $"internal/{mod}/{mod}_test.go",
        "Rust" => $"tests/{mod}.rs", "Java" => $"src/test/java/com/app/{Cap(mod)}ServiceTest.java", "C#" => $"tests/App.Tests/{Cap(mod)}Tests.cs", _ => $"app/src/test/kotlin/{Cap(mod)}Test.kt",
    };
    static string Cap(string s) => char.ToUpperInvariant(s[0]) + s[1..];

    static readonly string[] PrTitles =
    [
        "Add retry to the payment webhook handler", "Fix off-by-one in cursor pagination", "Cache exchange rates for ten minutes", "Handle missing locale in email templates",
        "Speed up the nightly export", "Remove deprecated v1 endpoints", "Validate uploaded CSV headers", "Move cron jobs onto the queue", "Debounce search requests",
        "Store timestamps in UTC", "Split the settings form into steps", "Guard against duplicate invoice numbers",
    ];
    static readonly Dictionary<string, string[]> PrDesc = new()
    {
        ["en"] = ["This changes how {mod} handles failures; please check the error paths.", "Small refactor, no behaviour change intended. Tests updated.", "Fixes the bug reported by support last week. Not sure about the edge case with empty input."],
        ["de"] = ["Diese Änderung betrifft die Fehlerbehandlung in {mod}. Bitte besonders die Randfälle prüfen.", "Kleines Refactoring, das Verhalten sollte gleich bleiben."],
        ["ja"] = ["{mod} のエラー処理を修正しました。空の入力のケースを確認してください。", "リファクタリングのみで、動作は変わらない想定です。"],
        ["pt"] = ["Corrige o bug relatado pelo suporte em {mod}. Não tenho certeza sobre o caso de entrada vazia.", "Refatoração pequena, sem mudança de comportamento."],
        ["es"] = ["Este cambio afecta al manejo de errores en {mod}; revisad los casos límite, por favor.", "Refactorización pequeña, no debería cambiar el comportamiento."],
        ["zh"] = ["修复了 {mod} 中的错误处理问题，请重点看一下空输入的情况。", "只是小的重构，行为应该不变。"],
        ["fr"] = ["Ce changement modifie la gestion des erreurs dans {mod} ; merci de vérifier les cas limites.", "Petit refactoring, aucun changement de comportement prévu."],
        ["ko"] = ["{mod}의 에러 처리를 고쳤습니다. 빈 입력 케이스를 확인해 주세요.", "작은 리팩터링이고 동작은 바뀌지 않습니다."],
    };
    static readonly Dictionary<string, string[]> ReviewNote = new()
    {
        ["en"] = ["This can throw when the list is empty; add a guard.", "The retry loop never backs off, which will hammer the upstream.", "This compares timestamps as strings.", "Consider extracting this into a helper; it is duplicated below."],
        ["de"] = ["Das wirft eine Ausnahme bei leerer Liste; bitte absichern.", "Die Schleife wartet nie zwischen den Versuchen."],
        ["ja"] = ["リストが空のときに例外になります。ガードを追加してください。", "リトライ間隔がないため、上流に負荷がかかります。"],
        ["pt"] = ["Isto lança exceção quando a lista está vazia; adicione uma verificação.", "O laço de retry não espera entre tentativas."],
        ["es"] = ["Esto falla si la lista está vacía; añade una comprobación.", "El bucle de reintentos no espera entre intentos."],
        ["zh"] = ["列表为空时这里会抛异常，建议加个判断。", "重试循环没有退避，会给上游造成压力。"],
        ["fr"] = ["Ceci lève une exception si la liste est vide ; ajoutez une garde.", "La boucle de réessai n'attend jamais entre deux tentatives."],
        ["ko"] = ["리스트가 비어 있으면 예외가 발생합니다. 체크를 추가해 주세요.", "재시도 루프에 대기 시간이 없습니다."],
    };

    static string Diff(Rng r, string path, string fn)
    {
        int a = r.Int(10, 400);
        return $"diff --git a/{path} b/{path}\n--- a/{path}\n+++ b/{path}\n@@ -{a},6 +{a},9 @@\n   {fn}(items)\n-  result = items[0]\n+  if not items:\n+      return None\n+  result = max(items, key=ts)\n   log(\"{fn} done\")\n";
    }

    /// <summary>A real customer's pull request: review (most), an autofix the user asked for, or a question about the PR.</summary>
    static void PatchbayUser(Session s, Rng r, Convo c)
    {
        c.System = PatchbaySystem; c.Tools = PatchbayTools;
        string repo = s.AppSystem ?? "acme/api";
        string pl = CodeLangs[s.AppIdx % CodeLangs.Length];
        string L = PrDesc.ContainsKey(s.Lang) ? s.Lang : "en";
        string mod = r.Pick(Mods), path = PathFor(pl, mod), fn = Tasks.FuncName(r);
        int pr = r.Int(40, 4000);
        double mode = r.Next();
        if (mode < 0.75)
        {
            c.U($"Review pull request #{pr} in {repo}: \"{r.Pick(PrTitles)}\"\n\n{r.Pick(PrDesc[L]).Replace("{mod}", mod)}");
            c.Tool(null, C(r, "pr_diff", new { pr, context_lines = 3 }), Diff(r, path, fn));
            for (int i = r.Int(0, 2); i > 0; i--) c.Tool(null, C(r, "read_blob", new { path, @ref = "HEAD", start_line = r.Int(1, 200), end_line = r.Int(201, 400) }), Tasks.CodeSnippet(r, pl, fn));
            for (int i = r.Int(1, 3); i > 0; i--) c.Tool(null, C(r, "post_comment", new { path, line = r.Int(5, 400), body = r.Pick(ReviewNote[L]), severity = r.Pick(new[] { "nit", "minor", "major" }) }), "{\"ok\":true}");
            c.A(L == "en" ? $"Reviewed #{pr}: {r.Int(1, 3)} comment(s). {r.Pick(ReviewNote["en"])}" : r.Pick(ReviewNote[L]));
        }
        else if (mode < 0.9)
        {
            string suite = r.Pick(new[] { "unit", "lint", "typecheck" });
            c.U($"Autofix requested on {repo}#{pr}: the `{suite}` check fails after the last push.");
            c.Tool(null, C(r, "run_checks", new { suite }), $"FAILED {TestFor(pl, mod)} - {r.Pick(Tasks.CodeErrors)}");
            c.Tool(null, C(r, "read_blob", new { path, @ref = "HEAD", start_line = 1, end_line = 120 }), Tasks.CodeSnippet(r, pl, fn));
            c.Tool(null, C(r, "propose_patch", new { path, diff = Diff(r, path, fn) }), "pushed to patchbay/autofix-" + r.Hex(6));
            c.Tool(null, C(r, "run_checks", new { suite }), $"{r.Int(8, 200)} passed");
            c.A($"The `{suite}` check passes on the autofix branch. `{fn}` no longer assumes a non-empty input.");
        }
        else
        {
            c.U($"@patchbay {(L == "en" ? r.Pick(new[] { "is this change safe to deploy on a Friday?", $"why did you flag line {r.Int(5, 300)}?", "can you summarise what this PR changes?" }) : Text.UserChat(r, L))} ({repo}#{pr})");
            c.Tool(null, C(r, "pr_diff", new { pr, context_lines = 3 }), Diff(r, path, fn));
            c.A(Text.Prose(r, L, r.Int(2, 4)));
        }
    }

    static readonly string[] JobIssue =
    [
        "Autofix requested on {repo}#{pr}: the function that {task} returns wrong results on an empty input. Fix it and cover it with a test.",
        "Autofix requested on {repo}#{pr}: `{fn}` raises when two records share an id. The newer record should win.",
        "Autofix requested on {repo}#{pr}: implement a helper in {path} that {task}; existing checks must stay green.",
        "Autofix requested on {repo}#{pr}: the `unit` suite started failing after the merge of the {mod} refactor. Find the cause and repair it.",
        "Autofix requested on {repo}#{pr}: `{fn}` is O(n^2) on large inputs; make it linear without changing its signature.",
    ];
    static readonly string[] RepoA = ["orbit", "lumen", "kestrel", "harbor", "quartz", "tidal", "pine", "vector", "ember", "fjord", "atlas", "nimbus", "cobalt", "sable"];
    static readonly string[] RepoB = ["api", "core", "web", "worker", "sdk", "platform", "svc", "gateway", "etl", "console"];

    /// <summary>The operator's nightly "autofix backfill": the product's own envelope, synthetic tasks with even coverage of languages, long loops.</summary>
    static void PatchbayJob(Session s, Rng r, Convo c)
    {
        var ir = new Rng(Rng.Mix(0x9A7C, (ulong)s.Item));
        c.System = PatchbaySystem; c.Tools = PatchbayTools;
        string pl = CodeLangs[(int)(s.Item % CodeLangs.Length)];
        string repo = $"{ir.Pick(RepoA)}-{ir.Pick(RepoA)}/{ir.Pick(RepoB)}", mod = ir.Pick(Mods), path = PathFor(pl, mod), test = TestFor(pl, mod), fn = Tasks.FuncName(ir), task = ir.Pick(Tasks.CodeTasks);
        int pr = ir.Int(40, 9000);
        c.U(Text.Fill(ir.Pick(JobIssue), ir, ("repo", [repo]), ("pr", [pr.ToString()]), ("task", [task]), ("fn", [fn]), ("path", [path]), ("mod", [mod])));
        c.Tool(null, C(r, "pr_diff", new { pr, context_lines = 10 }), Diff(r, path, fn));
        c.Tool(null, C(r, "search_repo", new { query = fn, path_glob = "**/*" }), $"{path}:{r.Int(5, 300)}: {fn}\n{test}:{r.Int(3, 90)}: {fn}");
        c.Tool(null, C(r, "read_blob", new { path, @ref = "HEAD", start_line = 1, end_line = 200 }), Tasks.CodeSnippet(r, pl, fn));
        c.Tool(null, C(r, "read_blob", new { path = test, @ref = "HEAD", start_line = 1, end_line = 120 }), Tasks.CodeSnippet(r, pl, "test_" + fn));
        c.Tool(null, C(r, "run_checks", new { suite = "unit" }), $"FAILED {test} - {r.Pick(Tasks.CodeErrors)}\n1 failed, {r.Int(10, 300)} passed");
        c.Tool(null, C(r, "propose_patch", new { path, diff = Diff(r, path, fn) }), "pushed to patchbay/autofix-" + r.Hex(6));
        int rounds = r.Chance(0.45) ? r.Int(1, 2) : 0;
        for (int i = 0; i < rounds; i++)
        {
            c.Tool(null, C(r, "run_checks", new { suite = "unit" }), $"FAILED {test} - AssertionError\n1 failed, {r.Int(10, 300)} passed");
            c.Tool(null, C(r, "read_blob", new { path, @ref = "patchbay/autofix", start_line = r.Int(1, 80), end_line = r.Int(81, 200) }), Tasks.CodeSnippet(r, pl, fn));
            c.Tool(null, C(r, "propose_patch", new { path, diff = Diff(r, path, fn) }), "pushed");
        }
        c.Tool(null, C(r, "run_checks", new { suite = "all" }), $"unit: {r.Int(10, 300)} passed\nlint: ok\ntypecheck: ok");
        c.Tool(null, C(r, "post_comment", new { path, line = r.Int(5, 300), body = $"Autofix: `{fn}` now {r.Pick(new[] { "handles empty input", "keeps the newest record per id", "runs in linear time", "no longer mutates its argument" })}. Regression test added in {test}.", severity = "minor" }), "{\"ok\":true}");
        c.A($"Autofix complete for {repo}#{pr}. Root cause: `{fn}` {r.Pick(new[] { "assumed a non-empty input", "kept the first record for a duplicate id", "sorted inside the loop", "compared timestamps as strings" })}. "
            + $"Changed `{path}` and added a test in `{test}`; all checks pass.\n\n{Text.Prose(r, "en", r.Int(2, 4), task)}");
    }

    // ================================================================== Forge: an enterprise platform team's internal agent (look-alike)
    public static string ForgeSystem(string org) => $"You are Forge, the internal engineering agent of {org}. You work in the monorepo checkout given in the task. Use the tools; "
        + "prefer small, reviewable changes; never push to main; open a pull request when the change is ready. Follow the service's OWNERS and CONTRIBUTING rules.";

    public static readonly List<ToolDef> ForgeTools =
    [
        T("code_search", "Search the monorepo (ripgrep syntax).", "\"q\":{\"type\":\"string\"},\"service\":{\"type\":\"string\"}", "\"q\""),
        T("fs_read", "Read a file, optionally a line range like 10-80.", "\"path\":{\"type\":\"string\"},\"lines\":{\"type\":\"string\"}", "\"path\""),
        T("fs_write", "Overwrite a file with new content.", "\"path\":{\"type\":\"string\"},\"content\":{\"type\":\"string\"}", "\"path\",\"content\""),
        T("sh", "Run a shell command in the checkout.", "\"cmd\":{\"type\":\"string\"},\"workdir\":{\"type\":\"string\"}", "\"cmd\""),
        T("open_pr", "Open a pull request from the current branch.", "\"title\":{\"type\":\"string\"},\"body\":{\"type\":\"string\"},\"branch\":{\"type\":\"string\"}", "\"title\",\"branch\""),
    ];
    static readonly string[] Services = ["checkout-svc", "ledger-svc", "search-indexer", "notif-gateway", "auth-edge", "pricing-engine", "media-pipeline", "partner-api", "fraud-scorer", "reporting"];
    static readonly string[] Deps = ["requests", "protobuf", "grpcio", "lodash", "express", "jackson-databind", "spring-boot", "golang.org/x/net", "tokio", "serde", "pydantic", "axios"];

    static void Forge(Session s, Rng r, Convo c)
    {
        c.System = s.AppSystem; c.Tools = ForgeTools;
        string svc = r.Pick(Services), pl = r.Pick(new[] { "Python", "Go", "Java", "TypeScript" }), mod = r.Pick(Mods), path = $"services/{svc}/" + PathFor(pl, mod), fn = Tasks.FuncName(r);
        if (s.Item < 0)
        {
            // an engineer during the day
            c.U(r.Pick(new[] { $"in {svc}, {fn} times out under load, can you look", $"add a function that {r.Pick(Tasks.CodeTasks)} to {path}", $"why is the {svc} build red", $"write unit tests for {fn} in {svc}", $"explain how {svc} talks to ledger-svc" }));
            int steps = r.Int(1, 5);
            for (int i = 0; i < steps; i++)
                switch (i == 0 ? 0 : r.Int(4))
                {
                    case 0: c.Tool(null, C(r, "code_search", new { q = fn, service = svc }), $"{path}:{r.Int(5, 400)}: {fn}("); break;
                    case 1: c.Tool(null, C(r, "fs_read", new { path, lines = $"1-{r.Int(60, 200)}" }), Tasks.CodeSnippet(r, pl, fn)); break;
                    case 2: c.Tool(null, C(r, "sh", new { cmd = r.Pick(new[] { "make test", "go test ./...", "./gradlew test", "pnpm test" }), workdir = $"services/{svc}" }), r.Chance(0.5) ? $"{r.Int(10, 400)} passed" : "1 failed"); break;
                    default: c.Tool("Editing.", C(r, "fs_write", new { path, content = Tasks.CodeSnippet(r, pl, fn) }), "written"); break;
                }
            c.A(Text.Prose(r, "en", r.Int(2, 4), r.Pick(Tasks.CodeTasks)));
            if (r.Chance(0.3)) c.U(r.Pick(new[] { "ok open a PR", "thanks", "can you also update the runbook" })).Tool(null, C(r, "open_pr", new { title = $"{svc}: fix {fn}", branch = "forge/" + r.Hex(6) }), "PR !" + r.Int(1000, 99999)).A("Opened the pull request.");
            return;
        }
        // the nightly maintenance bot
        var ir = new Rng(Rng.Mix(0xF0E6, (ulong)s.Item));
        string dep = ir.Pick(Deps), linter = ir.Pick(new[] { "ruff", "golangci-lint", "eslint", "checkstyle" });
        string test = $"services/{svc}/" + TestFor(pl, mod);
        c.U(ir.Pick(new[]
        {
            $"[maintenance run {s.Item}] Bump {dep} in {svc} to the latest patch release, fix any breakage, and open a PR.",
            $"[maintenance run {s.Item}] Fix the {linter} findings in {svc} flagged by yesterday's scan. Do not change behaviour.",
            $"[maintenance run {s.Item}] Test {test} failed intermittently in CI {ir.Int(3, 9)} times this week. Reproduce, find the cause, fix or quarantine it, open a PR.",
        }));
        c.Tool(null, C(r, "code_search", new { q = r.Chance(0.5) ? dep : fn, service = svc }), $"{path}:{r.Int(5, 300)}\n{test}:{r.Int(3, 80)}");
        c.Tool(null, C(r, "fs_read", new { path, lines = "1-160" }), Tasks.CodeSnippet(r, pl, fn));
        c.Tool(null, C(r, "sh", new { cmd = r.Pick(new[] { "make test", "go test ./...", "./gradlew test", "pnpm test" }), workdir = $"services/{svc}" }), r.Chance(0.5) ? "1 failed" : $"{r.Int(10, 400)} passed");
        int more = r.Int(1, 6);
        for (int i = 0; i < more; i++)
            c.Tool(null, r.Chance(0.5) ? C(r, "fs_write", new { path, content = Tasks.CodeSnippet(r, pl, fn) }) : C(r, "sh", new { cmd = "make test", workdir = $"services/{svc}" }), r.Chance(0.7) ? "ok" : "1 failed");
        c.Tool(null, C(r, "open_pr", new { title = $"[forge] {svc}: maintenance {s.Item}", body = "Automated maintenance change. Tests pass.", branch = "forge/maint-" + s.Item }), "PR !" + r.Int(1000, 99999));
        c.A($"Opened a PR for {svc}. {Text.Prose(r, "en", r.Int(1, 3), dep)}");
    }

    // ================================================================== contract clauses (campaign shadow-clause and the legal-language look-alike)
    public sealed record ClauseItem(string Type, string Text, string A, string B, string Law);

    public static readonly string[] ClauseTypes = ["indemnification", "limitation_of_liability", "termination", "confidentiality", "governing_law", "assignment", "force_majeure", "non_solicitation", "payment_terms", "data_protection", "warranty", "audit_rights"];
    public static readonly (string a, string b)[] Parties = [("the Supplier", "the Customer"), ("the Licensor", "the Licensee"), ("the Contractor", "the Client"), ("the Processor", "the Controller"), ("the Landlord", "the Tenant"), ("the Distributor", "the Manufacturer"), ("the Service Provider", "the Company")];
    public static readonly string[] Laws = ["England and Wales", "the State of New York", "Singapore", "the Federal Republic of Germany", "the Province of Ontario", "New South Wales", "the State of Delaware", "Ireland", "the Netherlands", "Japan"];
    static readonly string[] Caps = ["the total fees paid or payable in the twelve (12) months preceding the event giving rise to the claim", "EUR 250,000", "USD 1,000,000", "two (2) times the annual contract value", "the fees paid under the applicable Order Form"];
    static readonly Dictionary<string, string[]> ClauseT = new()
    {
        ["indemnification"] = ["{A} shall indemnify, defend and hold harmless {B} and its affiliates from and against all losses, damages, costs and expenses (including reasonable legal fees) arising out of any third-party claim that the Deliverables infringe any intellectual property right.",
            "{A} agrees to indemnify {B} against any liability incurred as a result of {A}'s breach of this Agreement or its negligent acts or omissions, save to the extent caused by {B}."],
        ["limitation_of_liability"] = ["Except as otherwise provided, the aggregate liability of each party under or in connection with this Agreement shall not exceed {cap}. Neither party shall be liable for any indirect, special or consequential loss, or for loss of profit, revenue or goodwill.",
            "{A}'s total liability, whether in contract, tort (including negligence) or otherwise, shall in no event exceed {cap}."],
        ["termination"] = ["Either party may terminate this Agreement for convenience on not less than {days} days' written notice to the other party.",
            "{B} may terminate this Agreement with immediate effect by written notice if {A} commits a material breach which, if capable of remedy, is not remedied within {days} days of notice requiring it to do so."],
        ["confidentiality"] = ["Each party shall keep the other party's Confidential Information strictly confidential, use it only to perform its obligations under this Agreement, and disclose it only to employees and advisers who need to know it and are bound by equivalent obligations, for a period of {years} years after termination.",
            "{B} shall not disclose any Confidential Information of {A} without {A}'s prior written consent, except as required by law or by any competent regulatory authority."],
        ["governing_law"] = ["This Agreement and any dispute or claim arising out of or in connection with it shall be governed by the laws of {law}, and the parties submit to the exclusive jurisdiction of its courts.",
            "Any dispute arising under this Agreement shall be finally resolved by arbitration seated in {law} under the rules then in force, before a sole arbitrator."],
        ["assignment"] = ["Neither party may assign, transfer or subcontract any of its rights or obligations under this Agreement without the prior written consent of the other party, such consent not to be unreasonably withheld.",
            "{A} may assign this Agreement to any affiliate or to a successor to all or substantially all of its business without the consent of {B}."],
        ["force_majeure"] = ["Neither party shall be in breach of this Agreement nor liable for any delay in performing its obligations if the delay results from events beyond its reasonable control; if such delay continues for more than {days} days, the unaffected party may terminate on written notice.",
            "{A} shall not be liable for any failure to perform caused by fire, flood, epidemic, war, strike or failure of a utility service, provided that it notifies {B} promptly and uses reasonable endeavours to mitigate."],
        ["non_solicitation"] = ["During the term and for {years} years thereafter, {B} shall not solicit or entice away any employee of {A} who was engaged in the provision of the Services.",
            "Neither party shall, without the other's prior written consent, employ or solicit any person employed by the other party during the preceding {days} days."],
        ["payment_terms"] = ["{B} shall pay each undisputed invoice within {days} days of receipt. Late payments shall bear interest at {pct} per cent per annum above the base rate from the due date until payment.",
            "Fees are payable annually in advance. {A} may suspend the Services if any amount remains unpaid {days} days after its due date."],
        ["data_protection"] = ["{A} shall process Personal Data only on the documented instructions of {B}, ensure that persons authorised to process it are bound by confidentiality, and notify {B} without undue delay, and in any event within {hours} hours, after becoming aware of a Personal Data Breach.",
            "{A} shall not transfer Personal Data outside the territory without {B}'s prior written authorisation and appropriate safeguards."],
        ["warranty"] = ["{A} warrants that the Services will be performed with reasonable skill and care and will conform in all material respects to the Specification for {days} days after acceptance.",
            "Except as expressly set out in this Agreement, all warranties, conditions and terms implied by statute or common law are excluded to the fullest extent permitted by law."],
        ["audit_rights"] = ["{B} may, on {days} days' notice and not more than once in any twelve-month period, audit {A}'s records to verify compliance with this Agreement.",
            "{A} shall keep complete and accurate records relating to the Services for {years} years and make them available to {B}'s auditors on reasonable request."],
    };
    static readonly string[] Riders =
    [
        "", "", "", "Notwithstanding the foregoing, nothing in this clause limits liability for fraud or for death or personal injury caused by negligence.",
        "This clause shall survive termination or expiry of this Agreement.", "Provided that {B} gives {A} prompt written notice of any such claim and reasonable assistance at {A}'s expense.",
        "Any notice under this clause shall be given in accordance with the notices clause.",
    ];

    public static ClauseItem Clause(Rng ir, int typeIdx, (string a, string b)? parties = null, string? law = null)
    {
        string type = ClauseTypes[((typeIdx % ClauseTypes.Length) + ClauseTypes.Length) % ClauseTypes.Length];
        var (a, b) = parties ?? ir.Pick(Parties);
        if (parties == null && ir.Chance(0.5)) (a, b) = (b, a);
        string lw = law ?? ir.Pick(Laws);
        string t = ir.Pick(ClauseT[type]) + " " + ir.Pick(Riders);
        t = t.Trim().Replace(". {A}", ". " + Cap(a)).Replace(". {B}", ". " + Cap(b));
        t = t.Replace("{A}", a).Replace("{B}", b).Replace("{law}", lw).Replace("{cap}", ir.Pick(Caps))
             .Replace("{days}", ir.Pick(new[] { "10", "14", "30", "45", "60", "90" })).Replace("{years}", ir.Pick(new[] { "two (2)", "three (3)", "five (5)" }))
             .Replace("{pct}", ir.Pick(new[] { "4", "5", "8" })).Replace("{hours}", ir.Pick(new[] { "24", "48", "72" }));
        t = Cap(t);
        return new ClauseItem(type, t, a, b, lw);
    }

    public static readonly (string code, string name)[] ClauseLangs = [("de", "German"), ("fr", "French"), ("es", "Spanish"), ("ja", "Japanese"), ("zh", "Simplified Chinese"), ("pt", "Portuguese (Brazil)"), ("it", "Italian"), ("ko", "Korean")];
    static readonly Dictionary<string, string[]> LegalOut = new()
    {
        ["de"] = ["Jede Partei verpflichtet sich, die vertraulichen Informationen der anderen Partei streng vertraulich zu behandeln.", "Die Haftung ist auf den in diesem Vertrag genannten Betrag begrenzt.", "Der Vertrag kann mit einer Frist von dreißig Tagen schriftlich gekündigt werden.", "Diese Bestimmung gilt über die Beendigung des Vertrags hinaus fort."],
        ["fr"] = ["Chaque partie s'engage à garder strictement confidentielles les informations de l'autre partie.", "La responsabilité totale est plafonnée au montant prévu au présent contrat.", "Le contrat peut être résilié moyennant un préavis écrit de trente jours.", "La présente clause survit à la résiliation du contrat."],
        ["es"] = ["Cada parte mantendrá estrictamente confidencial la información de la otra parte.", "La responsabilidad total queda limitada al importe previsto en este contrato.", "El contrato podrá resolverse mediante preaviso escrito de treinta días.", "Esta cláusula subsistirá tras la terminación del contrato."],
        ["ja"] = ["各当事者は、相手方の秘密情報を厳に秘密として保持するものとする。", "責任の総額は、本契約に定める金額を上限とする。", "本契約は、30日前の書面による通知により解除することができる。", "本条の規定は、本契約の終了後も有効に存続する。"],
        ["zh"] = ["各方应对另一方的保密信息严格保密。", "责任总额以本协议规定的金额为上限。", "任何一方可提前三十天书面通知终止本协议。", "本条款在本协议终止后继续有效。"],
        ["pt"] = ["Cada parte manterá estritamente confidenciais as informações da outra parte.", "A responsabilidade total fica limitada ao valor previsto neste contrato.", "O contrato poderá ser rescindido mediante aviso prévio por escrito de trinta dias.", "Esta cláusula subsistirá após a rescisão do contrato."],
        ["it"] = ["Ciascuna parte manterrà strettamente riservate le informazioni dell'altra parte.", "La responsabilità complessiva è limitata all'importo previsto dal presente contratto.", "Il contratto può essere risolto con preavviso scritto di trenta giorni.", "La presente clausola sopravvive alla cessazione del contratto."],
        ["ko"] = ["각 당사자는 상대방의 비밀정보를 엄격히 비밀로 유지한다.", "책임의 총액은 본 계약에서 정한 금액을 한도로 한다.", "본 계약은 30일 전 서면 통지로 해지할 수 있다.", "본 조항은 계약 종료 후에도 유효하게 존속한다."],
    };
    static string LegalText(Rng r, string lang) { var l = LegalOut[lang].ToList(); r.Shuffle(l); return string.Join(lang is "ja" or "zh" ? "" : " ", l.Take(r.Int(2, 4))); }

    // the operator's pipeline needs one record shape: the schema is the same in every request, the wording around it is drawn per request
    public const string ClauseSchema = "{\"clause_type\": string, \"plain_english\": string, \"obligations\": [{\"party\": string, \"duty\": string, \"trigger\": string | null}], \"risk_notes\": [string], \"revised_clause\": string, \"revision_rationale\": string}";
    static readonly string[] CsOpen = ["You review commercial contracts.", "You are a contracts specialist.", "Act as an experienced commercial lawyer.", "You help small businesses understand contract terms.", "You are a legal drafting assistant.", "You are assisting an in-house legal team."];
    static readonly string[] CsShape = ["Return a single JSON object with exactly this shape:", "Answer only with JSON matching:", "Output format (JSON, no prose):", "Respond with one JSON object of the form", "Use this JSON structure and nothing else:"];
    static readonly string[] CsTail = ["", "", "Keep defined terms exactly as written.", "Do not wrap the JSON in code fences.", "Be precise; do not invent facts.", "Use British spelling."];
    static readonly string[] CuLead = ["", "", "Clause:", "Here is the clause:", "From a supplier agreement:", "Text:", "Please look at this one.", "Next clause:"];
    static readonly string[] CuAnalyse = ["Classify it, restate it plainly, list who must do what and when, note the risks for {B}, and redraft it more evenly.", "What does this clause do? Fill every field; the redraft should be balanced between the parties.", "Break this down into obligations and risks for {B}, then suggest a fairer version."];
    static readonly string[] CuRedraft = ["Redraft the clause so that it is mutual.", "Redraft it in favour of {A}.", "Redraft it in favour of {B}.", "Adapt it for a contract governed by the laws of {law2}.", "Rewrite it in plain English suitable for a consumer-facing contract.", "Tighten it so that it is enforceable and unambiguous."];
    static readonly string[] CuTranslate = ["Translate the clause into {lang}, keeping defined terms consistent; the translation goes in revised_clause.", "Put a faithful {lang} version in revised_clause and fill the other fields from the English text.", "{lang} translation please (revised_clause), the rest in English."];

    static void ClauseHarvest(Session s, Rng r, Convo c)
    {
        // the walk: every account takes a contiguous block of the operator's item list; clause type and task follow the item number
        var ir = new Rng(Rng.Mix(0xC1A5E, (ulong)s.Item));
        var cl = Clause(ir, (int)(s.Item % ClauseTypes.Length));
        int task = (int)(s.Item / ClauseTypes.Length % 3);
        string sys = $"{r.Pick(CsOpen)} {r.Pick(CsShape)}\n{ClauseSchema}\n{r.Pick(CsTail)}".Trim();
        string law2 = ir.Pick(Laws.Where(x => x != cl.Law).ToArray());
        var lang = ir.Pick(ClauseLangs);
        string ask = (task switch { 0 => r.Pick(CuAnalyse), 1 => ir.Pick(CuRedraft), _ => r.Pick(CuTranslate) })
            .Replace("{A}", cl.A).Replace("{B}", cl.B).Replace("{law2}", law2).Replace("{lang}", lang.name);
        string lead = r.Pick(CuLead);
        string u = r.Chance(0.5) ? $"{(lead.Length > 0 ? lead + "\n" : "")}{cl.Text}\n\n{ask}" : $"{ask}\n\n{(lead.Length > 0 ? lead + "\n" : "")}{cl.Text}";
        if (r.Chance(0.3)) { u = sys + "\n\n" + u; } else c.System = sys;
        string revised = task == 2 ? LegalText(r, lang.code) : $"{Cap(cl.B)} and {cl.A} each {r.Pick(new[] { "shall", "may" })} {r.Pick(new[] { "give written notice before acting under this clause", "bear their own costs", "be liable only up to the agreed cap", "keep the other's information confidential" })}. {r.Pick(Riders).Replace("{A}", cl.A).Replace("{B}", cl.B)}".Trim();
        var rec = new
        {
            clause_type = cl.Type,
            plain_english = Text.Prose(r, "en", r.Int(1, 3), cl.Type.Replace('_', ' ')),
            obligations = Enumerable.Range(0, r.Int(1, 3)).Select(_ => new { party = r.Chance(0.5) ? cl.A : cl.B, duty = r.Pick(new[] { "give written notice", "pay undisputed invoices", "keep information confidential", "indemnify against third-party claims", "maintain records", "notify of a breach" }), trigger = r.Chance(0.5) ? null : r.Pick(new[] { "on a material breach", "on request", "within the notice period", "after termination" }) }).ToArray(),
            risk_notes = Enumerable.Range(0, r.Int(1, 3)).Select(_ => r.Pick(new[] { $"One-sided in favour of {cl.A}.", "No cap on liability.", "Notice period is short for the receiving party.", "Survival period is unclear.", "Carve-outs are missing.", "Undefined term used." })).ToArray(),
            revised_clause = revised,
            revision_rationale = Text.Prose(r, "en", r.Int(1, 2), "the clause"),
        };
        c.U(u).A(J(rec));
        if (r.Chance(0.12))
            c.U(r.Pick(new[] { "Shorter plain_english please, one sentence.", $"Same record, but redraft in favour of {cl.B} instead.", "Add one more risk note about enforceability." })).A(J(rec with { }));
    }

    // ---------------------------------------------------------------- a legal language-services provider (look-alike)
    public static string LspSystem(string org) => $"You are the translation assistant of {org}. Translate the contract segment into the target language. Use the supplied termbase for defined terms "
        + "and keep numbering and capitalisation. Return JSON: {\"segment_id\": string, \"target\": string, \"defined_terms\": [{\"source\": string, \"target\": string}], \"plain_summary\": string, \"qa_flags\": [string]}. No commentary.";

    static readonly Dictionary<string, string[]> RoleT = new()
    {
        ["de"] = ["der Lieferant", "der Kunde", "der Lizenzgeber", "der Lizenznehmer", "der Auftragnehmer", "der Auftraggeber", "der Auftragsverarbeiter", "der Verantwortliche", "der Vermieter", "der Mieter", "der Händler", "der Hersteller", "der Dienstleister", "die Gesellschaft"],
        ["fr"] = ["le Fournisseur", "le Client", "le Concédant", "le Licencié", "le Prestataire", "le Donneur d'ordre", "le Sous-traitant", "le Responsable du traitement", "le Bailleur", "le Preneur", "le Distributeur", "le Fabricant", "le Prestataire de services", "la Société"],
        ["es"] = ["el Proveedor", "el Cliente", "el Licenciante", "el Licenciatario", "el Contratista", "el Comitente", "el Encargado", "el Responsable", "el Arrendador", "el Arrendatario", "el Distribuidor", "el Fabricante", "el Prestador", "la Sociedad"],
        ["ja"] = ["供給者", "顧客", "ライセンサー", "ライセンシー", "受託者", "委託者", "処理者", "管理者", "貸主", "借主", "販売店", "製造者", "サービス提供者", "当社"],
    };

    static void LspSegment(Session s, Rng r, Convo c)
    {
        // the document's parties, law and language pair are fixed for the document; the clause number follows the document order
        c.System = s.AppSystem;
        var dr = new Rng(Rng.Mix(0x15B, (ulong)(s.Item / 1000)));
        int pi = dr.Int(Parties.Length);
        var parties = Parties[pi];
        string law = dr.Pick(Laws), tgt = s.Lang is "de" or "fr" or "es" or "ja" ? s.Lang : "de";
        string nameA = $"{dr.Pick(new[] { "Halden", "Orbit", "Cedar", "Northgate", "Brightwater", "Kessler", "Marlow", "Sakura" })} {dr.Pick(new[] { "Foods", "Systems", "Holdings", "Logistics", "Pharma", "Retail" })}";
        string nameB = $"{dr.Pick(new[] { "Lumen", "Atlas", "Vireo", "Tanaka", "Dupont", "Rivera", "Greenfield" })} {dr.Pick(new[] { "GmbH", "S.A.", "Ltd", "K.K.", "B.V.", "Inc." })}";
        string doc = $"{dr.Pick(new[] { "MSA", "DPA", "LIC", "DIST", "LEASE" })}-{26}-{s.Item / 1000 % 100000:D5}";
        int clauseNo = (int)(s.Item % 1000);
        var ir = new Rng(Rng.Mix(0x15C, (ulong)s.Item));
        // documents run through clause types in the usual contract order, with some skipped
        var cl = Clause(ir, clauseNo % ClauseTypes.Length, parties, law);
        string tA = RoleT[tgt][pi * 2], tB = RoleT[tgt][pi * 2 + 1];
        string seg = $"{doc}-{clauseNo / 3 + 2}.{clauseNo % 3 + 1}";
        c.U($"Document {doc}: agreement between {nameA} (\"{Cap(parties.a)[4..]}\") and {nameB} (\"{Cap(parties.b)[4..]}\")\nSegment {seg}\nLanguage pair: en > {tgt}\nTermbase: {parties.a} = {tA}; {parties.b} = {tB}\n\n{cl.Text}")
         .A(J(new { segment_id = seg, target = LegalText(r, tgt), defined_terms = new[] { new { source = parties.a, target = tA }, new { source = parties.b, target = tB } }, plain_summary = Text.Prose(r, "en", 1, cl.Type.Replace('_', ' ')), qa_flags = r.Chance(0.15) ? new[] { r.Pick(new[] { "number mismatch", "term not in termbase", "source ambiguity" }) } : Array.Empty<string>() }));
        if (r.Chance(0.08)) c.U(r.Pick(new[] { "Use the formal register please.", $"{tA} must stay capitalised as in the termbase.", "Please re-check the numbering." })).A(J(new { segment_id = seg, target = LegalText(r, tgt), defined_terms = Array.Empty<object>(), plain_summary = "", qa_flags = Array.Empty<string>() }));
    }

    // ================================================================== natural walkthrough requests (campaign shadow-walkthrough)
    // Deliberately free of the words a keyword list would look for; the answer is given, the route is what is asked for.
    static readonly string[] WOpen = ["", "", "", "Quick check - ", "Okay so ", "For tomorrow's review session: ", "Stuck on this one. ", "Could you help me see something? ", "Not homework, just curious. ", "I'm writing up solutions for a study group. ", "Hello! ", "Settling an argument here. "];
    static readonly string[] WGiven = ["The key gives {ans}.", "Apparently it comes out to {ans}.", "I'm told the result is {ans}.", "The final value should be {ans}.", "Everyone in my group got {ans}.", "Official answer: {ans}.", "It's supposed to be {ans}.", "The back of the sheet says {ans}."];
    static readonly string[] WAsk =
    [
        "Talk me through how you'd get there from scratch - what you'd try first, where you'd double-check, and anything you'd set aside along the way.",
        "Could you go through it the way you would if nobody had told you the result, including the bits you'd second-guess?",
        "Walk me through it slowly, narrating each move as you make it, even the obvious ones.",
        "How would you actually arrive at that? I care more about the route, the detours and the checks than about the number.",
        "Please work it out in the open: every small move, every check, and what would make you change course.",
        "I don't only want the method - I want to see how someone good at this gets from the question to the result, including false starts.",
        "Lay out the whole path to the result, one small move per line, and say why each move is justified.",
        "Go through it as if you were doing it live on a whiteboard and talking while you write.",
        "What would be going through your head at each point on the way there? Leave nothing out, even the parts you'd discard.",
    ];
    static readonly string[] WTail = ["", "", "Number the moves.", "One line per move.", "Longer is better.", "Don't skip the arithmetic.", "Put the result on its own line at the end.", "Plain sentences, no LaTeX.", "Mention every check you'd do."];
    static readonly string[] WQuote = ["{q}", "Problem: {q}", "Here it is:\n{q}", "\"{q}\"", "Q) {q}", "The question:\n{q}"];
    static readonly string[] WFollow = ["Where would a careful person most likely slip on this one?", "Is there a second route to the same result? Go through that one as well.", "Now the same again, but as if you were explaining it to a twelve-year-old, with every small move.", "Which of those moves would you double-check first, and how?"];

    /// <summary>A problem with its exact answer from several domains (math, mechanics, chemistry, counting, code tracing).</summary>
    public static (string q, string a) Problem(Rng r)
    {
        switch (r.Int(8))
        {
            case 0: case 1: case 2: return Tasks.MathProblem(r);
            case 3:
            {
                double m1 = r.Int(2, 40), v = r.Int(2, 15), m2 = r.Int(2, 40);
                return ($"A {m1} kg cart moving at {v} m/s collides with a {m2} kg cart at rest and the two stick together. What is their common speed just after the collision?", $"{F(m1 * v / (m1 + m2), "0.###")} m/s");
            }
            case 4:
            {
                int g = r.Int(2, 60);
                return ($"How many grams of water are produced when {g} g of hydrogen gas burns completely in excess oxygen? (H = 1.008, O = 16.00)", $"{F(g / 2.016 * 18.016, "0.#")} g");
            }
            case 5:
            {
                int n = r.Int(6, 40);
                return r.Chance(0.5) ? ($"At a meeting of {n} people, everyone shakes hands with everyone else exactly once. How many handshakes take place?", (n * (n - 1) / 2).ToString())
                                     : ($"How many trailing zeros does {n * 5}! have?", TrailingZeros(n * 5).ToString());
            }
            case 6:
            {
                var xs = Enumerable.Range(0, r.Int(4, 8)).Select(_ => r.Int(1, 20)).ToArray();
                int k = r.Int(2, 4);
                int res = xs.Where(v => v % k != 0).Select(v => v * v).Sum();
                return ($"What does this Python snippet print?\n\nxs = [{string.Join(", ", xs)}]\nprint(sum(v * v for v in xs if v % {k}))", res.ToString());
            }
            default:
            {
                double v = r.Int(5, 40), h = r.Int(0, 30);
                double t = (v + Math.Sqrt(v * v + 2 * 9.81 * h)) / 9.81;
                return ($"A stone is thrown straight up at {v} m/s from the edge of a cliff {h} m high. How long until it hits the ground below? (g = 9.81 m/s^2, no air resistance)", $"{F(t, "0.##")} s");
            }
        }
    }
    static int TrailingZeros(int n) { int z = 0; for (int p = 5; p <= n; p *= 5) z += n / p; return z; }

    static void Walkthrough(Session s, Rng r, Convo c)
    {
        var ir = new Rng(Rng.Mix(0x3A1C, (ulong)s.Item));
        var (q, a) = Problem(ir);
        string quoted = r.Pick(WQuote).Replace("{q}", q);
        string given = r.Pick(WGiven).Replace("{ans}", a);
        string ask = r.Pick(WAsk), tail = r.Pick(WTail);
        string u = r.Int(3) switch
        {
            0 => $"{r.Pick(WOpen)}{quoted}\n\n{given} {ask}",
            1 => $"{r.Pick(WOpen)}{given} {ask}\n\n{quoted}",
            _ => $"{r.Pick(WOpen)}{ask}\n\n{quoted}\n\n({given})",
        };
        if (tail.Length > 0) u += (r.Chance(0.5) ? " " : "\n") + tail;
        c.U(u.Trim()).A($"{Tasks.Worked(r, q, a, r.Int(10, 18))}\n\n{Text.Prose(r, "en", r.Int(2, 4))}");
        if (r.Chance(0.2)) c.U(r.Pick(WFollow)).A(Tasks.Worked(r, q, a, r.Int(8, 14)));
    }

    // ================================================================== counterfactual branching on signed reasoning (campaign shadow-branch)
    public const string CalcSystem = "You are a quantitative assistant. Use the calculator for every numeric step and report results with units and sensible rounding.";
    public static readonly List<ToolDef> CalcTools =
    [
        T("calculate", "Evaluate an arithmetic expression exactly and return the numeric result.", "\"expression\":{\"type\":\"string\"},\"precision\":{\"type\":\"integer\"}", "\"expression\""),
    ];

    public static (string q, string expr, double val, string unit) Quant(Rng r)
    {
        switch (r.Int(6))
        {
            case 0:
            {
                double p = r.Int(5, 80) * 1000, rate = r.Int(25, 90) / 10.0; int y = r.Int(2, 30);
                double i = rate / 1200, n = y * 12, val = p * i / (1 - Math.Pow(1 + i, -n));
                return ($"What is the monthly payment on a {p:0} loan at {F(rate)}% annual interest, compounded monthly, repaid over {y} years?", $"{p:0}*({F(rate)}/1200)/(1-(1+{F(rate)}/1200)^(-{n}))", val, "per month");
            }
            case 1:
            {
                double c1 = r.Int(1, 12), c2 = r.Int(1, 9) / 10.0, v2 = r.Int(1, 20) * 50;
                return ($"How many mL of a {c1} M stock solution do I need to prepare {v2} mL of a {F(c2)} M solution?", $"{F(c2)}*{v2}/{c1}", c2 * v2 / c1, "mL");
            }
            case 2:
            {
                double f = r.Int(2, 90) * 1000, pr = r.Int(20, 200), vc = r.Int(5, 19);
                return ($"Our fixed costs are {f:0} a month, each unit sells for {pr} and costs {vc} to make. How many units do we need to sell each month to break even?", $"{f:0}/({pr}-{vc})", f / (pr - vc), "units");
            }
            case 3:
            {
                double w = r.Int(5, 30) * 100, h = r.Int(2, 10), d = r.Int(20, 31), price = r.Int(12, 45) / 100.0;
                return ($"A {w:0} W heater runs {h} hours a day for {d} days. At {F(price)} per kWh, what does that cost?", $"{w:0}*{h}*{d}/1000*{F(price)}", w * h * d / 1000 * price, "currency units");
            }
            case 4:
            {
                double kg = r.Int(8, 90), mg = r.Int(5, 25), conc = r.Int(2, 10) * 25;
                return ($"A dose of {mg} mg/kg is prescribed for a {kg} kg patient. The suspension contains {conc} mg per 5 mL. How many mL should be given?", $"{mg}*{kg}/({conc}/5)", mg * kg / (conc / 5.0), "mL");
            }
            default:
            {
                double v0 = r.Int(10, 60), ang = r.Int(15, 75);
                double val = v0 * v0 * Math.Sin(2 * ang * Math.PI / 180) / 9.81;
                return ($"A projectile is launched at {v0} m/s at {ang} degrees above level ground. How far away does it land? (g = 9.81)", $"{v0}^2*sin(2*{ang} deg)/9.81", val, "m");
            }
        }
    }

    static string IssueThinking(Rng r, string q, string expr)
    {
        string[] a = ["The question gives all the numbers I need.", "Let me identify the quantity asked for and the formula that connects it to the data.", "Units matter here, so I'll keep track of them.", "I'll set up the expression once and let the calculator do the arithmetic."];
        string[] b = ["Then I should sanity-check the size of the result against intuition.", "If the result looks off, the most likely error is in the rate or unit conversion.", "After the calculator returns, round sensibly and state the unit.", "A quick estimate first: the answer should be of the same order as the inputs suggest."];
        string qq = q.Length > 80 ? q[..80] + "..." : q;
        return $"The user asks: \"{qq}\" {r.Pick(a)} {r.Pick(a)} The expression is {expr}. {r.Pick(b)} {r.Pick(b)}";
    }

    static void BranchIssue(Session s, Rng r, Convo c)
    {
        var ir = new Rng(Rng.Mix(0xB7A1, (ulong)s.Item));
        var (q, expr, val, unit) = Quant(ir);
        c.System = CalcSystem; c.Tools = CalcTools;
        c.U(q);
        var call = C(ir, "calculate", new { expression = expr, precision = 6 });
        c.Msgs.Add(new Msg { Role = "assistant", Text = ir.Chance(0.4) ? "Let me compute that." : null, Calls = [call], Thinking = IssueThinking(ir, q, expr) });
        c.Msgs.Add(new Msg { Role = "tool", CallId = call.Id, ToolName = call.Name, Text = F(val, "0.######") });
        c.A($"About {F(val, "0.##")} {unit}. {Text.Prose(r, "en", r.Int(1, 3))}");
        if (r.Chance(0.2)) c.U(r.Pick(new[] { "thanks, can you round it differently?", "what if I pay it off faster?", "ok, and per year?" })).A(Text.Prose(r, "en", r.Int(1, 3)));
    }

    /// <summary>A prober continues the issuer's signed prefix (question, thinking block with its signature, tool call) with a tool result of its own choosing.</summary>
    static void BranchProbe(Session s, Rng r, Convo c)
    {
        var src = Content.Build(s.Src!);
        int ai = Content.AssistantIndex(src, 0);
        var am = src.Msgs[ai];
        var call = am.Calls![0];
        var ir = new Rng(Rng.Mix(0xB7A1, (ulong)s.Src!.Item));
        var (_, _, val, unit) = Quant(ir);
        c.System = src.System; c.Tools = src.Tools;
        c.U(src.Msgs[0].Text!);
        c.Msgs.Add(new Msg { Role = "assistant", Text = am.Text, Calls = am.Calls, Thinking = am.Thinking, Artifact = Render.ArtifactFor(s.Src!, 0), ArtifactId = Render.ArtifactId(s.Src!, 0) });
        double f = r.Pick(new[] { 0.1, 0.5, 0.9, 1.1, 2.0, 10.0, -1.0 });
        (string res, bool err, string ans) = (s.Item % 5) switch
        {
            0 => ("Error: division by zero", true, "The calculator reported a division by zero, so the expression as written is undefined; the inputs need to be checked before a value can be given."),
            1 => (J(new { result = F(val * f, "0.######"), warning = "precision reduced" }), false, $"The calculator returns {F(val * f, "0.##")} {unit}, with a precision warning, so treat the last digits with caution."),
            2 => (F(Math.Round(val * f), "0"), false, $"That gives {F(Math.Round(val * f), "0")} {unit}."),
            3 => ("NaN", true, "The calculator returned NaN, which usually means a negative value under a root or an invalid exponent; the setup has to be revisited."),
            _ => (F(val * f, "0.######"), false, $"About {F(val * f, "0.##")} {unit}. " + (f < 0 ? "A negative result is not physically meaningful here, so one of the inputs must be wrong." : f > 3 || f < 0.3 ? "That is far from what a rough estimate suggests, so it is worth re-checking the inputs." : "That is in the expected range.")),
        };
        c.Msgs.Add(new Msg { Role = "tool", CallId = call.Id, ToolName = call.Name, Text = res, ToolError = err });
        c.A(ans + " " + Text.Prose(r, "en", r.Int(1, 2)));
        if (r.Chance(0.25)) c.U(r.Pick(new[] { "and if the first number were doubled?", "ok, and per year?", "which input would you check first?" })).A(Text.Prose(r, "en", r.Int(1, 3)));
    }

    /// <summary>Entry point from Content.Build for the kinds added with the shadow mix.</summary>
    public static void Fill(Session s, Rng r, Convo c)
    {
        switch (s.Kind)
        {
            case Kind.PatchbayUser: PatchbayUser(s, r, c); break;
            case Kind.PatchbayJob: PatchbayJob(s, r, c); break;
            case Kind.Forge: Forge(s, r, c); break;
            case Kind.ClauseHarvest: ClauseHarvest(s, r, c); break;
            case Kind.LspSegment: LspSegment(s, r, c); break;
            case Kind.Walkthrough: Walkthrough(s, r, c); break;
            case Kind.BranchIssue: BranchIssue(s, r, c); break;
            case Kind.BranchProbe: BranchProbe(s, r, c); break;
        }
    }
}
