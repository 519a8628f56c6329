using System.CommandLine;

namespace DistillGuard.Cli.Commands;

/// <summary>`distillguard evaluate`. Placeholder until its issue lands.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var cmd = new Command("evaluate", "(not yet built)");
        cmd.SetAction(_ => { Console.Error.WriteLine("evaluate: not yet built"); return ExitCodes.InternalError; });
        return cmd;
    }
}
