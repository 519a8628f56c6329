using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace DistillGuard.Streaming;

/// <summary>
/// Lowers the calling thread's scheduling priority on Linux (a thread is a task with its own nice value there:
/// <c>setpriority(PRIO_PROCESS, gettid(), …)</c>), so background work — the detector, the tap writer — yields the
/// cores to the request path when both want them. Elsewhere, or when the call fails, nothing changes.
/// </summary>
public static partial class ThreadNice
{
    /// <summary>Raises the calling thread's nice value by <paramref name="by"/> (at most to 19); returns the new value, or null.</summary>
    public static int? Lower(int by, ILogger? log = null)
    {
        if (by <= 0 || !OperatingSystem.IsLinux()) return null;
        try
        {
            int tid = gettid();
            Marshal.SetLastPInvokeError(0);
            int current = getpriority(0 /* PRIO_PROCESS */, tid);
            if (current == -1 && Marshal.GetLastPInvokeError() != 0) return null;
            int target = Math.Min(19, current + by);
            if (setpriority(0, tid, target) != 0)
            {
                log?.LogDebug("setpriority({Tid}, {Nice}) failed: errno {Errno}", tid, target, Marshal.GetLastPInvokeError());
                return null;
            }
            return target;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int gettid();
    [LibraryImport("libc", SetLastError = true)]
    private static partial int getpriority(int which, int who);
    [LibraryImport("libc", SetLastError = true)]
    private static partial int setpriority(int which, int who, int prio);
}
