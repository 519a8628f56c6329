using System.CommandLine;
using DistillGuard.Cli.Output;
using DistillGuard.Simulation.Engine;
using DistillGuard.Simulation.Evaluation;
using DistillGuard.Simulation.Scenarios;
using Spectre.Console;

namespace DistillGuard.Cli.Commands;

/// <summary>`distillguard demo` (also what runs with no arguments): simulate → analyze → evaluate on a built-in scenario.</summary>
internal static class DemoCommand
{
    public sealed record Options(string Scenario, ulong Seed, string OutDir, double? Scale = null);

    public static Options Defaults => new("standard", 1, Path.Combine(Path.GetTempPath(), "distillguard-demo"));

    public static Command Create()
    {
        var scenario = new Option<string>("--scenario", "-s") { Description = "Built-in scenario or scenario file to simulate.", DefaultValueFactory = _ => Defaults.Scenario };
        var seed = new Option<ulong>("--seed") { Description = "Simulation seed.", DefaultValueFactory = _ => Defaults.Seed };
        var scale = new Option<double?>("--scale") { Description = "Multiply the scenario's account counts." };
        var outDir = new Option<string>("--out", "-o") { Description = "Working directory (traffic, verdicts, store).", DefaultValueFactory = _ => Defaults.OutDir };
        var cmd = new Command("demo",
            "Simulate labelled traffic (default: the built-in 'standard' scenario), analyze it, evaluate the verdicts against the\n" +
            "labels and print the campaigns found. Needs nothing but the .NET SDK.")
        {
            scenario, seed, scale, outDir,
        };
        cmd.SetAction((pr, ct) => RunAsync(new Options(pr.GetValue(scenario)!, pr.GetValue(seed), pr.GetValue(outDir)!, pr.GetValue(scale)), ct));
        return cmd;
    }

    public static Task<int> RunAsync(Options options, CancellationToken ct) => Task.FromResult(Run(options, Console.Out, Console.Error, ct));

    internal static int Run(Options options, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var console = ConsoleFactory.Create(stdout);
        ScenarioSpec spec;
        try
        {
            spec = ScenarioLoader.Load(options.Scenario, options.Seed).WithOverrides(options.Scale, null);
        }
        catch (ScenarioException e)
        {
            foreach (var x in e.Errors) stderr.WriteLine($"demo: {e.ScenarioSource}: {x}");
            return ExitCodes.UsageError;
        }

        string traffic = Path.Combine(options.OutDir, "traffic");
        string analysis = Path.Combine(options.OutDir, "analysis");
        console.Write(new Rule($"[bold]1/3 simulate[/] scenario '{Markup.Escape(spec.Name)}', seed {options.Seed}").LeftJustified());
        var sim = SimulationRunner.Run(new SimulationOptions { Scenario = spec, Seed = options.Seed, OutDir = traffic }, ct);
        console.MarkupLine($"{sim.Exchanges:N0} exchanges from {sim.Accounts:N0} accounts ({sim.Campaigns.Count} campaigns hidden among {sim.Personas.Count} legitimate personas) in {sim.Seconds:N1} s → {Markup.Escape(traffic)}");

        console.Write(new Rule("[bold]2/3 analyze[/]").LeftJustified());
        var request = new AnalyzeCommand.Request
        {
            Logs = [Path.Combine(traffic, "exchanges.jsonl.gz")],
            Accounts = Path.Combine(traffic, "accounts.jsonl"),
            Allow = Path.Combine(traffic, "allow.txt"),
            OutDir = analysis,
            Store = Path.Combine(analysis, "store.duckdb"),
            NoProgress = !ReferenceEquals(stderr, Console.Error),
        };
        var outcome = AnalyzeCommand.Run(request, stderr, ct);
        AnalyzeCommand.Render(console, outcome);

        console.Write(new Rule("[bold]3/3 evaluate[/] verdicts against the simulator's labels").LeftJustified());
        var report = Evaluator.EvaluateFiles(Path.Combine(traffic, "labels.jsonl"), Path.Combine(analysis, "verdicts.jsonl"), Path.Combine(analysis, "campaigns.json"));
        EvaluateCommand.Render(console, report, Path.Combine(analysis, "verdicts.jsonl"), Path.Combine(traffic, "labels.jsonl"));
        console.MarkupLine($"Query the results with SQL: open [bold]{Markup.Escape(request.Store)}[/] in DuckDB (tables verdicts, reasons, campaigns, campaign_members, evidence, account_profiles).");
        return ExitCodes.Success;
    }
}
