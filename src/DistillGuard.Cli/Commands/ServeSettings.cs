using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DistillGuard.Cli.Commands;

/// <summary>
/// What `distillguard serve` runs, from a config file (JSON object, snake_case names), environment variables
/// <c>DISTILLGUARD_SERVE_&lt;NAME&gt;</c> (lists comma-separated) and flags, each overriding the one before. Every
/// problem is collected so they are all reported at once.
/// </summary>
internal sealed record ServeSettings
{
    public const string EnvironmentPrefix = "DISTILLGUARD_SERVE_";

    public int? IngestPort { get; init; }
    public string? State { get; init; }
    public string? Accounts { get; init; }
    public string? Allow { get; init; }
    public IReadOnlyList<string> IpIntel { get; init; } = [];
    public IReadOnlyList<string> Tail { get; init; } = [];
    public string? NatsUrl { get; init; }
    public string NatsStream { get; init; } = "EXCHANGES";
    public string NatsSubject { get; init; } = "distillguard.exchanges";
    public string NatsConsumer { get; init; } = "distillguard";
    public string? AlertsJsonl { get; init; }
    public string? Webhook { get; init; }
    /// <summary>Environment variable holding the webhook's bearer token (never the token itself in a file).</summary>
    public string? WebhookTokenEnv { get; init; }
    /// <summary>Environment variable holding the token the ingest/query API demands.</summary>
    public string? IngestTokenEnv { get; init; }
    public bool Metrics { get; init; } = true;
    /// <summary>Detector options file (as analyze --config).</summary>
    public string? DetectorConfig { get; init; }
    public double ReassembleEverySeconds { get; init; } = 30;
    public double ReassembleEveryExchangeMinutes { get; init; } = 60;
    public int MinNewExchanges { get; init; } = 200;
    /// <summary>A write spanning this many minutes of the exchanges' clock is a bulk write (no exchange-clock trigger); so is a POST with ?bulk=1.</summary>
    public double BulkWriteExchangeMinutes { get; init; } = 360;
    /// <summary>The gateway tap's group commit: once a tapped exchange is queued, its writer waits this many milliseconds
    /// for more before it parses and journals them together (0: at once).</summary>
    public double TapCommitMs { get; init; } = DistillGuard.Streaming.Sources.TapSource.DefaultCommitWindow.TotalMilliseconds;
    /// <summary>At most how long a tapped exchange, once journaled, waits for the fsync that makes it durable (0: every
    /// group commit is synced). Tapped exchanges are not acknowledged to anyone; see docs/streaming.md, Guarantees.</summary>
    public double TapSyncMs { get; init; } = DistillGuard.Streaming.Sources.TapSource.DefaultSyncInterval.TotalMilliseconds;
    /// <summary>How much lower (in nice steps, Linux) than the process's the detector thread and the tap writer run while
    /// the gateway serves (0: the same priority).</summary>
    public int BackgroundNice { get; init; }
    /// <summary>TAXII server config (the format `serve --config` took before streaming existed).</summary>
    public string? Taxii { get; init; }
    public int? TaxiiPort { get; init; }
    /// <summary>The settings file, when it has a <c>gateway</c> section (read by the gateway's own loader).</summary>
    public string? GatewaySection { get; init; }
    /// <summary>Gateway flags given on the command line (keyed by flag), layered by the gateway's loader over
    /// <c>DISTILLGUARD_GATEWAY_*</c> and the file's <c>gateway</c> section.</summary>
    public IReadOnlyDictionary<string, string?> GatewayFlags { get; init; } = new Dictionary<string, string?>();
    /// <summary>Whether the gateway runs: a gateway flag, a <c>gateway</c> section or <c>DISTILLGUARD_GATEWAY_PORT</c>.</summary>
    public bool Gateway => GatewayFlags.Count > 0 || GatewaySection is not null || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISTILLGUARD_GATEWAY_PORT"));
    /// <summary>Log lines as plain text or as JSON objects (one per line, for a log pipeline).</summary>
    public string LogFormat { get; init; } = "text";
    /// <summary>Watermark key file (`watermark keygen`): the gateway watermarks the text of responses its policy's
    /// `watermark` action names.</summary>
    public string? WatermarkKey { get; init; }
    /// <summary>JSON-lines file the gateway appends each watermarked text block to, as written before the watermark
    /// (<c>WatermarkJournalEntry</c>): the lab's record of what it served watermarked to whom.</summary>
    public string? WatermarkJournal { get; init; }
    /// <summary>Largest ingest body in MB (after decompression); larger ones are refused with 413.</summary>
    public int MaxBodyMb { get; init; } = 512;
    /// <summary>The analysts' dashboard (DashboardServe.cs), when --dashboard-port is given.</summary>
    public DashboardSettings? Dashboard { get; init; }

