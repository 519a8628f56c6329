using System.Diagnostics;
using System.Runtime.InteropServices;
using DistillGuard.Core.Analysis;
using DistillGuard.Core.Verdicts;
using DistillGuard.Gateway;
using DistillGuard.Gateway.Seams;
using DistillGuard.Server.Taxii;
using DistillGuard.Streaming;
using DistillGuard.Streaming.Alerts;
using DistillGuard.Streaming.Sources;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace DistillGuard.Cli.Commands;

/// <summary>Starts what the settings ask for, prints one "listening" line per listener, runs until Ctrl+C or SIGTERM.</summary>
internal static class ServeHost
{
    public static async Task<int> RunAsync(ServeSettings s, List<string> errors, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        errors.AddRange(s.Validate());
        DetectorOptions? detectorOptions = null;
        if (s.DetectorConfig is null || File.Exists(s.DetectorConfig))
        {
            detectorOptions = DetectorOptionsLoader.Load(s.DetectorConfig, Environment.GetEnvironmentVariables(), out var optionErrors);
            errors.AddRange(optionErrors.Select(e => $"detector options: {e}"));
        }
        TaxiiOptions? taxii = null;
        int taxiiPort = 0;
        if (s.Taxii is not null && File.Exists(s.Taxii))
        {
            try { (taxii, taxiiPort) = ServeCommand.Load(s.Taxii); }
            catch (Exception e) when (e is IOException or InvalidDataException or System.Text.Json.JsonException or InvalidOperationException or FormatException)
            {
                errors.Add($"taxii: {e.Message}");
            }
        }
        GatewayOptions? gateway = null;
        if (s.Gateway)
        {
            try { gateway = GatewayOptions.Load(s.GatewayFlags, s.GatewaySection); }
            catch (GatewayConfigurationException e) { errors.AddRange(e.Errors.Select(x => $"gateway: {x}")); }
        }
        DistillGuard.Provenance.Watermarking.WatermarkKey? watermarkKey = null;
        if (s.WatermarkKey is not null && File.Exists(s.WatermarkKey))
        {
            try { watermarkKey = DistillGuard.Provenance.Watermarking.WatermarkKey.Load(s.WatermarkKey); }
            catch (Exception e) when (e is IOException or InvalidDataException or System.Text.Json.JsonException or FormatException or ArgumentException)
            {
                errors.Add($"watermark_key: {e.Message}");
            }
        }
        if (errors.Count > 0)
        {
            foreach (var e in errors) stderr.WriteLine($"serve: {e}");
            stderr.WriteLine("Run `distillguard serve --help` for the settings.");
            return ExitCodes.UsageError;
        }

        void Logging(ILoggingBuilder b, LogLevel level)
        {
            b.ClearProviders();
            if (s.LogFormat == "json") b.AddJsonConsole(o => { o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffK"; o.UseUtcTimestamp = true; });
            else b.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
            b.SetMinimumLevel(level);
            b.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
            b.AddFilter("Yarp", LogLevel.Warning);
            // per-request scopes: the host opens one for every request whenever its category logs at all (Critical); its own
            // lines are request start and end (Information), which serve never shows
            b.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
            // a listener that cannot start is reported by serve itself, in one line (no stack trace from the host)
            b.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
            Microsoft.Extensions.DependencyInjection.OptionsServiceCollectionExtensions.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(b.Services, o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        }
        using var loggerFactory = LoggerFactory.Create(b => Logging(b, LogLevel.Information));
        var log = loggerFactory.CreateLogger("serve");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });

        var apps = new List<WebApplication>();
        StreamingDetector? detector = null;
        var tails = new List<FileTailSource>();
        NatsSource? nats = null;
        TapSource? tap = null;
        DistillGuard.Provenance.Watermarking.WatermarkJournal? journal = null;
        try
        {
            bool streaming = s.IngestPort is not null || s.Tail.Count > 0 || s.NatsUrl is not null || gateway is not null;
            if (streaming)
            {
                var inputs = AnalysisInputs.Load(s.Accounts, s.Allow, s.IpIntel.Count > 0 ? s.IpIntel : null);
                var sinks = new List<IAlertSink>();
                if (s.AlertsJsonl is not null) sinks.Add(new JsonlAlertSink(s.AlertsJsonl));
                if (s.Webhook is not null)
                    sinks.Add(new WebhookAlertSink(new Uri(s.Webhook), new HttpClient { Timeout = TimeSpan.FromSeconds(10) },
                        s.WebhookTokenEnv is null ? null : Environment.GetEnvironmentVariable(s.WebhookTokenEnv)));
                detector = new StreamingDetector(new StreamingOptions
                {
                    StateDir = s.State!,
                    Detector = detectorOptions!,
                    Inputs = inputs,
                    ReassembleEvery = TimeSpan.FromSeconds(s.ReassembleEverySeconds),
                    ReassembleEveryExchangeTime = TimeSpan.FromMinutes(s.ReassembleEveryExchangeMinutes),
                    MinNewExchanges = s.MinNewExchanges,
                    BulkWriteExchangeTime = TimeSpan.FromMinutes(s.BulkWriteExchangeMinutes),
                    DetectorNice = gateway is not null ? s.BackgroundNice : 0,
                }, sinks, loggerFactory.CreateLogger("detector"));
                detector.Start();
                var st = detector.Stats();
                if (st.Exchanges > 0) stdout.WriteLine($"state {s.State}: resumed with {st.Exchanges:N0} exchanges, {st.Accounts:N0} accounts, {st.Campaigns} campaign(s)");

                if (s.IngestPort is { } port)
                {
                    string? token = s.IngestTokenEnv is null ? null : Environment.GetEnvironmentVariable(s.IngestTokenEnv);
                    var app = StreamingServer.Build(detector, port, token, s.Metrics, b => Logging(b, LogLevel.Warning), (long)s.MaxBodyMb << 20);
                    await Start(app, "ingest", port, stop.Token);
                    apps.Add(app);
                    stdout.WriteLine($"listening ingest {app.Urls.First()} (POST /v1/exchanges; GET /v1/accounts/{{id}}, /v1/campaigns, /v1/stats{(s.Metrics ? ", /metrics" : "")})");
                }
                foreach (var f in s.Tail)
                {
                    var t = new FileTailSource(f, detector, log: loggerFactory.CreateLogger("tail"));
                    t.Start();
                    tails.Add(t);
                    stdout.WriteLine($"tailing {Path.GetFullPath(f)} from byte {t.Offset:N0}");
                }
                if (s.NatsUrl is not null)
                {
                    nats = new NatsSource(new NatsSourceOptions { Url = s.NatsUrl, Stream = s.NatsStream, Subject = s.NatsSubject, Consumer = s.NatsConsumer }, detector, loggerFactory.CreateLogger("nats"));
                    await nats.StartAsync(stop.Token);
                    stdout.WriteLine($"consuming nats {s.NatsUrl} stream {s.NatsStream} subject {s.NatsSubject} (durable consumer {s.NatsConsumer})");
                }
            }
            if (gateway is not null && detector is not null)
            {
                tap = new TapSource(detector, log: loggerFactory.CreateLogger("tap"), commitWindow: TimeSpan.FromMilliseconds(s.TapCommitMs), nice: s.BackgroundNice,
                    syncInterval: TimeSpan.FromMilliseconds(s.TapSyncMs));
                if (watermarkKey is not null && s.WatermarkJournal is not null)
                {
                    journal = new DistillGuard.Provenance.Watermarking.WatermarkJournal(s.WatermarkJournal);
                    stdout.WriteLine($"watermark journal {Path.GetFullPath(s.WatermarkJournal)} (originals of watermarked text, key {watermarkKey.Id})");
                }
                var transform = watermarkKey is null ? null : new DistillGuard.Gateway.Watermarking.WatermarkTransform(new DistillGuard.Provenance.Watermarking.Watermarker(watermarkKey), watermarkKey.Id, journal);
                var app = GatewayServer.Build(gateway, new LiveVerdicts(detector), new DetectorTap(tap), loggerFactory, transform);
                await Start(app, "gateway", gateway.Port, stop.Token);
                apps.Add(app);
                stdout.WriteLine($"listening gateway {app.Urls.First()} (→ {gateway.Upstream}; /v1/chat/completions, /v1/responses, /v1/messages; every exchange tapped into the detector)");
            }
            if (s.Dashboard is not null) await DashboardServe.StartAsync(s.Dashboard, detector, apps, stdout, b => Logging(b, LogLevel.Warning), loggerFactory, stop.Token);
            if (taxii is not null)
            {
                var app = new TaxiiServer(taxii).Build(s.TaxiiPort ?? taxiiPort);
                await Start(app, "taxii", s.TaxiiPort ?? taxiiPort, stop.Token);
                apps.Add(app);
                stdout.WriteLine($"listening taxii {app.Urls.First()} (discovery /taxii2/, API root /{taxii.ApiRoot}/)");
            }
            stdout.WriteLine($"ready; Ctrl+C stops (runtime: tiered PGO {(ServerRuntime.TieredPgo ? "on" : "off")}, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC)");
            stdout.Flush();
            try { await Task.Delay(Timeout.Infinite, stop.Token); } catch (OperationCanceledException) { }
            return ExitCodes.Success;
        }
        catch (PortInUseException e)
        {
            stderr.WriteLine($"serve: {e.Message}");
            return ExitCodes.UsageError;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or NATS.Client.Core.NatsException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"serve: {e.Message}");
            return ExitCodes.InputError;
        }
        finally
        {
            // SIGTERM or Ctrl+C: stop accepting, let requests in flight finish (bounded), then the sources and the
            // detector (the tap syncs what it journaled; the detector commits its journal; alerts queued get a moment to drain).
            var shutdown = Stopwatch.StartNew();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(4));
            foreach (var app in apps)
            {
                try { await app.StopAsync(grace.Token); } catch (OperationCanceledException) { }
                await app.DisposeAsync();
            }
            foreach (var t in tails) await t.DisposeAsync();
            if (tap is not null) await tap.DisposeAsync();
            if (journal is not null)
            {
                await journal.DisposeAsync();
                if (journal.Dropped > 0) log.LogWarning("watermark journal: {Dropped} entries dropped ({Error})", journal.Dropped, journal.LastError ?? "queue full");
            }
            if (nats is not null) await nats.DisposeAsync();
            if (detector is not null) await detector.DisposeAsync();
            if (stop.IsCancellationRequested) log.LogInformation("stopped in {Seconds:0.0} s", shutdown.Elapsed.TotalSeconds);
        }
    }

    private sealed class PortInUseException(string message) : Exception(message);

    private static async Task Start(WebApplication app, string listener, int port, CancellationToken ct)
    {
        try { await app.StartAsync(ct); }
        catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            throw new PortInUseException($"{listener}: port {port} on 127.0.0.1 is already in use (another serve? pick another port)");
        }
    }

    /// <summary>The gateway asks the live state; an account not yet assessed is unknown (clear). A stopped detector is unavailable.</summary>
    private sealed class LiveVerdicts(StreamingDetector detector) : IVerdictSource
    {
        public VerdictLookup? Lookup(string account)
        {
            if (!detector.Running) return VerdictLookup.Unavailable;
            return detector.Live.Verdicts.TryGetValue(account, out var v) ? new VerdictLookup(true, v.Verdict.WireName(), v.Score, v.Campaign) : null;
        }
    }

    /// <summary>Hands the line over without blocking and without a copy (the gateway gives each line its own buffer).</summary>
    private sealed class DetectorTap(TapSource tap) : IExchangeTap
    {
        public void Tap(ReadOnlyMemory<byte> exchangeLogLine) => tap.TryTap(exchangeLogLine);
    }
}
