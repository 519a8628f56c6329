using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using DistillGuard.Cli.Output;
using Spectre.Console;

namespace DistillGuard.Cli.Commands;

/// <summary>
/// `distillguard replay`: feeds an exchange log to a running `serve` in the log's own time order, accelerated, and
/// with labels reports how long each campaign ran before the service gave one of its accounts the verdict
/// `campaign`, measured on the exchanges' clock (the service re-assembles on that clock too, so an accelerated
/// replay measures what real time would).
/// </summary>
internal static class ReplayCommand
{
    internal sealed record Request
    {
        public IReadOnlyList<string> Logs { get; init; } = [];
        public string To { get; init; } = "";
        public string? Labels { get; init; }
        public double Speed { get; init; } = 1000;
        public int Batch { get; init; } = 2000;
        public string? TokenEnv { get; init; }
        public bool Json { get; init; }
        public bool NoProgress { get; init; }
    }

    internal sealed record CampaignTiming(string Campaign, int Accounts, long Exchanges, DateTimeOffset FirstExchange, DateTimeOffset? Detected,
        double? Minutes, double? ShareBefore, int Flagged);

    internal sealed record Outcome(long Exchanges, long Sent, long Duplicates, long Quarantined, long OutOfOrder, double Seconds, IReadOnlyList<CampaignTiming> Campaigns);

    public static Command Create()
    {
        var log = new Option<string[]>("--log", "-l") { Description = "Exchange log(s) (.jsonl or .jsonl.gz), sent in file order; the log should be in time order.", Required = true, AllowMultipleArgumentsPerToken = true };
        var to = new Option<string>("--to") { Description = "Base URL of a running `serve --ingest-port` (e.g. http://127.0.0.1:9400).", Required = true };
        var labels = new Option<string?>("--labels") { Description = "labels.jsonl ({\"account\",\"campaign\"}): report time to detect per campaign." };
        var speed = new Option<double>("--speed") { Description = "How many times faster than the log's own clock (0 = as fast as ingest takes it, declared to the service as a bulk load: no re-assembly per hour of the log).", DefaultValueFactory = _ => 1000 };
        var batch = new Option<int>("--batch") { Description = "Lines per POST (fewer when the clock makes the replay wait).", DefaultValueFactory = _ => 2000 };
        var tokenEnv = new Option<string?>("--token-env") { Description = "Environment variable holding the service's bearer token." };
        var json = new Option<bool>("--json") { Description = "Print {\"exchanges\", \"campaigns\": [{\"campaign\", \"minutes\", \"share_before\"}]} on stdout." };
        var noProgress = new Option<bool>("--no-progress") { Description = "No progress bar on stderr." };
        var cmd = new Command("replay", "Feed a log through a running streaming service in its own time order (accelerated); with labels, measure time to detect.")
        {
            log, to, labels, speed, batch, tokenEnv, json, noProgress,
        };
        cmd.SetAction(async (pr, ct) => await ExecuteAsync(new Request
        {
            Logs = pr.GetValue(log) ?? [],
            To = pr.GetValue(to) ?? "",
            Labels = pr.GetValue(labels),
            Speed = pr.GetValue(speed),
            Batch = pr.GetValue(batch),
            TokenEnv = pr.GetValue(tokenEnv),
            Json = pr.GetValue(json),
            NoProgress = pr.GetValue(noProgress),
        }, Console.Out, Console.Error, ct));
        return cmd;
    }

