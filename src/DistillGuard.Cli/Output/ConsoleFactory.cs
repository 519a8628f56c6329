using Spectre.Console;

namespace DistillGuard.Cli.Output;

/// <summary>Creates Spectre consoles over any <see cref="TextWriter"/>, so commands can print tables to a test's writer.</summary>
public static class ConsoleFactory
{
    /// <summary>
    /// A console writing to <paramref name="writer"/>. For the process's own stdout, colours and width are detected;
    /// for any other writer (tests, files) output is plain text, <paramref name="width"/> columns wide.
    /// </summary>
    public static IAnsiConsole Create(TextWriter writer, int width = 120)
    {
        bool isProcessStdout = ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = isProcessStdout ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isProcessStdout ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = isProcessStdout ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!isProcessStdout)
        {
            console.Profile.Width = width;
        }
        return console;
    }
}
