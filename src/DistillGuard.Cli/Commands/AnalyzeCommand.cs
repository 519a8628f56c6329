using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DistillGuard.Cli.Output;
using DistillGuard.Core.Analysis;
using DistillGuard.Core.Reading;
using DistillGuard.Core.Verdicts;
using DistillGuard.Dashboard.Report;
using DistillGuard.Storage;
using DistillGuard.Storage.Writing;
using Spectre.Console;

namespace DistillGuard.Cli.Commands;

/// <summary>`distillguard analyze`: read an exchange log, find distillation campaigns, explain every verdict.</summary>
internal static class AnalyzeCommand
{
    /// <summary>What one analysis run is asked to do.</summary>
    internal sealed record Request
    {
        public IReadOnlyList<string> Logs { get; init; } = [];
        public string? Accounts { get; init; }
        public string? Allow { get; init; }
        public IReadOnlyList<string> IpIntel { get; init; } = [];
        public string? OutDir { get; init; }
        public string? Store { get; init; }
        /// <summary>Environment variable with the PostgreSQL password (default PGPASSWORD).</summary>
        public string? StorePasswordEnv { get; init; }
        /// <summary>Also write DIR/report.html (self-contained campaign report).</summary>
        public string? Report { get; init; }
        public bool Explain { get; init; }
        public int Workers { get; init; } = Environment.ProcessorCount;
        public bool Json { get; init; }
        public bool NoProgress { get; init; }
        public bool FailOnCampaign { get; init; }
        /// <summary>Detector options file (JSON); environment variables DISTILLGUARD_DETECTOR_* override it.</summary>
        public string? Config { get; init; }
        /// <summary>The detector options <see cref="Execute"/> validated (the file is read once: it may be a pipe); null: read them in <see cref="Run"/>.</summary>
        public DetectorOptions? Options { get; init; }
    }

    /// <summary>What a run produced, for the terminal, `--json` and the demo.</summary>
    internal sealed record Outcome(AnalysisResult Result, ReaderStats Reader, string OutDir, string? Store, TimeSpan Elapsed)
    {
        public int Suppressed { get; init; }
        public int Dismissed { get; init; }
        public string? Report { get; init; }
        /// <summary>Applying dismissals, reading cited exchanges back and writing the store; writing the report.</summary>
        public TimeSpan StoreTime { get; init; }
        public TimeSpan ReportTime { get; init; }
    }

