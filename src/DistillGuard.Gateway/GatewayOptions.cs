using System.Globalization;
using DistillGuard.Gateway.Keys;
using DistillGuard.Gateway.Policy;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DistillGuard.Gateway;

/// <summary>
/// How the gateway runs. Every setting has a flag, an environment variable and a config-file key
/// (<see cref="Settings"/>); <see cref="Load"/> layers them (flag over environment over file over default) and reports
/// every problem at once.
/// </summary>
public sealed record GatewayOptions
{
    /// <summary>Port to listen on (0 = any free port).</summary>
    public int Port { get; init; } = 8787;
    /// <summary>Address to listen on; loopback unless the operator says otherwise.</summary>
    public string ListenAddress { get; init; } = "127.0.0.1";
    /// <summary>The real API the gateway forwards to (scheme, host, optional path prefix).</summary>
    public required Uri Upstream { get; init; }
    /// <summary>JSON lines <c>{"key","account","tier"?}</c>; hot-reloaded.</summary>
    public required string KeysFile { get; init; }
    /// <summary>Policy (YAML or JSON); hot-reloaded. Null: allow everything (<see cref="GatewayPolicy.Permissive"/>).</summary>
    public string? PolicyFile { get; init; }
    /// <summary>Secret for the artifact-binding HMAC (16+ bytes, raw or base64). Null: a random key per process.</summary>
    public string? BindingKeyFile { get; init; }
    /// <summary>Where artifact bindings persist across restarts (needs <see cref="BindingKeyFile"/>). Null: memory only.</summary>
    public string? BindingStoreFile { get; init; }
    public int BindingCapacity { get; init; } = 500_000;
    public long MaxRequestBytes { get; init; } = 32L << 20;
    /// <summary>Largest buffered (non-streamed) response the gateway rewrites; a larger one is refused with 502 when it must be rewritten.</summary>
    public long MaxResponseBytes { get; init; } = 32L << 20;
    /// <summary>The exchange log's <c>route</c> for gateway traffic.</summary>
    public string Route { get; init; } = "direct";
    /// <summary>How long the upstream may stay silent (no bytes) before the exchange is cancelled.</summary>
    public TimeSpan UpstreamActivityTimeout { get; init; } = TimeSpan.FromMinutes(10);
    /// <summary>Quiet time after a file change before the file is reloaded.</summary>
    public TimeSpan ReloadDebounce { get; init; } = TimeSpan.FromMilliseconds(250);
    /// <summary>Watch the policy and keys files and reload them on change.</summary>
    public bool WatchFiles { get; init; } = true;

    /// <summary>One setting's three spellings.</summary>
    public sealed record Setting(string Key, string Flag, string Environment, string Description);

    public static IReadOnlyList<Setting> Settings { get; } =
    [
        new("port", "--gateway-port", "DISTILLGUARD_GATEWAY_PORT", "port to listen on (default 8787; 0 = any free port)"),
        new("listen", "--gateway-listen", "DISTILLGUARD_GATEWAY_LISTEN", "address to listen on (default 127.0.0.1)"),
        new("upstream", "--upstream", "DISTILLGUARD_GATEWAY_UPSTREAM", "upstream API base URL (required)"),
        new("keys", "--keys", "DISTILLGUARD_GATEWAY_KEYS", "API keys file, JSON lines {\"key\",\"account\",\"tier\"?} (required)"),
        new("policy", "--policy", "DISTILLGUARD_GATEWAY_POLICY", "policy file, YAML or JSON (default: allow all)"),
        new("binding_key_file", "--binding-key-file", "DISTILLGUARD_GATEWAY_BINDING_KEY_FILE", "HMAC key for artifact bindings, 16+ bytes raw or base64 (default: random per process)"),
        new("binding_store", "--binding-store", "DISTILLGUARD_GATEWAY_BINDING_STORE", "file the artifact bindings persist in (default: memory only)"),
        new("binding_capacity", "--binding-capacity", "DISTILLGUARD_GATEWAY_BINDING_CAPACITY", "artifact bindings kept, least recently used dropped first (default 500000)"),
        new("max_request_bytes", "--max-request-bytes", "DISTILLGUARD_GATEWAY_MAX_REQUEST_BYTES", "largest request body (default 33554432)"),
        new("max_response_bytes", "--max-response-bytes", "DISTILLGUARD_GATEWAY_MAX_RESPONSE_BYTES", "largest non-streamed response rewritten (default 33554432)"),
        new("route", "--gateway-route", "DISTILLGUARD_GATEWAY_ROUTE", "exchange-log route of gateway traffic (default direct)"),
        new("upstream_timeout_s", "--upstream-timeout", "DISTILLGUARD_GATEWAY_UPSTREAM_TIMEOUT", "seconds the upstream may stay silent (default 600)"),
        new("reload_debounce_ms", "--reload-debounce-ms", "DISTILLGUARD_GATEWAY_RELOAD_DEBOUNCE_MS", "quiet time before a changed file is reloaded (default 250)"),
        new("watch", "--gateway-watch", "DISTILLGUARD_GATEWAY_WATCH", "reload policy and keys files on change: true|false (default true)"),
    ];