    internal static List<string> Validate(Request r)
    {
        var errors = new List<string>();
        if (r.Logs.Count == 0) errors.Add("--log FILE is required");
        foreach (var f in r.Logs) if (!File.Exists(f)) errors.Add($"--log: no file '{f}'");
        if (!Uri.TryCreate(r.To, UriKind.Absolute, out var u) || (u.Scheme != "http" && u.Scheme != "https")) errors.Add($"--to: not an http(s) URL: '{r.To}'");
        if (r.Labels is not null && !File.Exists(r.Labels)) errors.Add($"--labels: no file '{r.Labels}'");
        if (r.Speed < 0 || double.IsNaN(r.Speed)) errors.Add($"--speed must be 0 or more (was {r.Speed})");
        if (r.Batch < 1) errors.Add($"--batch must be at least 1 (was {r.Batch})");
        if (r.TokenEnv is not null && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(r.TokenEnv))) errors.Add($"--token-env: '{r.TokenEnv}' is empty");
        return errors;
    }

    internal static async Task<int> ExecuteAsync(Request r, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var errors = Validate(r);
        if (errors.Count > 0)
        {
            foreach (var e in errors) stderr.WriteLine($"replay: {e}");
            stderr.WriteLine("usage: distillguard replay --log FILE --to URL [--labels FILE] [--speed X] [--json]");
            return ExitCodes.UsageError;
        }
        Outcome o;
        try { o = await RunAsync(r, stderr, ct); }
        catch (HttpRequestException e)
        {
            stderr.WriteLine($"replay: {r.To}: {e.Message}");
            return ExitCodes.InputError;
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            stderr.WriteLine($"replay: {e.Message}");
            return ExitCodes.InputError;
        }
        if (r.Json)
        {
            stdout.WriteLine(JsonSerializer.Serialize(new
            {
                exchanges = o.Exchanges,
                sent = o.Sent,
                duplicates = o.Duplicates,
                quarantined = o.Quarantined,
                out_of_order = o.OutOfOrder,
                seconds = Math.Round(o.Seconds, 3),
                campaigns = o.Campaigns.Select(c => new
                {
                    campaign = c.Campaign,
                    minutes = c.Minutes is { } m ? Math.Round(m, 1) : (double?)null,
                    share_before = c.ShareBefore is { } s ? Math.Round(s, 4) : (double?)null,
                    accounts = c.Accounts,
                    flagged = c.Flagged,
                    exchanges = c.Exchanges,
                    first_exchange = c.FirstExchange,
                    detected = c.Detected,
                }),
            }, JsonOutput.Options));
        }
        else
        {
            var console = ConsoleFactory.Create(stdout);
            console.MarkupLine($"replayed [bold]{o.Exchanges:N0}[/] exchanges in {o.Seconds:N1} s ({o.Duplicates:N0} already held, {o.Quarantined:N0} quarantined, {o.OutOfOrder:N0} out of time order)");
            if (o.Campaigns.Count > 0)
            {
                var t = new Table().AddColumn("campaign").AddColumn(new TableColumn("accounts").RightAligned()).AddColumn(new TableColumn("flagged").RightAligned())
                    .AddColumn(new TableColumn("minutes to first verdict").RightAligned()).AddColumn(new TableColumn("share of its exchanges before").RightAligned());
                foreach (var c in o.Campaigns)
                    t.AddRow(Markup.Escape(c.Campaign), c.Accounts.ToString("N0", CultureInfo.InvariantCulture), c.Flagged.ToString("N0", CultureInfo.InvariantCulture),
                        c.Minutes is { } m ? m.ToString("N1", CultureInfo.InvariantCulture) : "[red]not detected[/]",
                        c.ShareBefore is { } s ? s.ToString("P1", CultureInfo.InvariantCulture) : "—");
                console.Write(t);
            }
        }
        return ExitCodes.Success;
    }

    internal static async Task<Outcome> RunAsync(Request r, TextWriter stderr, CancellationToken ct)
    {
        var baseUri = new Uri(r.To.TrimEnd('/') + "/");
        using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromMinutes(10) };
        if (r.TokenEnv is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Environment.GetEnvironmentVariable(r.TokenEnv));
        var labels = r.Labels is null ? new Dictionary<string, string>() : LoadLabels(r.Labels);
        var perCampaign = new Dictionary<string, (List<long> Ts, HashSet<string> Accounts)>(StringComparer.Ordinal);

        long exchanges = 0, sent = 0, duplicates = 0, quarantined = 0, outOfOrder = 0, prevTs = long.MinValue, t0 = long.MinValue;
        var wall = Stopwatch.StartNew();
        // two batch buffers in turn: one is being sent while the other fills (no copy of each batch, and no new
        // large-object array per POST)
        var buffers = new[] { new MemoryStream(), new MemoryStream() };
        int current = 0;
        var batch = buffers[0];
        int inBatch = 0;
        long totalBytes = r.Logs.Sum(f => new FileInfo(f).Length), readBytes = 0;
        bool progress = !r.NoProgress && !r.Json && !Console.IsErrorRedirected && ReferenceEquals(stderr, Console.Error);
        var lastReport = Stopwatch.StartNew();

        // One POST in flight while the next batch is read: the log is read and the service ingests at the same time,
        // and batches still arrive one after the other, in file order.
        Task? inFlight = null;
        async Task Post(MemoryStream body)
        {
            while (true)
            {
                using var content = new ByteArrayContent(body.GetBuffer(), 0, (int)body.Length);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
                // at speed 0 the log is a bulk load: the service is told so and does not re-assemble per hour of it
                using var res = await http.PostAsync(r.Speed == 0 ? "v1/exchanges?bulk=1" : "v1/exchanges", content, ct);
                if (res.StatusCode == HttpStatusCode.ServiceUnavailable) { await Task.Delay(1000, ct); continue; }
                var text = await res.Content.ReadAsStringAsync(ct);
                if (!res.IsSuccessStatusCode) throw new HttpRequestException($"POST /v1/exchanges answered {(int)res.StatusCode}: {text}");
                using var doc = JsonDocument.Parse(text);
                sent += doc.RootElement.GetProperty("accepted").GetInt64();
                duplicates += doc.RootElement.GetProperty("duplicates").GetInt64();
                quarantined += doc.RootElement.GetProperty("quarantined").GetInt64();
                break;
            }
        }
        async Task Send()
        {
            if (inBatch == 0) return;
            var body = batch;
            inBatch = 0;
            if (inFlight is not null) await inFlight;   // the other buffer's POST is done: it can be filled again
            inFlight = Post(body);
            current ^= 1;
            batch = buffers[current];
            batch.SetLength(0);
        }

        foreach (var file in r.Logs)
        {
            await using var raw = File.OpenRead(file);
            await using var counting = new CountingStream(raw, n => readBytes += n);
            Stream s = file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(counting, CompressionMode.Decompress) : counting;
            await using var _ = s;
            var reader = new LineReader(s);
            while (await reader.ReadLineAsync(ct))
            {
                var bytes = reader.Current;   // the line's own bytes: read for the envelope, then sent as they are
                if (bytes.Length == 0) continue;
                exchanges++;
                var (ts, account) = Envelope(bytes.Span);
                if (ts != long.MinValue)
                {
                    if (t0 == long.MinValue) t0 = ts;
                    if (ts < prevTs) outOfOrder++;
                    else prevTs = ts;
                    if (account is not null && labels.TryGetValue(account, out var campaign))
                    {
                        if (!perCampaign.TryGetValue(campaign, out var pc)) perCampaign[campaign] = pc = (new List<long>(), new HashSet<string>(StringComparer.Ordinal));
                        pc.Ts.Add(ts);
                        pc.Accounts.Add(account);
                    }
                    if (r.Speed > 0)
                    {
                        double due = (prevTs - t0) / r.Speed;   // ms of wall time this line is due at
                        double ahead = due - wall.Elapsed.TotalMilliseconds;
                        if (ahead > 5)
                        {
                            await Send();
                            ahead = due - wall.Elapsed.TotalMilliseconds;
                            if (ahead > 1) await Task.Delay(TimeSpan.FromMilliseconds(ahead), ct);
                        }
                    }
                }
                batch.Write(bytes.Span);
                batch.WriteByte((byte)'\n');
                if (++inBatch >= r.Batch) await Send();
                if (progress && lastReport.ElapsedMilliseconds > 1000)
                {
                    lastReport.Restart();
                    stderr.Write($"\rreplay: {exchanges:N0} lines, {100.0 * readBytes / Math.Max(1, totalBytes):0.0} % of the input, {wall.Elapsed.TotalSeconds:N0} s   ");
                }
            }
        }
        await Send();
        if (inFlight is not null) await inFlight;
        if (progress) stderr.WriteLine();

        // Everything sent is processed and re-assembled before the verdicts are read.
        using (var res = await http.PostAsync("v1/reassemble", null, ct))
            if (!res.IsSuccessStatusCode) throw new HttpRequestException($"POST /v1/reassemble answered {(int)res.StatusCode}");
        var firstCampaign = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var finalVerdict = new Dictionary<string, string>(StringComparer.Ordinal);
        long after = 0;
        while (true)
        {
            using var doc = JsonDocument.Parse(await http.GetStringAsync($"v1/changes?after={after}&limit=50000", ct));
            var changes = doc.RootElement.GetProperty("changes");
            if (changes.GetArrayLength() == 0) break;
            foreach (var c in changes.EnumerateArray())
            {
                after = c.GetProperty("sequence").GetInt64();
                string account = c.GetProperty("account").GetString()!;
                string to = c.GetProperty("to").GetString()!;
                finalVerdict[account] = to;
                if (to == "campaign" && !firstCampaign.ContainsKey(account) && c.TryGetProperty("exchange_time", out var et))
                    firstCampaign[account] = et.GetDateTimeOffset();
            }
        }

        var timings = new List<CampaignTiming>();
        foreach (var (campaign, (tsList, accounts)) in perCampaign.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            tsList.Sort();
            var first = DateTimeOffset.FromUnixTimeMilliseconds(tsList[0]);
            DateTimeOffset? detected = accounts.Where(firstCampaign.ContainsKey).Select(a => firstCampaign[a]).DefaultIfEmpty().Min() is { } d && d != default ? d : null;
            double? minutes = detected is { } dd ? Math.Max(0, (dd - first).TotalMinutes) : null;
            double? share = null;
            if (detected is { } det)
            {
                long cut = det.ToUnixTimeMilliseconds();
                int before = UpperBound(tsList, cut);
                share = (double)before / tsList.Count;
            }
            timings.Add(new CampaignTiming(campaign, accounts.Count, tsList.Count, first, detected, minutes, share,
                accounts.Count(a => finalVerdict.GetValueOrDefault(a) == "campaign")));
        }
        return new Outcome(exchanges, sent, duplicates, quarantined, outOfOrder, wall.Elapsed.TotalSeconds, timings);
    }

    private static int UpperBound(List<long> sorted, long value)
    {
        int lo = 0, hi = sorted.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /// <summary>The line's ts (Unix ms, or MinValue) and account, read from its top-level fields only.</summary>
    internal static (long Ts, string? Account) Envelope(ReadOnlySpan<byte> line)
    {
        long ts = long.MinValue;
        string? account = null;
        try
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return (ts, null);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isTs = reader.ValueTextEquals("ts"u8), isAccount = reader.ValueTextEquals("account"u8);
                reader.Read();
                if (isTs && reader.TokenType == JsonTokenType.String && DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t))
                    ts = t.ToUnixTimeMilliseconds();
                else if (isAccount && reader.TokenType == JsonTokenType.String) account = reader.GetString();
                else reader.Skip();
                if (ts != long.MinValue && account is not null) break;
            }
        }
        catch (JsonException) { }
        return (ts, account);
    }

    private static Dictionary<string, string> LoadLabels(string path)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        long n = 0;
        foreach (var line in File.ReadLines(path))
        {
            n++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                if (root.TryGetProperty("campaign", out var c) && c.ValueKind == JsonValueKind.String)
                    map[root.GetProperty("account").GetString()!] = c.GetString()!;
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new InvalidDataException($"{path}:{n}: not a label line ({e.Message})");
            }
        }
        return map;
    }

    /// <summary>
    /// Lines of a stream as bytes (without the newline, a trailing CR or a leading UTF-8 byte-order mark), valid until the
    /// next call: no decoding to text and back for lines that are sent on as they are.
    /// </summary>
    internal sealed class LineReader(Stream stream)
    {
        private byte[] _buf = new byte[1 << 20];
        private int _start, _end;
        private bool _eof, _first = true;
        public ReadOnlyMemory<byte> Current { get; private set; }

        public async ValueTask<bool> ReadLineAsync(CancellationToken ct)
        {
            while (true)
            {
                int nl = _buf.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
                if (nl >= 0 || (_eof && _end > _start))
                {
                    int len = nl >= 0 ? nl : _end - _start;
                    int from = _start;
                    _start += nl >= 0 ? nl + 1 : len;
                    if (_first)
                    {
                        _first = false;
                        if (len >= 3 && _buf[from] == 0xEF && _buf[from + 1] == 0xBB && _buf[from + 2] == 0xBF) { from += 3; len -= 3; }
                    }
                    if (len > 0 && _buf[from + len - 1] == (byte)'\r') len--;
                    Current = _buf.AsMemory(from, len);
                    return true;
                }
                if (_eof) { Current = default; return false; }
                if (_start > 0)
                {
                    _buf.AsSpan(_start, _end - _start).CopyTo(_buf);
                    _end -= _start;
                    _start = 0;
                }
                if (_end == _buf.Length) Array.Resize(ref _buf, _buf.Length * 2);   // a line longer than the buffer
                int n = await stream.ReadAsync(_buf.AsMemory(_end), ct);
                if (n == 0) _eof = true;
                else _end += n;
            }
        }
    }

    /// <summary>Counts bytes read from the (compressed) file for the progress line.</summary>
    private sealed class CountingStream(Stream inner, Action<int> onRead) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) { int n = inner.Read(buffer, offset, count); onRead(n); return n; }
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) { int n = await inner.ReadAsync(buffer, ct); onRead(n); return n; }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