    public static Command Create()
    {
        var log = new Option<string[]>("--log", "-l")
        {
            Description = "Exchange log(s): .jsonl or .jsonl.gz (exchange-log spec). Repeat or list several.",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var accounts = new Option<string?>("--accounts") { Description = "Account registry (accounts.jsonl of the spec): sign-up, payment and tier facts." };
        var allow = new Option<string?>("--allow") { Description = "Accounts licensed to distil, one id per line: profiled and reported, never given 'campaign'." };
        var ipIntel = new Option<string[]>("--ip-intel")
        {
            Description = "IP-intelligence file(s) you hold: CIDR lists or start,end,asn,org tables (.gz too). Repeatable; optional.",
            AllowMultipleArgumentsPerToken = true,
        };
        var outDir = new Option<string>("--out", "-o") { Description = "Output directory: verdicts.jsonl, campaigns.json, quarantine.jsonl.", Required = true };
        var store = new Option<string?>("--store")
        {
            Description = "Also write the results into a store for SQL, `report` and the dashboard: a DuckDB file, or postgresql://USER@HOST:PORT/DB " +
                          "(shared by a team). The latest analysis replaces the previous one; decisions and audit are kept, and analysts' dismissals are applied.",
        };
        var storePasswordEnv = new Option<string?>("--store-password-env") { Description = "Environment variable holding the PostgreSQL password (default PGPASSWORD)." };
        var report = new Option<string?>("--report") { Description = "Also write DIR/report.html: a self-contained campaign report (opens offline)." };
        var workers = new Option<int>("--workers") { Description = "Parsing threads.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var json = new Option<bool>("--json") { Description = "Print the run summary as JSON on stdout." };
        var explain = new Option<bool>("--explain") { Description = "Also write groups.jsonl (every group scored, published or not, with its confidence and parts) and keys.jsonl (every shared value with its weight), accounts.jsonl (each account's harvest and operator evidence) and operators.jsonl (every candidate operator judged, with what was measured and the outcome) for review." };
        var noProgress = new Option<bool>("--no-progress") { Description = "No progress bar on stderr." };
        var failOnCampaign = new Option<bool>("--fail-on-campaign") { Description = "Exit 1 when any campaign is found (for pipelines)." };
        var config = new Option<string?>("--config")
        {
            Description = "Detector options as a JSON object (e.g. {\"min_campaign_accounts\": 4}); environment variables " +
                          DetectorOptionsLoader.EnvironmentPrefix + "<NAME> override the file. Names: " + string.Join(", ", DetectorOptionsLoader.Names) + ".",
        };

        var cmd = new Command("analyze",
            "Find distillation campaigns in an exchange log: per-exchange signals, per-account profiles, cross-account links,\n" +
            "campaigns. Writes verdicts.jsonl (every account once, with reasons) and campaigns.json (verdicts spec).")
        {
            log, accounts, allow, ipIntel, outDir, store, storePasswordEnv, report, workers, json, noProgress, failOnCampaign, config, explain,
        };
        cmd.SetAction((pr, ct) => Task.FromResult(Execute(new Request
        {
            Logs = pr.GetValue(log) ?? [],
            Accounts = pr.GetValue(accounts),
            Allow = pr.GetValue(allow),
            IpIntel = pr.GetValue(ipIntel) ?? [],
            OutDir = pr.GetValue(outDir),
            Store = pr.GetValue(store),
            StorePasswordEnv = pr.GetValue(storePasswordEnv),
            Report = pr.GetValue(report),
            Explain = pr.GetValue(explain),
            Workers = pr.GetValue(workers),
            Json = pr.GetValue(json),
            NoProgress = pr.GetValue(noProgress),
            FailOnCampaign = pr.GetValue(failOnCampaign),
            Config = pr.GetValue(config),
        }, Console.Out, Console.Error, ct)));
        return cmd;
    }

    /// <summary>Every problem with a request, all at once; empty when it can run.</summary>
    internal static List<string> Validate(Request r, out DetectorOptions? options)
    {
        var errors = new List<string>();
        if (r.Logs.Count == 0) errors.Add("--log FILE is required");
        foreach (var f in r.Logs) if (!File.Exists(f)) errors.Add($"--log: no file '{f}'");
        if (r.Accounts is not null && !File.Exists(r.Accounts)) errors.Add($"--accounts: no file '{r.Accounts}'");
        if (r.Allow is not null && !File.Exists(r.Allow)) errors.Add($"--allow: no file '{r.Allow}'");
        foreach (var f in r.IpIntel) if (!File.Exists(f)) errors.Add($"--ip-intel: no file '{f}'");
        if (string.IsNullOrWhiteSpace(r.OutDir)) errors.Add("--out DIR is required");
        if (r.Workers < 1) errors.Add($"--workers must be at least 1 (was {r.Workers})");
        options = null;
        if (r.Config is not null && !File.Exists(r.Config)) errors.Add($"--config: no file '{r.Config}'");
        else
        {
            options = DetectorOptionsLoader.Load(r.Config, Environment.GetEnvironmentVariables(), out var optionErrors);
            errors.AddRange(optionErrors.Select(e => $"detector options: {e}"));
        }
        return errors;
    }

    internal static int Execute(Request request, TextWriter stdout, TextWriter stderr, CancellationToken ct = default)
    {
        var errors = Validate(request, out var options);
        if (errors.Count > 0)
        {
            foreach (var e in errors) stderr.WriteLine($"analyze: {e}");
            stderr.WriteLine("usage: distillguard analyze --log FILE... --out DIR [--accounts FILE] [--allow FILE] [--ip-intel FILE]... [--store FILE.duckdb|postgresql://…] [--report DIR] [--json]");
            return ExitCodes.UsageError;
        }

        Outcome outcome;
        try
        {
            outcome = Run(request with { Options = options }, stderr, ct);
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("analyze: cancelled");
            return ExitCodes.InternalError;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            stderr.WriteLine($"analyze: {e.Message}");
            return ExitCodes.InputError;
        }
        catch (Exception e) when (e is System.Data.Common.DbException or ArgumentException && request.Store is not null)
        {
            stderr.WriteLine($"analyze: store {request.Store}: {e.Message}");
            return ExitCodes.InputError;
        }

        if (request.Json) WriteJson(stdout, outcome);
        else Render(ConsoleFactory.Create(stdout), outcome);
        return request.FailOnCampaign && outcome.Result.Campaigns.Count > 0 ? ExitCodes.CheckFailed : ExitCodes.Success;
    }

    /// <summary>Reads, analyses and writes; the one implementation behind `analyze` and `demo`.</summary>
    internal static Outcome Run(Request request, TextWriter stderr, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        string outDir = request.OutDir!;
        Directory.CreateDirectory(outDir);
        var inputs = AnalysisInputs.Load(request.Accounts, request.Allow, request.IpIntel.Count > 0 ? request.IpIntel : null);
        var detectorOptions = request.Options ?? DetectorOptionsLoader.Load(request.Config, Environment.GetEnvironmentVariables(), out var optionErrors)
            ?? throw new InvalidDataException("detector options: " + string.Join("; ", optionErrors));
        var engine = new AnalysisEngine(detectorOptions);
        var readerOptions = new ReaderOptions
        {
            Files = request.Logs,
            QuarantinePath = Path.Combine(outDir, "quarantine.jsonl"),
            Workers = request.Workers,
            SkeletonFingerprints = detectorOptions.ParaphraseLinks,
        };

        ReaderStats stats;
        AnalysisResult? result = null;
        var tally = request.Store is not null || request.Report is not null ? new ActivityTally() : null;
        Action<Core.Model.ExchangeFeatures> add = tally is null ? engine.Add : f => { engine.Add(f); tally.Add(f); };
        bool showProgress = !request.NoProgress && !Console.IsErrorRedirected && ReferenceEquals(stderr, Console.Error);
        if (showProgress)
        {
            ReaderStats? s = null;
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error), Ansi = AnsiSupport.Detect, Interactive = InteractionSupport.Yes });
            console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(ctx =>
                {
                    var read = ctx.AddTask("reading and scoring exchanges", maxValue: 1);
                    var progress = new InlineProgress(p =>
                    {
                        read.MaxValue = Math.Max(1, p.BytesTotal);
                        read.Value = Math.Min(p.BytesRead, read.MaxValue);
                        read.Description = $"reading: {p.Lines:N0} lines, {p.Quarantined:N0} quarantined";
                    });
                    s = ExchangeLogReader.Read(readerOptions with { Progress = progress }, add, ct);
                    read.Value = read.MaxValue;
                    var link = ctx.AddTask("linking accounts and assembling campaigns", maxValue: 1);
                    link.IsIndeterminate = true;
                    result = engine.Complete(inputs);
                    link.IsIndeterminate = false;
                    link.Value = 1;
                });
            stats = s!;
        }
        else
        {
            stats = ExchangeLogReader.Read(readerOptions, add, ct);
            result = engine.Complete(inputs);
        }

