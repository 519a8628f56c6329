using System.Runtime.InteropServices;

namespace DistillGuard.Cli;

/// <summary>
/// The runtime a long-running <c>serve</c> wants differs from a batch command's in one setting: tiered PGO. The CLI's
/// runtimeconfig turns it off, because a batch run on two busy cores finishes sooner without the instrumented tier
/// (docs/signals.md). A server's hot path (Kestrel, YARP, the gateway's handler) runs for hours and gains from it: on
/// the gateway bench, serve with PGO kept 82–85 % of a bare YARP's throughput against 70–72 % without (docs/gateway.md).
/// <para>
/// The setting is read once, when the runtime starts, so <c>serve</c> on Linux replaces its own process image at once
/// (execve: the same process id, arguments, environment and open standard streams) with <c>DOTNET_TieredPGO=1</c> added.
/// Nothing has been read or opened by then. Setting <c>DOTNET_TieredPGO</c> yourself (0 or 1) decides instead, and no
/// re-execution happens; neither does it elsewhere than Linux or when execve fails (serve then runs as it is).
/// </para>
/// </summary>
internal static class ServerRuntime
{
    public const string PgoVariable = "DOTNET_TieredPGO";

    /// <summary>Re-executes the process for <c>serve</c> with tiered PGO on (returns only when that is not done).</summary>
    public static void PrepareServe(string[] args)
    {
        if (args.Length == 0 || args[0] != "serve" || !OperatingSystem.IsLinux()) return;
        if (Environment.GetEnvironmentVariable(PgoVariable) is not null) return;
        string[] argv;
        try { argv = File.ReadAllText("/proc/self/cmdline").TrimEnd('\0').Split('\0'); }
        catch (IOException) { return; }
        catch (UnauthorizedAccessException) { return; }
        if (argv.Length == 0) return;

        var env = new List<string>();
        foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables())
            env.Add($"{e.Key}={e.Value}");
        env.Add($"{PgoVariable}=1");

        var a = ToCStrings(argv);
        var v = ToCStrings(env);
        try { execve("/proc/self/exe", a, v); }                    // returns only on failure
        finally { Free(a); Free(v); }
    }

    /// <summary>Whether this process runs with tiered PGO (what <c>serve</c> reports at start).</summary>
    public static bool TieredPgo =>
        Environment.GetEnvironmentVariable(PgoVariable) is { } v ? v != "0"
        : AppContext.GetData("System.Runtime.TieredPGO") is not (false or "false" or "False");

    private static IntPtr[] ToCStrings(IReadOnlyList<string> items)
    {
        var p = new IntPtr[items.Count + 1];                      // NULL-terminated
        for (int i = 0; i < items.Count; i++) p[i] = Marshal.StringToCoTaskMemUTF8(items[i]);
        return p;
    }

    private static void Free(IntPtr[] p)
    {
        foreach (var x in p) if (x != IntPtr.Zero) Marshal.FreeCoTaskMem(x);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int execve([MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr[] argv, IntPtr[] envp);
}
