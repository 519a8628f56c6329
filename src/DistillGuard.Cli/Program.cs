using System.CommandLine;
using DistillGuard.Cli;
using DistillGuard.Cli.Commands;

ServerRuntime.PrepareServe(args);   // serve: tiered PGO on, by re-executing in place (Linux)

var root = new RootCommand(
    "DistillGuard: detect, counter, share and prove model-distillation campaigns in LLM API traffic.\n" +
    "Run without arguments for the demo: simulate labelled traffic, detect campaigns, evaluate, report.");

root.Subcommands.Add(SimulateCommand.Create());
root.Subcommands.Add(EvaluateCommand.Create());
root.Subcommands.Add(AnalyzeCommand.Create());
root.Subcommands.Add(DemoCommand.Create());
root.Subcommands.Add(ShareCommand.Create());
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(ReplayCommand.Create());
root.Subcommands.Add(WatermarkCommand.Create());
root.Subcommands.Add(ProvenanceCommand.Create());
root.Subcommands.Add(ReportCommand.Create());
root.Subcommands.Add(ReportCommand.CreateKey());

root.SetAction((parseResult, ct) => DemoCommand.RunAsync(DemoCommand.Defaults, ct));

var parsed = root.Parse(args);
// System.CommandLine reports parse errors with exit code 1; ours means "a requested check failed",
// so parse errors become usage errors (2), every one of them printed.
if (parsed.Errors.Count > 0 && parsed.Action is System.CommandLine.Invocation.ParseErrorAction)
{
    foreach (var error in parsed.Errors) Console.Error.WriteLine($"error: {error.Message}");
    Console.Error.WriteLine("Run with --help for usage.");
    return ExitCodes.UsageError;
}
return await parsed.InvokeAsync();
