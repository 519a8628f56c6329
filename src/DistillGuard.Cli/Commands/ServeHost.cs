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
            // Not AddFilter(_ => true): a filter rule without a level lifts the minimum, and ASP.NET Core and YARP then log
            // ~20 lines per request (trace to information), which cost the gateway most of its throughput under load.
            b.SetMinimumLevel(level);
            b.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
            b.AddFilter("Yarp", LogLevel.Warning);
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
                }, sinks, loggerFactory.CreateLogger("detector"));
                detector.Start();
                var st = detector.Stats();
                if (st.Exchanges > 0) stdout.WriteLine($"state {s.State}: resumed with {st.Exchanges:N0} exchanges, {st.Accounts:N0} accounts, {st.Campaigns} campaign(s)");

                if (s.IngestPort is { } port)
                {
                    string? token = s.IngestTokenEnv is null ? null : Environment.GetEnvironmentVariable(s.IngestTokenEnv);
                    var app = StreamingServer.Build(detector, port, token, s.Metrics, b => Logging(b, LogLevel.Warning));
                    await app.StartAsync(stop.Token);
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
                tap = new TapSource(detector, log: loggerFactory.CreateLogger("tap"));
                var app = GatewayServer.Build(gateway, new LiveVerdicts(detector), new DetectorTap(tap), loggerFactory);
                await app.StartAsync(stop.Token);
                apps.Add(app);
                stdout.WriteLine($"listening gateway {app.Urls.First()} (→ {gateway.Upstream}; /v1/chat/completions, /v1/responses, /v1/messages; every exchange tapped into the detector)");
            }
            if (taxii is not null)
            {
                var app = new TaxiiServer(taxii).Build(s.TaxiiPort ?? taxiiPort);
                await app.StartAsync(stop.Token);
                apps.Add(app);
                stdout.WriteLine($"listening taxii {app.Urls.First()} (discovery /taxii2/, API root /{taxii.ApiRoot}/)");
            }
            stdout.WriteLine("ready; Ctrl+C stops");
            stdout.Flush();
            try { await Task.Delay(Timeout.Infinite, stop.Token); } catch (OperationCanceledException) { }
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or NATS.Client.Core.NatsException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"serve: {e.Message}");
            return ExitCodes.InputError;
        }
        finally
        {
            foreach (var app in apps) { await app.StopAsync(CancellationToken.None); await app.DisposeAsync(); }
            foreach (var t in tails) await t.DisposeAsync();
            if (tap is not null) await tap.DisposeAsync();
            if (nats is not null) await nats.DisposeAsync();
            if (detector is not null) await detector.DisposeAsync();
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

    /// <summary>Copies the line (the gateway may reuse its buffer) and hands it over without blocking.</summary>
    private sealed class DetectorTap(TapSource tap) : IExchangeTap
    {
        public void Tap(ReadOnlyMemory<byte> exchangeLogLine) => tap.TryTap(exchangeLogLine.ToArray());
    }
}
