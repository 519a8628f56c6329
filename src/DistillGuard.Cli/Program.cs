using System.CommandLine;
using DistillGuard.Cli.Commands;

var root = new RootCommand(
    "DistillGuard: detect, counter, share and prove model-distillation campaigns in LLM API traffic.\n" +
    "Run without arguments for the demo: simulate labelled traffic, detect campaigns, evaluate, report.");

root.Subcommands.Add(SimulateCommand.Create());
root.Subcommands.Add(EvaluateCommand.Create());
root.Subcommands.Add(AnalyzeCommand.Create());
root.Subcommands.Add(DemoCommand.Create());

root.SetAction((parseResult, ct) => DemoCommand.RunAsync(DemoCommand.Defaults, ct));

return await root.Parse(args).InvokeAsync();
