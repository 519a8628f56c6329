using System.CommandLine;

namespace DistillGuard.Cli.Commands;

/// <summary>`distillguard demo`: simulate → analyze → evaluate on the embedded default scenario.</summary>
internal static class DemoCommand
{
    public sealed record Options(string Scenario, ulong Seed, string OutDir);

    public static Options Defaults => new("standard", 1, Path.Combine(Path.GetTempPath(), "distillguard-demo"));

    public static Command Create()
    {
        var cmd = new Command("demo", "Simulate labelled traffic, analyze it, evaluate the verdicts and print the campaigns found.");
        cmd.SetAction((pr, ct) => RunAsync(Defaults, ct));
        return cmd;
    }

    public static Task<int> RunAsync(Options options, CancellationToken ct)
    {
        Console.Error.WriteLine("demo: not yet built");
        return Task.FromResult(ExitCodes.InternalError);
    }
}