        int suppressed = 0, dismissed = 0;
        string? reportPath = null;
        TimeSpan storeTime = default, reportTime = default;
        if (tally is not null)
        {
            // An analysis with --report but no --store goes through an in-memory store.
            var phase = Stopwatch.StartNew();
            using var store = ResultStores.Open(request.Store ?? ":memory:", request.StorePasswordEnv);
            var published = AnalysisPublisher.Publish(store, result!, new PublishOptions
            {
                Logs = request.Logs,
                Inputs = inputs,
                Activity = tally,
                Quarantined = stats.Quarantined,
                Detector = detectorOptions,
            }, ct);
            result = published.Result;
            suppressed = published.Feedback.Suppressed.Count;
            dismissed = published.Feedback.ClearedAccounts.Count;
            storeTime = phase.Elapsed;
            phase.Restart();
            if (request.Report is not null) reportPath = ReportWriter.Write(store, request.Report);
            reportTime = phase.Elapsed;
        }
        VerdictWriter.Write(outDir, result!.Verdicts, result.Campaigns);
        if (request.Explain) ExplainWriter.Write(outDir, result);
        if (stats.Quarantined == 0 && File.Exists(readerOptions.QuarantinePath) && new FileInfo(readerOptions.QuarantinePath).Length == 0)
            File.Delete(readerOptions.QuarantinePath);
        return new Outcome(result, stats, outDir, request.Store, sw.Elapsed) { Suppressed = suppressed, Dismissed = dismissed, Report = reportPath, StoreTime = storeTime, ReportTime = reportTime };
    }

    internal static void Render(IAnsiConsole console, Outcome o)
    {
        var r = o.Result;
        var read = o.Reader;
        console.MarkupLine(
            $"read [bold]{read.Exchanges:N0}[/] exchanges from {read.Files} file(s) ({read.Bytes / 1e6:N0} MB) in {o.Elapsed.TotalSeconds:N1} s; " +
            $"[{(read.Quarantined > 0 ? "yellow" : "green")}]{read.Quarantined:N0} quarantined[/]" +
            (read.Quarantined > 0 ? $" ({Markup.Escape(string.Join(", ", read.QuarantineReasons.Select(kv => $"{kv.Key} {kv.Value:N0}")))}) → {Markup.Escape(Path.Combine(o.OutDir, "quarantine.jsonl"))}" : ""));
        int campaign = r.Verdicts.Count(v => v.Verdict == VerdictKind.Campaign);
        int watch = r.Verdicts.Count(v => v.Verdict == VerdictKind.Watch);
        console.MarkupLine($"{r.Verdicts.Count:N0} accounts: [red]{campaign:N0} campaign[/], [yellow]{watch:N0} watch[/], {r.Verdicts.Count - campaign - watch:N0} clear; {r.Campaigns.Count} campaign(s)");

        if (r.Campaigns.Count > 0)
        {
            var t = new Table().Title("[bold]campaigns[/]").AddColumn("id").AddColumn(new TableColumn("accounts").RightAligned())
                .AddColumn(new TableColumn("exchanges").RightAligned()).AddColumn(new TableColumn("score").RightAligned())
                .AddColumn("first → last seen").AddColumn("targets").AddColumn("tactics").AddColumn("strongest evidence");
            foreach (var c in r.Campaigns)
            {
                var ev = c.Evidence.Count > 0 ? c.Evidence[0] : null;
                t.AddRow(
                    Markup.Escape(c.Id),
                    c.Accounts.Count.ToString("N0", CultureInfo.InvariantCulture),
                    c.Exchanges.ToString("N0", CultureInfo.InvariantCulture),
                    c.Score.ToString("0.00", CultureInfo.InvariantCulture),
                    $"{c.FirstSeen:MM-dd HH:mm} → {c.LastSeen:MM-dd HH:mm}",
                    Markup.Escape(string.Join(", ", c.Targets)),
                    Markup.Escape(Abbreviate(c.Tactics, 4)),
                    ev is null ? "" : Markup.Escape(Shorten(ev.Summary, 70) + (ev.ExchangeIds.Count > 0 ? $" (e.g. {ev.ExchangeIds[0]})" : "")));
            }
            console.Write(t);
        }
        if (o.Suppressed > 0 || o.Dismissed > 0)
            console.MarkupLine($"[grey]analysts' dismissals: {o.Suppressed} campaign(s) suppressed, {o.Dismissed} account(s) cleared (same accounts, no new kind of evidence)[/]");
        console.MarkupLine($"written: [bold]{Markup.Escape(Path.Combine(o.OutDir, VerdictWriter.VerdictsFile))}[/], [bold]{Markup.Escape(Path.Combine(o.OutDir, VerdictWriter.CampaignsFile))}[/]" +
            (o.Store is null ? "" : $", [bold]{Markup.Escape(o.Store)}[/]") + (o.Report is null ? "" : $", [bold]{Markup.Escape(o.Report)}[/]"));
    }

    private static string Abbreviate(IReadOnlyList<string> items, int max)
        => items.Count <= max ? string.Join(", ", items) : string.Join(", ", items.Take(max)) + $" +{items.Count - max}";

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static void WriteJson(TextWriter stdout, Outcome o)
    {
        var r = o.Result;
        var doc = new
        {
            schema = "distillguard.analysis/1",
            out_dir = o.OutDir,
            store = o.Store,
            report = o.Report,
            suppressed_campaigns = o.Suppressed,
            dismissed_accounts = o.Dismissed,
            elapsed_seconds = Math.Round(o.Elapsed.TotalSeconds, 3),
            store_seconds = Math.Round(o.StoreTime.TotalSeconds, 3),
            report_seconds = Math.Round(o.ReportTime.TotalSeconds, 3),
            reader = new
            {
                files = o.Reader.Files,
                lines = o.Reader.Lines,
                exchanges = o.Reader.Exchanges,
                quarantined = o.Reader.Quarantined,
                bytes = o.Reader.Bytes,
                quarantine_reasons = o.Reader.QuarantineReasons,
            },
            accounts = r.Verdicts.Count,
            verdicts = new
            {
                campaign = r.Verdicts.Count(v => v.Verdict == VerdictKind.Campaign),
                watch = r.Verdicts.Count(v => v.Verdict == VerdictKind.Watch),
                clear = r.Verdicts.Count(v => v.Verdict == VerdictKind.Clear),
            },
            campaigns = r.Campaigns.Select(c => new
            {
                id = c.Id,
                accounts = c.Accounts.Count,
                exchanges = c.Exchanges,
                score = c.Score,
                first_seen = c.FirstSeen,
                last_seen = c.LastSeen,
                targets = c.Targets,
                tactics = c.Tactics,
            }),
        };
        stdout.WriteLine(JsonSerializer.Serialize(doc, JsonOutput.Options));
    }

    private sealed class InlineProgress(Action<ReadProgress> report) : IProgress<ReadProgress>
    {
        public void Report(ReadProgress value) => report(value);
    }
}
