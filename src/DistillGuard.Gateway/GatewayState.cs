using DistillGuard.Gateway.Diagnostics;
using DistillGuard.Gateway.Keys;
using DistillGuard.Gateway.Policy;
using Microsoft.Extensions.Logging;

namespace DistillGuard.Gateway;

/// <summary>
/// The gateway's live configuration: the policy and the key ring, immutable snapshots swapped atomically when their
/// files change. A changed file that does not validate is logged with every error and the previous snapshot stays.
/// </summary>
public sealed class GatewayState : IDisposable
{
    private readonly GatewayOptions _options;
    private readonly ILogger _log;
    private readonly GatewayMetrics _metrics;
    private readonly List<IDisposable> _watchers = [];
    private GatewayPolicy _policy;
    private KeyRing _keys;

    internal GatewayState(GatewayOptions options, ILogger log, GatewayMetrics metrics, TimeProvider time)
    {
        _options = options;
        _log = log;
        _metrics = metrics;
        var errors = new List<string>();
        var keys = KeyRing.Load(options.KeysFile);
        errors.AddRange(keys.Errors);
        var policy = options.PolicyFile is null ? new PolicyLoadResult(GatewayPolicy.Permissive, []) : PolicyLoader.Load(options.PolicyFile);
        errors.AddRange(policy.Errors);
        if (errors.Count > 0) throw new GatewayConfigurationException(errors);
        _keys = keys.Keys!;
        _policy = policy.Policy!;
        Log.KeysLoaded(log, options.KeysFile, _keys.Count);
        LogPolicy(_policy);
        if (options.WatchFiles)
        {
            _watchers.Add(new FileReloader(options.KeysFile, options.ReloadDebounce, time, ReloadKeys));
            if (options.PolicyFile is not null) _watchers.Add(new FileReloader(options.PolicyFile, options.ReloadDebounce, time, ReloadPolicy));
        }
    }

    public GatewayPolicy Policy => Volatile.Read(ref _policy);
    public KeyRing Keys => Volatile.Read(ref _keys);

    /// <summary>Raised after every reload attempt of either file (applied or rejected).</summary>
    public event Action<ReloadOutcome>? Reloaded;

    /// <summary>Reloads the policy file now. The previous policy stays when the file is invalid.</summary>
    public ReloadOutcome ReloadPolicy()
    {
        if (_options.PolicyFile is not { } path) return new ReloadOutcome("policy", false, ["no policy file"]);
        var result = PolicyLoader.Load(path);
        if (result.Policy is { } p)
        {
            Volatile.Write(ref _policy, p);
            LogPolicy(p);
        }
        else Log.ReloadRejected(_log, "policy", path, result.Errors.Count, string.Join(" | ", result.Errors));
        return Done(new ReloadOutcome("policy", result.Ok, result.Errors));
    }

    /// <summary>Reloads the keys file now. The previous keys stay when the file is invalid.</summary>
    public ReloadOutcome ReloadKeys()
    {
        var result = KeyRing.Load(_options.KeysFile);
        if (result.Keys is { } k)
        {
            Volatile.Write(ref _keys, k);
            Log.KeysLoaded(_log, _options.KeysFile, k.Count);
        }
        else Log.ReloadRejected(_log, "keys", _options.KeysFile, result.Errors.Count, string.Join(" | ", result.Errors));
        return Done(new ReloadOutcome("keys", result.Ok, result.Errors));
    }

    private ReloadOutcome Done(ReloadOutcome o)
    {
        _metrics.Reload(o.File, o.Applied);
        Reloaded?.Invoke(o);
        return o;
    }

    private void LogPolicy(GatewayPolicy p)
        => Log.PolicyLoaded(_log, p.Source ?? "(built-in: allow all)", p.Rules.Count, p.DetectorUnavailable.ToString().ToLowerInvariant(), p.SignatureBinding.Mode.ToString().ToLowerInvariant());

    public void Dispose()
    {
        foreach (var w in _watchers) w.Dispose();
    }
}
