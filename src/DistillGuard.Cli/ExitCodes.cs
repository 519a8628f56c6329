namespace DistillGuard.Cli;

/// <summary>Exit codes with one meaning each, the same for every command.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;
    /// <summary>The command ran, and a check it was asked to make failed (e.g. <c>--fail-on-campaign</c>, an evaluation below <c>--min-*</c>).</summary>
    public const int CheckFailed = 1;
    /// <summary>The command line or a configuration file is wrong, or a named input file does not exist; every problem found is printed at once.</summary>
    public const int UsageError = 2;
    /// <summary>An input exists but could not be read (I/O error, corrupt archive, no usable record in it).</summary>
    public const int InputError = 3;
    /// <summary>An unexpected internal error.</summary>
    public const int InternalError = 70;
}