    /// <summary>
    /// Layers the settings — <paramref name="flags"/> (keyed by flag, e.g. <c>--upstream</c>, or by config key) over
    /// <paramref name="environment"/> (default: the process environment) over the <c>gateway:</c> section of
    /// <paramref name="configFile"/> (YAML or JSON; relative paths in it are relative to the file) over defaults — then
    /// validates them, the keys file and the policy file. Throws <see cref="GatewayConfigurationException"/> listing every error.
    /// </summary>
    public static GatewayOptions Load(IReadOnlyDictionary<string, string?>? flags = null, string? configFile = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var errors = new List<string>();
        var values = new Dictionary<string, (string Value, string From, string? BaseDir)>(StringComparer.Ordinal);
        if (configFile is not null) ReadConfigFile(configFile, values, errors);
        environment ??= System.Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal);
        foreach (var s in Settings)
            if (environment.TryGetValue(s.Environment, out var v) && !string.IsNullOrEmpty(v)) values[s.Key] = (v, s.Environment, null);
        if (flags is not null)
            foreach (var (name, v) in flags)
            {
                var s = Settings.FirstOrDefault(x => x.Flag == name || x.Key == name || "--" + x.Key.Replace('_', '-') == name);
                if (s is null) { errors.Add($"{name}: unknown gateway setting (known: {string.Join(", ", Settings.Select(x => x.Flag))})"); continue; }
                if (v is not null) values[s.Key] = (v, s.Flag, null);
            }

