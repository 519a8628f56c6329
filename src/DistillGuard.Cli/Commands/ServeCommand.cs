using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using DistillGuard.Server.Taxii;
using DistillGuard.Sharing.Policy;

namespace DistillGuard.Cli.Commands;

/// <summary>
/// `distillguard serve`: one process runs whichever parts are configured — the streaming detector (HTTP ingest and
/// queries, tailed files, a NATS JetStream stream, alerts), the TAXII 2.1 server — all on 127.0.0.1.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var config = new Option<string?>("--config", "-c") { Description = "Settings file (JSON object; names as below in snake_case, e.g. {\"ingest_port\": 9400, \"state\": \"/var/lib/dg\"}). A TAXII server config (with \"collections\") is still accepted and runs the TAXII server alone." };
        var ingestPort = new Option<int?>("--ingest-port") { Description = "Streaming detector API on 127.0.0.1:PORT (0 = any free port): POST /v1/exchanges, GET /v1/accounts/{id}, /v1/campaigns, /v1/stats, /metrics." };
        var state = new Option<string?>("--state") { Description = "State directory: journal of accepted exchanges, quarantine, verdict changes; a restart resumes from it." };
        var accounts = new Option<string?>("--accounts") { Description = "Account registry (accounts.jsonl), as for analyze." };
        var allow = new Option<string?>("--allow") { Description = "Licensed distillers, one account id per line: never given 'campaign'." };
        var ipIntel = new Option<string[]>("--ip-intel") { Description = "IP-intelligence file(s), as for analyze.", AllowMultipleArgumentsPerToken = true };
        var tail = new Option<string[]>("--tail") { Description = "Follow this growing exchange log (.jsonl) and ingest what is appended. Repeatable.", AllowMultipleArgumentsPerToken = true };
        var nats = new Option<string?>("--nats") { Description = "Ingest from NATS JetStream at this URL (nats://127.0.0.1:4222)." };
        var natsStream = new Option<string?>("--nats-stream") { Description = "JetStream stream (default EXCHANGES; created if missing)." };
        var natsSubject = new Option<string?>("--nats-subject") { Description = "Subject carrying exchange-log lines (default distillguard.exchanges)." };
        var alertsJsonl = new Option<string?>("--alerts-jsonl") { Description = "Append every verdict-change alert to this file (JSON Lines)." };
        var webhook = new Option<string?>("--webhook") { Description = "POST every alert to this URL (retried with backoff; a slow or failing sink never stalls ingestion)." };
        var detectorConfig = new Option<string?>("--detector-config") { Description = "Detector options JSON (as analyze --config); DISTILLGUARD_DETECTOR_* override it." };
        var reassemble = new Option<double?>("--reassemble-every") { Description = "Re-assemble campaigns at least every N seconds of wall time (default 30)." };
        var reassembleClock = new Option<double?>("--reassemble-every-exchange-minutes") { Description = "…and every N minutes of the exchanges' own clock (default 60)." };
        var taxiiPort = new Option<int?>("--taxii-port", "--port") { Description = "Port of the TAXII server (overrides its config's port)." };
        var noMetrics = new Option<bool>("--no-metrics") { Description = "No Prometheus endpoint at /metrics." };
        var gatewayPort = new Option<string?>("--gateway-port") { Description = "Inline gateway (YARP reverse proxy for /v1/chat/completions, /v1/responses, /v1/messages) on 127.0.0.1:PORT; needs --upstream and --keys (docs/gateway.md)." };
        var upstream = new Option<string?>("--upstream") { Description = "The API the gateway forwards to (base URL)." };
        var keys = new Option<string?>("--keys") { Description = "Gateway API keys, JSON lines {\"key\",\"account\"[,\"tier\"]}: who each request is." };
        var policy = new Option<string?>("--policy") { Description = "Gateway policy (YAML or JSON): what verdicts get — allow, throttle, block, verify, protect reasoning; hot-reloaded." };
        var watermarkKey = new Option<string?>("--watermark-key") { Description = "Watermark key (`watermark keygen`): the gateway watermarks response text where its policy says `watermark` (docs/provenance.md)." };
        var watermarkJournal = new Option<string?>("--watermark-journal") { Description = "JSON-lines file of every text block the gateway watermarked, as written before the watermark, with account, campaign, exchange and key: the source of `provenance probes --served`." };
        var logFormat = new Option<string?>("--log-format") { Description = "text (default) or json: structured log lines on stderr." };
        var cmd = new Command("serve",
            "Run the streaming detector (ingest, live verdicts, alerts), the inline gateway and/or the TAXII 2.1 server, on 127.0.0.1.\n" +
            "Settings come from --config, environment variables " + ServeSettings.EnvironmentPrefix + "<NAME> and these flags, each overriding the one before.")
        {
            config, ingestPort, state, accounts, allow, ipIntel, tail, nats, natsStream, natsSubject, alertsJsonl, webhook, detectorConfig, reassemble, reassembleClock, taxiiPort, noMetrics, logFormat, gatewayPort, upstream, keys, policy, watermarkKey, watermarkJournal,
        };
        DashboardServe.AddOptions(cmd);
        cmd.SetAction(async (pr, ct) =>
        {
            var errors = new List<string>();
            var s = ServeSettings.Load(pr.GetValue(config), Environment.GetEnvironmentVariables(), errors);
            s = s with
            {
                IngestPort = pr.GetValue(ingestPort) ?? s.IngestPort,
                State = pr.GetValue(state) ?? s.State,
                Accounts = pr.GetValue(accounts) ?? s.Accounts,
                Allow = pr.GetValue(allow) ?? s.Allow,
                IpIntel = pr.GetValue(ipIntel) is { Length: > 0 } ii ? ii : s.IpIntel,
                Tail = pr.GetValue(tail) is { Length: > 0 } tt ? tt : s.Tail,
                NatsUrl = pr.GetValue(nats) ?? s.NatsUrl,
                NatsStream = pr.GetValue(natsStream) ?? s.NatsStream,
                NatsSubject = pr.GetValue(natsSubject) ?? s.NatsSubject,
                AlertsJsonl = pr.GetValue(alertsJsonl) ?? s.AlertsJsonl,
                Webhook = pr.GetValue(webhook) ?? s.Webhook,
                DetectorConfig = pr.GetValue(detectorConfig) ?? s.DetectorConfig,
                ReassembleEverySeconds = pr.GetValue(reassemble) ?? s.ReassembleEverySeconds,
                ReassembleEveryExchangeMinutes = pr.GetValue(reassembleClock) ?? s.ReassembleEveryExchangeMinutes,
                TaxiiPort = pr.GetValue(taxiiPort) ?? s.TaxiiPort,
                Metrics = !pr.GetValue(noMetrics) && s.Metrics,
                LogFormat = pr.GetValue(logFormat) ?? s.LogFormat,
                WatermarkKey = pr.GetValue(watermarkKey) ?? s.WatermarkKey,
                WatermarkJournal = pr.GetValue(watermarkJournal) ?? s.WatermarkJournal,
                GatewayFlags = new[] { ("--gateway-port", pr.GetValue(gatewayPort)), ("--upstream", pr.GetValue(upstream)), ("--keys", pr.GetValue(keys)), ("--policy", pr.GetValue(policy)) }
                    .Where(f => f.Item2 is not null).ToDictionary(f => f.Item1, f => f.Item2),
                Dashboard = DashboardServe.Read(pr, cmd),
            };
            return await ServeHost.RunAsync(s, errors, Console.Out, Console.Error, ct);
        });
        return cmd;
    }

    /// <summary>Reads the server config. API keys are read from the environment variables the config names, never from the file.</summary>
    internal static (TaxiiOptions Options, int Port) Load(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new InvalidDataException($"{path}: expected a JSON object");
        var errors = new List<string>();
        var collections = (root["collections"] as JsonArray ?? []).OfType<JsonObject>().Select(c => new TaxiiCollection
        {
            Id = c["id"]?.GetValue<string>() ?? "",
            Title = c["title"]?.GetValue<string>() ?? "",
            Description = c["description"]?.GetValue<string>(),
        }).ToList();
        if (collections.Count == 0 || collections.Any(c => c.Id.Length == 0)) errors.Add("\"collections\" needs at least one {\"id\",\"title\"}");
        var clients = new List<TaxiiClientGrant>();
        foreach (var c in (root["clients"] as JsonArray ?? []).OfType<JsonObject>())
        {
            string partner = c["partner"]?.GetValue<string>() ?? "";
            string env = c["api_key_env"]?.GetValue<string>() ?? "";
            string? key = env.Length > 0 ? Environment.GetEnvironmentVariable(env) : null;
            if (partner.Length == 0) { errors.Add("every client needs \"partner\""); continue; }
            if (string.IsNullOrEmpty(key) || key.Length < 16) { errors.Add($"client {partner}: environment variable '{env}' must hold its API key (16+ characters)"); continue; }
            var read = (c["read"] as JsonArray ?? []).Select(x => x!.GetValue<string>()).ToList();
            var write = (c["write"] as JsonArray ?? []).Select(x => x!.GetValue<string>()).ToList();
            foreach (var id in read.Concat(write)) if (collections.All(col => col.Id != id)) errors.Add($"client {partner}: unknown collection '{id}'");
            clients.Add(new TaxiiClientGrant { Partner = partner, ApiKey = key, Read = read, Write = write });
        }
        if (errors.Count > 0) throw new InvalidDataException($"{path}: " + string.Join("; ", errors));
        var options = new TaxiiOptions
        {
            Title = root["title"]?.GetValue<string>() ?? "DistillGuard TAXII",
            ApiRoot = root["api_root"]?.GetValue<string>() ?? "distillguard",
            Collections = collections,
            Clients = clients,
            Policy = root["partners"] is JsonArray ? PartnersFile.Parse(root["partners"], path) : new SharingPolicy([]),
            Audit = root["audit"]?.GetValue<string>() is { } a ? new AuditLog(a) : null,
        };
        return (options, root["port"]?.GetValue<int>() ?? 9700);
    }
}
