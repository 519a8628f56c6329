using System.Security.Cryptography;

namespace DistillGuard.Gateway.Policy;

/// <summary>The outcome of one reload: applied, or rejected with every error (the previous value stays).</summary>
public sealed record ReloadOutcome(string File, bool Applied, IReadOnlyList<string> Errors);

/// <summary>
/// Watches one file (FileSystemWatcher on its folder: writes, creations and renames onto it) and calls back after
/// <c>debounce</c> of quiet. Content that did not change is not reloaded.
/// </summary>
internal sealed class FileReloader : IDisposable
{
    private readonly string _path;
    private readonly Func<ReloadOutcome?> _reload;
    private readonly TimeSpan _debounce;
    private readonly FileSystemWatcher _watcher;
    private readonly ITimer _timer;
    private byte[] _lastHash;

    public FileReloader(string path, TimeSpan debounce, TimeProvider time, Func<ReloadOutcome?> reload)
    {
        _path = Path.GetFullPath(path);
        _reload = reload;
        _debounce = debounce;
        _lastHash = Hash();
        _timer = time.CreateTimer(_ => Fire(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _watcher = new FileSystemWatcher(Path.GetDirectoryName(_path)!, Path.GetFileName(_path))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        _watcher.Changed += (_, _) => Schedule();
        _watcher.Created += (_, _) => Schedule();
        _watcher.Renamed += (_, e) => { if (string.Equals(e.FullPath, _path, StringComparison.Ordinal)) Schedule(); };
        _watcher.EnableRaisingEvents = true;
    }

    private void Schedule() => _timer.Change(_debounce, Timeout.InfiniteTimeSpan);

    private void Fire()
    {
        var hash = Hash();
        if (hash.Length == 0 || hash.AsSpan().SequenceEqual(_lastHash)) return;
        _lastHash = hash;
        _reload();
    }

    private byte[] Hash()
    {
        try { return SHA256.HashData(File.ReadAllBytes(_path)); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return []; }
    }

    public void Dispose()
    {
        _watcher.Dispose();
        _timer.Dispose();
    }
}
