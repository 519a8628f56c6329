using System.CommandLine;

namespace DistillGuard.Cli.Commands;

/// <summary>`distillguard simulate`. Placeholder until its issue lands.</summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var cmd = new Command("simulate", "(not yet built)");
        cmd.SetAction(_ => { Console.Error.WriteLine("simulate: not yet built"); return ExitCodes.InternalError; });
        return cmd;
    }
}