    /// <summary>Names accepted in the file and the environment.</summary>
    public static readonly string[] Names =
    [
        "ingest_port", "state", "accounts", "allow", "ip_intel", "tail", "nats_url", "nats_stream", "nats_subject", "nats_consumer",
        "alerts_jsonl", "webhook", "webhook_token_env", "ingest_token_env", "metrics", "detector_config", "reassemble_every_seconds",
        "reassemble_every_exchange_minutes", "min_new_exchanges", "bulk_write_exchange_minutes", "taxii", "taxii_port", "log_format", "max_body_mb", "watermark_key", "watermark_journal",
        "tap_commit_ms", "tap_sync_ms", "background_nice",
        "gateway",   // an object: the gateway's settings (docs/gateway.md), read by its own loader
    ];

    /// <summary>Reads the file (if any) then the environment; <paramref name="errors"/> gets every problem.</summary>
    public static ServeSettings Load(string? path, IDictionary environment, List<string> errors)
    {
        var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        if (path is not null)
        {
            try
            {
                var root = JsonNode.Parse(File.ReadAllText(path));
                if (root is not JsonObject obj) errors.Add($"{path}: expected a JSON object");
                else if (obj.ContainsKey("collections"))
                    values["taxii"] = JsonValue.Create(path);   // a TAXII server config, as `serve --config` took before
                else
                    foreach (var (k, v) in obj)
                    {
                        if (k == "gateway") { values[k] = null; continue; }
                        if (Array.IndexOf(Names, k) < 0) errors.Add($"{path}: unknown setting '{k}' (known: {string.Join(", ", Names)})");
                        else values[k] = v?.DeepClone();
                    }
            }
            catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
            {
                errors.Add($"{path}: {e.Message}");
            }
        }
        foreach (DictionaryEntry e in environment)
        {
            if (e.Key is not string key || !key.StartsWith(EnvironmentPrefix, StringComparison.Ordinal)) continue;
            string name = key[EnvironmentPrefix.Length..].ToLowerInvariant();
            if (Array.IndexOf(Names, name) < 0) { errors.Add($"{key}: unknown setting '{name}'"); continue; }
            string text = e.Value as string ?? "";
            values[name] = name is "ip_intel" or "tail"
                ? new JsonArray(text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(x => (JsonNode)JsonValue.Create(x)!).ToArray())
                : JsonValue.Create(text);
        }

        string? Str(string name)
        {
            if (!values.TryGetValue(name, out var n) || n is null) return null;
            if (n is JsonValue v && v.TryGetValue<string>(out var s)) return s;
            if (n is JsonValue num) return num.ToJsonString();
            errors.Add($"{name}: expected a string");
            return null;
        }
        int? Int(string name)
        {
            var s = Str(name);
            if (s is null) return null;
            if (int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int i)) return i;
            errors.Add($"{name}: expected a whole number (was '{s}')");
            return null;
        }
        double? Dbl(string name)
        {
            var s = Str(name);
            if (s is null) return null;
            if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double d)) return d;
            errors.Add($"{name}: expected a number (was '{s}')");
            return null;
        }
        bool? Bool(string name)
        {
            if (!values.TryGetValue(name, out var n) || n is null) return null;
            if (n is JsonValue v && v.TryGetValue<bool>(out var b)) return b;
            var s = Str(name);
            if (s is "true" or "1" or "yes") return true;
            if (s is "false" or "0" or "no") return false;
            errors.Add($"{name}: expected true or false (was '{s}')");
            return null;
        }
        IReadOnlyList<string> List(string name)
        {
            if (!values.TryGetValue(name, out var n) || n is null) return [];
            if (n is JsonArray a) return a.Select(x => x?.GetValue<string>() ?? "").Where(x => x.Length > 0).ToList();
            var s = Str(name);
            return s is null ? [] : s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        var d = new ServeSettings();
        return new ServeSettings
        {
            IngestPort = Int("ingest_port"),
            State = Str("state"),
            Accounts = Str("accounts"),
            Allow = Str("allow"),
            IpIntel = List("ip_intel"),
            Tail = List("tail"),
            NatsUrl = Str("nats_url"),
            NatsStream = Str("nats_stream") ?? d.NatsStream,
            NatsSubject = Str("nats_subject") ?? d.NatsSubject,
            NatsConsumer = Str("nats_consumer") ?? d.NatsConsumer,
            AlertsJsonl = Str("alerts_jsonl"),
            Webhook = Str("webhook"),
            WebhookTokenEnv = Str("webhook_token_env"),
            IngestTokenEnv = Str("ingest_token_env"),
            Metrics = Bool("metrics") ?? d.Metrics,
            DetectorConfig = Str("detector_config"),
            ReassembleEverySeconds = Dbl("reassemble_every_seconds") ?? d.ReassembleEverySeconds,
            ReassembleEveryExchangeMinutes = Dbl("reassemble_every_exchange_minutes") ?? d.ReassembleEveryExchangeMinutes,
            MinNewExchanges = Int("min_new_exchanges") ?? d.MinNewExchanges,
            BulkWriteExchangeMinutes = Dbl("bulk_write_exchange_minutes") ?? d.BulkWriteExchangeMinutes,
            TapCommitMs = Dbl("tap_commit_ms") ?? d.TapCommitMs,
            TapSyncMs = Dbl("tap_sync_ms") ?? d.TapSyncMs,
            BackgroundNice = Int("background_nice") ?? d.BackgroundNice,
            Taxii = Str("taxii"),
            TaxiiPort = Int("taxii_port"),
            GatewaySection = values.ContainsKey("gateway") && path is not null ? path : null,
            LogFormat = Str("log_format") ?? d.LogFormat,
            MaxBodyMb = Int("max_body_mb") ?? d.MaxBodyMb,
            WatermarkKey = Str("watermark_key"),
            WatermarkJournal = Str("watermark_journal"),
        };
    }

    /// <summary>Every problem with what was asked, all at once (after flags were applied).</summary>
    public List<string> Validate()
    {
        var errors = new List<string>();
        bool ingest = IngestPort is not null || Tail.Count > 0 || NatsUrl is not null;
        if (Dashboard is not null) errors.AddRange(Dashboard.Validate());
        if (!ingest && Taxii is null && !Gateway && Dashboard is null)
            errors.Add("nothing to run: give --ingest-port (and/or --tail, --nats), --gateway-port, or a TAXII config");
        if ((ingest || Gateway) && string.IsNullOrWhiteSpace(State)) errors.Add("--state DIR is required for the streaming detector");
        foreach (var (name, port) in new[] { ("ingest_port", IngestPort), ("taxii_port", TaxiiPort) })
            if (port is { } p && (p < 0 || p > 65535)) errors.Add($"{name}: {p} is not a TCP port");
        var ports = new[] { IngestPort, TaxiiPort }.Where(p => p is > 0).GroupBy(p => p).Where(g => g.Count() > 1);
        foreach (var g in ports) errors.Add($"port {g.Key} is given to more than one listener");
        foreach (var (name, file) in new[] { ("accounts", Accounts), ("allow", Allow), ("detector_config", DetectorConfig), ("taxii", Taxii), ("watermark_key", WatermarkKey) })
            if (file is not null && !File.Exists(file)) errors.Add($"{name}: no file '{file}'");
        foreach (var f in IpIntel) if (!File.Exists(f)) errors.Add($"ip_intel: no file '{f}'");
        if (NatsUrl is not null && !NatsUrl.StartsWith("nats://", StringComparison.Ordinal)) errors.Add($"nats_url: expected nats://HOST:PORT (was '{NatsUrl}')");
        if (Webhook is not null && !(Uri.TryCreate(Webhook, UriKind.Absolute, out var u) && (u.Scheme == "http" || u.Scheme == "https"))) errors.Add($"webhook: not an http(s) URL: '{Webhook}'");
        if (WebhookTokenEnv is not null && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(WebhookTokenEnv))) errors.Add($"webhook_token_env: environment variable '{WebhookTokenEnv}' is empty");
        if (IngestTokenEnv is not null && (Environment.GetEnvironmentVariable(IngestTokenEnv) ?? "").Length < 16) errors.Add($"ingest_token_env: environment variable '{IngestTokenEnv}' must hold a token of 16+ characters");
        if (WatermarkJournal is not null && WatermarkKey is null) errors.Add("watermark_journal: needs watermark_key (nothing is watermarked without a key)");
        if (WatermarkJournal is not null && Directory.Exists(WatermarkJournal)) errors.Add($"watermark_journal: '{WatermarkJournal}' is a directory");
        if (MaxBodyMb is < 1 or > 4096) errors.Add($"max_body_mb: 1 to 4096 (was {MaxBodyMb})");
        if (LogFormat is not ("text" or "json")) errors.Add($"log_format: text or json (was '{LogFormat}')");
        if (ReassembleEverySeconds <= 0) errors.Add($"reassemble_every_seconds must be positive (was {ReassembleEverySeconds})");
        if (ReassembleEveryExchangeMinutes <= 0) errors.Add($"reassemble_every_exchange_minutes must be positive (was {ReassembleEveryExchangeMinutes})");
        if (MinNewExchanges < 1) errors.Add($"min_new_exchanges must be at least 1 (was {MinNewExchanges})");
        if (BulkWriteExchangeMinutes <= 0) errors.Add($"bulk_write_exchange_minutes must be positive (was {BulkWriteExchangeMinutes})");
        if (TapCommitMs is < 0 or > 1000) errors.Add($"tap_commit_ms: 0 to 1000 (was {TapCommitMs})");
        if (TapSyncMs is < 0 or > 60_000) errors.Add($"tap_sync_ms: 0 to 60000 (was {TapSyncMs})");
        if (BackgroundNice is < 0 or > 19) errors.Add($"background_nice: 0 to 19 (was {BackgroundNice})");
        return errors;
    }
}
