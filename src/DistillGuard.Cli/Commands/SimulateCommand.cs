using System.CommandLine;
using System.Text.Json;
using DistillGuard.Simulation.Engine;
using DistillGuard.Simulation.Scenarios;
using Spectre.Console;

namespace DistillGuard.Cli.Commands;

/// <summary>`distillguard simulate`: labelled API traffic with legitimate personas and distillation campaigns.</summary>
internal static class SimulateCommand
{
    public static Command Create() => Create(Console.Out, Console.Error);

    /// <summary>The command, printing the summary to <paramref name="stdout"/> and problems to <paramref name="stderr"/>.</summary>
    internal static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var scenario = new Option<string>("--scenario", "-s")
        {
            Description = $"Built-in scenario ({string.Join(", ", ScenarioLoader.BuiltInNames)}), 'random' (a world drawn from --seed), or a YAML/JSON scenario file (may 'extends: standard').",
            DefaultValueFactory = _ => "standard",
        };
        var seed = new Option<ulong>("--seed") { Description = "Random seed; the same seed and parameters give byte-identical output.", DefaultValueFactory = _ => 1 };
        var scale = new Option<double?>("--scale") { Description = "Multiply every account count (e.g. --scale 16 with 'scale' gives ~16 M exchanges)." };
        var days = new Option<int?>("--days") { Description = "Override the scenario's window length in days." };
        var corpus = new Option<string?>("--corpus") { Description = "Directory with text corpora and IP range tables (CIDR lists, start,end,asn,org CSV[.gz])." };
        var outDir = new Option<string>("--out", "-o") { Description = "Output directory.", Required = true };
        var threads = new Option<int>("--threads") { Description = "Render/compress workers (output does not depend on it).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON on stdout." };
        var noProgress = new Option<bool>("--no-progress") { Description = "No progress bar on stderr." };
        var debugIntent = new Option<bool>("--debug-intent")
        {
            Description = "Add each exchange's generating intent (kind, template, item, relayed, ...) as an `_intent` object: ground truth per exchange, for measuring signals. Not part of the exchange-log spec.",
        };

        var cmd = new Command("simulate",
            "Generate labelled API traffic: exchanges.jsonl.gz (exchange-log spec), accounts.jsonl, labels.jsonl, scenario.json, allow.txt.\n" +
            "Legitimate personas (developers, students behind campus NATs, corporate teams, batch jobs, researchers, relay apps, agent platforms,\n" +
            "licensed distillers...) and distillation campaigns (cot-sweep, agentic-harvest, transfer-station, reasoning-replay) with evasion knobs.")
        {
            scenario, seed, scale, days, corpus, outDir, threads, json, noProgress, debugIntent,
        };
        cmd.SetAction(pr => Run(pr.GetValue(scenario)!, pr.GetValue(seed), pr.GetValue(scale), pr.GetValue(days), pr.GetValue(corpus),
            pr.GetValue(outDir)!, pr.GetValue(threads), pr.GetValue(json), pr.GetValue(noProgress), stdout, stderr, pr.GetValue(debugIntent)));
        return cmd;
    }

    /// <summary>Runs <c>simulate</c> in-process with <paramref name="args"/> (without the word <c>simulate</c>); returns the exit code.</summary>
    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var parsed = Create(stdout, stderr).Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors) stderr.WriteLine($"simulate: {error.Message}");
            return ExitCodes.UsageError;
        }
        return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }

    internal static int Run(string scenarioName, ulong seed, double? scale, int? days, string? corpus, string outDir, int threads, bool json, bool noProgress,
        TextWriter stdout, TextWriter stderr, bool debugIntent = false)
    {
        var errors = new List<string>();
        if (scale is <= 0) errors.Add("--scale must be > 0");
        if (days is <= 0) errors.Add("--days must be > 0");
        if (threads <= 0) errors.Add("--threads must be > 0");
        if (corpus is not null && !Directory.Exists(corpus)) errors.Add($"--corpus: no directory '{corpus}'");
        ScenarioSpec? spec = null;
        try
        {
            spec = ScenarioLoader.Load(scenarioName, seed).WithOverrides(scale, days);
        }
        catch (ScenarioException e)
        {
            errors.AddRange(e.Errors.Select(x => $"{e.ScenarioSource}: {x}"));
        }
        if (errors.Count > 0 || spec is null)
        {
            foreach (var e in errors) stderr.WriteLine($"simulate: {e}");
            return ExitCodes.UsageError;
        }

        var options = new SimulationOptions { Scenario = spec, Seed = seed, OutDir = outDir, CorpusDir = corpus, Threads = threads, DebugIntent = debugIntent };
        SimulationSummary summary;
        try
        {
            bool terminal = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected;
            summary = noProgress || !terminal ? SimulationRunner.Run(options) : RunWithProgress(options);
        }
        catch (IOException e)
        {
            stderr.WriteLine($"simulate: {e.Message}");
            return ExitCodes.InputError;
        }
        catch (UnauthorizedAccessException e)
        {
            stderr.WriteLine($"simulate: {e.Message}");
            return ExitCodes.InputError;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            stderr.WriteLine($"simulate: internal error: {e}");
            return ExitCodes.InternalError;
        }

        if (json) stdout.WriteLine(JsonSerializer.Serialize(summary, Simulation.Output.SummaryJson.Options));
        else PrintSummary(summary, outDir, stdout);
        return ExitCodes.Success;
    }

    private static SimulationSummary RunWithProgress(SimulationOptions options)
    {
        long estimate = Math.Max(1, SimulationRunner.Estimate(options.Scenario, options.Seed));
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error), Ansi = AnsiSupport.Yes, Interactive = InteractionSupport.Yes });
        SimulationSummary? summary = null;
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask($"simulating {options.Scenario.Name} (~{estimate:N0} exchanges)", maxValue: estimate);
                var progress = new InlineProgress(n => task.Value = Math.Min(n, estimate * 0.999));
                summary = SimulationRunner.Run(options with { Progress = progress });
                task.Value = estimate;
            });
        return summary!;
    }

    private sealed class InlineProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }

    private static void PrintSummary(SimulationSummary s, string outDir, TextWriter stdout)
    {
        var console = ReferenceEquals(stdout, Console.Out) ? AnsiConsole.Console : AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stdout) });
        var table = new Table().Title($"[bold]{Markup.Escape(s.Scenario)}[/] seed {s.Seed}: {s.Exchanges:N0} exchanges, {s.ActiveAccounts:N0} active of {s.Accounts:N0} accounts, {s.Days} days from {s.Start:yyyy-MM-dd}")
            .AddColumn("group").AddColumn("kind").AddColumn(new TableColumn("accounts").RightAligned()).AddColumn(new TableColumn("exchanges").RightAligned());
        foreach (var (name, g) in s.Personas) table.AddRow(Markup.Escape(name), "persona", $"{g.Accounts:N0}", $"{g.Exchanges:N0}");
        foreach (var (name, g) in s.Campaigns) table.AddRow(Markup.Escape(name), "[red]campaign[/]", $"{g.Accounts:N0}", $"{g.Exchanges:N0}");
        console.Write(table);
        console.MarkupLine($"apis: {string.Join(", ", s.Apis.Select(a => $"{a.Key} {a.Value:N0}"))}");
        console.MarkupLine($"ip ranges: {Markup.Escape(s.IpRanges)}; {s.ExchangesPerSecond:N0} exchanges/s in {s.Seconds:N1} s");
        console.MarkupLine($"written to [bold]{Markup.Escape(outDir)}[/]: exchanges.jsonl.gz accounts.jsonl labels.jsonl scenario.json allow.txt");
    }
}
