using System.CommandLine;

namespace DistillGuard.Cli.Commands;

/// <summary>`distillguard analyze`. Placeholder until its issue lands.</summary>
internal static class AnalyzeCommand
{
    public static Command Create()
    {
        var cmd = new Command("analyze", "(not yet built)");
        cmd.SetAction(_ => { Console.Error.WriteLine("analyze: not yet built"); return ExitCodes.InternalError; });
        return cmd;
    }
}