        string? Str(string key) => values.TryGetValue(key, out var v) ? v.Value : null;
        string? PathOf(string key) => values.TryGetValue(key, out var v) ? (v.BaseDir is null ? v.Value : Path.GetFullPath(v.Value, v.BaseDir)) : null;
        string From(string key) => values.TryGetValue(key, out var v) ? v.From : Settings.First(s => s.Key == key).Flag;
        long Int(string key, long def, long min, long max)
        {
            if (Str(key) is not { } s) return def;
            if (!long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out long n) || n < min || n > max)
            {
                errors.Add($"{From(key)}: '{s}' is not a whole number in [{min}, {max}]");
                return def;
            }
            return n;
        }

        Uri? upstream = null;
        if (Str("upstream") is not { } up) errors.Add($"{From("upstream")} / {Settings.First(s => s.Key == "upstream").Environment}: the upstream URL is required");
        else if (!Uri.TryCreate(up, UriKind.Absolute, out upstream) || upstream.Scheme is not ("http" or "https"))
        {
            errors.Add($"{From("upstream")}: '{up}' is not an absolute http(s) URL");
            upstream = null;
        }

        string? keys = PathOf("keys");
        if (keys is null) errors.Add($"{From("keys")} / DISTILLGUARD_GATEWAY_KEYS: the keys file is required");
        else if (!File.Exists(keys)) errors.Add($"{From("keys")}: {keys} does not exist");
        else errors.AddRange(KeyRing.Load(keys).Errors);

        string? policy = PathOf("policy");
        if (policy is not null)
        {
            if (!File.Exists(policy)) errors.Add($"{From("policy")}: {policy} does not exist");
            else errors.AddRange(PolicyLoader.Load(policy).Errors);
        }

        string? bindingKey = PathOf("binding_key_file");
        if (bindingKey is not null)
        {
            if (!File.Exists(bindingKey)) errors.Add($"{From("binding_key_file")}: {bindingKey} does not exist");
            else if (ReadBindingKey(bindingKey) is null) errors.Add($"{From("binding_key_file")}: {bindingKey} must hold at least 16 bytes (raw, or base64 text)");
        }
        string? store = PathOf("binding_store");
        if (store is not null && bindingKey is null)
            errors.Add($"{From("binding_store")}: persisting bindings needs a binding key file (--binding-key-file), or they cannot be checked after a restart");
        if (store is not null && Path.GetDirectoryName(Path.GetFullPath(store)) is { } dir && !Directory.Exists(dir))
            errors.Add($"{From("binding_store")}: directory {dir} does not exist");

        string listen = Str("listen") ?? "127.0.0.1";
        if (!System.Net.IPAddress.TryParse(listen, out _) && listen != "localhost") errors.Add($"{From("listen")}: '{listen}' is not an IP address");
        bool watch = true;
        if (Str("watch") is { } w)
        {
            if (w is "true" or "1" or "yes") watch = true;
            else if (w is "false" or "0" or "no") watch = false;
            else errors.Add($"{From("watch")}: '{w}' is not true or false");
        }

        var options = new GatewayOptions
        {
            Upstream = upstream ?? new Uri("http://127.0.0.1/"),
            KeysFile = keys ?? "",
            PolicyFile = policy,
            BindingKeyFile = bindingKey,
            BindingStoreFile = store,
            Port = (int)Int("port", 8787, 0, 65535),
            ListenAddress = listen,
            BindingCapacity = (int)Int("binding_capacity", 500_000, 1, 100_000_000),
            MaxRequestBytes = Int("max_request_bytes", 32L << 20, 1024, 1L << 32),
            MaxResponseBytes = Int("max_response_bytes", 32L << 20, 1024, 1L << 32),
            Route = Str("route") ?? "direct",
            UpstreamActivityTimeout = TimeSpan.FromSeconds(Int("upstream_timeout_s", 600, 1, 86_400)),
            ReloadDebounce = TimeSpan.FromMilliseconds(Int("reload_debounce_ms", 250, 0, 60_000)),
            WatchFiles = watch,
        };
        if (errors.Count > 0) throw new GatewayConfigurationException(errors);
        return options;
    }

    private static void ReadConfigFile(string path, Dictionary<string, (string, string, string?)> values, List<string> errors)
    {
        if (!File.Exists(path)) { errors.Add($"{path}: config file does not exist"); return; }
        var stream = new YamlStream();
        try
        {
            var text = File.ReadAllText(path);
            if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) text = text.Replace('\t', ' ');
            stream.Load(new StringReader(text));
        }
        catch (YamlException e) { errors.Add($"{path}:{e.Start.Line}:{e.Start.Column}: {e.Message}"); return; }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root) { errors.Add($"{path}: expected a mapping at the top"); return; }
        var section = root.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode { Value: "gateway" }).Value;
        if (section is null) return;
        if (section is not YamlMappingNode m) { errors.Add($"{path}:{section.Start.Line}:{section.Start.Column}: gateway: expected a mapping"); return; }
        string baseDir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        foreach (var (k, v) in m.Children)
        {
            string key = (k as YamlScalarNode)?.Value ?? "";
            if (Settings.All(s => s.Key != key)) { errors.Add($"{path}:{k.Start.Line}:{k.Start.Column}: gateway.{key}: unknown setting (known: {string.Join(", ", Settings.Select(s => s.Key))})"); continue; }
            if (v is not YamlScalarNode sv) { errors.Add($"{path}:{v.Start.Line}:{v.Start.Column}: gateway.{key}: expected a single value"); continue; }
            bool isPath = key is "keys" or "policy" or "binding_key_file" or "binding_store";
            values[key] = (sv.Value ?? "", $"{path}:{k.Start.Line}: gateway.{key}", isPath ? baseDir : null);
        }
    }

    /// <summary>The binding key in a file: base64 text if it decodes to 16+ bytes, else the raw bytes if 16+; null otherwise.</summary>
    public static byte[]? ReadBindingKey(string path)
    {
        byte[] raw;
        try { raw = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
        var text = System.Text.Encoding.ASCII.GetString(raw).Trim();
        try
        {
            var decoded = Convert.FromBase64String(text);
            if (decoded.Length >= 16) return decoded;
        }
        catch (FormatException) { }
        return raw.Length >= 16 ? raw : null;
    }
}

/// <summary>The gateway's configuration is wrong; <see cref="Errors"/> lists every problem found.</summary>
public sealed class GatewayConfigurationException(IReadOnlyList<string> errors)
    : Exception("gateway configuration: " + errors.Count + " error(s):" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
