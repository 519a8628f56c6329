using DistillGuard.Core.Model;
using DistillGuard.Simulation.Common;
using DistillGuard.Simulation.Content;
using DistillGuard.Simulation.Network;
using DistillGuard.Simulation.World;

namespace DistillGuard.Simulation.Engine;

/// <summary>
/// One account's lazy stream of exchanges: it plans a local day at a time (so memory stays flat) and decides
/// each exchange's who/where/what when the merge reaches it. Session- and turn-level choices come from
/// streams derived from the account seed, so they do not depend on how sessions interleave.
/// </summary>
internal sealed class Actor
{
    private readonly record struct Ev(long Ts, int Session, int Turn);

    private static readonly double[] HourWeights =
        [0.25, 0.15, 0.1, 0.08, 0.08, 0.15, 0.4, 1.0, 2.2, 3.2, 3.6, 3.4, 2.8, 3.2, 3.5, 3.4, 3.1, 2.7, 2.1, 1.9, 2.1, 1.9, 1.3, 0.7];
    private static readonly double[] HourCumulative = Cumulative(HourWeights);
    private const long DayMs = 86_400_000L;

    private readonly ActorPlan _p;
    private readonly SimWorld _world;
    private readonly long _startMs, _endMs;
    private readonly List<Ev> _buf = new(16);
    private SimRandom _time;
    private int _pos = -1;
    private int _nextDay;
    private int _session;
    private long _lastTs = long.MinValue;
    private readonly int _days;
    private readonly DayOfWeek _startDow;

    public Actor(ActorPlan plan, SimWorld world)
    {
        _p = plan;
        _world = world;
        _startMs = world.StartMs;
        _endMs = world.EndMs;
        _days = world.Scenario.Days;
        _startDow = world.Scenario.Start.DayOfWeek;
        _time = SimRandom.Derive(plan.Seed, 0x71AE);
        _nextDay = -1;
    }

    public ActorPlan Plan => _p;
    public long NextTs => _buf[_pos].Ts;

    /// <summary>Moves to the next exchange; false when the account has no more in the window.</summary>
    public bool MoveNext()
    {
        _pos++;
        while (_pos >= _buf.Count)
        {
            if (_nextDay > _days) return false;
            _buf.Clear();
            _pos = 0;
            FillDay(_nextDay++);
        }
        return true;
    }

    private static double[] Cumulative(double[] w)
    {
        var c = new double[w.Length];
        double s = 0;
        for (int i = 0; i < w.Length; i++) { s += w[i]; c[i] = s; }
        for (int i = 0; i < w.Length; i++) c[i] /= s;
        return c;
    }

    private int Poisson(double mean)
    {
        if (mean <= 0) return 0;
        if (mean > 30) return Math.Max(0, (int)Math.Round(mean + Math.Sqrt(mean) * _time.NextGaussian()));
        double l = Math.Exp(-mean), p = 1;
        int k = 0;
        do { k++; p *= _time.NextDouble(); } while (p > l);
        return k - 1;
    }

    private void FillDay(int day)
    {
        bool history = day + 1 <= _p.HarvestFromDay && _p.HistoryKinds is not null;
        var timing = history ? TimingMode.Diurnal : _p.Timing;
        double daily = history ? _p.HistoryDaily : _p.DailyMean;
        long lo = Math.Max(_startMs + (long)(Math.Max(_p.ActiveFromDay, 0) * DayMs), _startMs);
        long hi = Math.Min(_endMs, _p.ActiveToDay >= _days ? _endMs : _startMs + (long)(_p.ActiveToDay * DayMs));
        if (hi <= lo) { _nextDay = _days + 1; return; }
        long dayStart = _startMs + day * DayMs;

        switch (timing)
        {
            case TimingMode.Diurnal:
            {
                long localStart = dayStart - _p.TzOffsetMinutes * 60_000L; // local midnight in UTC
                var dow = (DayOfWeek)(((int)_startDow + day % 7 + 7) % 7);
                bool weekend = dow is DayOfWeek.Saturday or DayOfWeek.Sunday;
                double activeP = Math.Min(1, _p.DayActiveProb * (weekend ? Math.Min(_p.WeekendFactor, 1.5) : 1));
                if (!_time.Chance(activeP)) break;
                double mean = daily * (weekend && _p.WeekendFactor < 1 ? Math.Max(_p.WeekendFactor, 0.3) : 1) * _time.NextLogNormal(0, _p.DayNoiseSigma);
                int n = Math.Max(1, Poisson(mean));
                while (n > 0)
                {
                    int turns = 1;
                    if (_p.TurnsMean > 1) turns = 1 + (int)_time.NextExponential(_p.TurnsMean - 1);
                    turns = Math.Min(turns, n);
                    n -= turns;
                    double h = _time.NextDouble();
                    int hour = 0;
                    while (hour < 23 && h >= HourCumulative[hour]) hour++;
                    long t = localStart + hour * 3_600_000L + (long)(_time.NextDouble() * 3_600_000);
                    int session = _session++;
                    for (int turn = 1; turn <= turns; turn++)
                    {
                        Add(new Ev(t, session, _p.Conversational ? turn : 1), lo, hi);
                        t += 3000 + (long)(_time.NextExponential(_p.GapMeanSec) * 1000);
                    }
                }
                break;
            }
            case TimingMode.AroundClock:
            {
                int n = Poisson(daily * _time.NextLogNormal(0, _p.DayNoiseSigma));
                for (int i = 0; i < n; i++) Add(new Ev(dayStart + (long)(_time.NextDouble() * DayMs), _session++, 1), lo, hi);
                break;
            }
            default: // synchronized round-robin clock: one continuous clock per account, phase-shifted across the campaign
            {
                // With SyncTurns each tick starts a multi-turn session (an agent loop), and ticks are spaced so the daily volume holds.
                double perTick = _p.SyncTurns ? Math.Max(1, _p.TurnsMean) : 1;
                double period = DayMs / Math.Max(daily / perTick, 0.01);
                long k = (long)Math.Ceiling((dayStart - _startMs) / period - _p.SyncPhase);
                for (double t = _startMs + (k + _p.SyncPhase) * period; t < dayStart + DayMs; t += period)
                {
                    long ts = (long)(t + (_time.NextDouble() - 0.5) * Math.Min(4000, period * 0.04));
                    if (!_p.SyncTurns) { Add(new Ev(ts, _session++, 1), lo, hi); continue; }
                    int turns = perTick > 1 ? 1 + (int)_time.NextExponential(perTick - 1) : 1;
                    int session = _session++;
                    for (int turn = 1; turn <= turns; turn++)
                    {
                        Add(new Ev(ts, session, _p.Conversational ? turn : 1), lo, hi);
                        ts += 3000 + (long)(_time.NextExponential(_p.GapMeanSec) * 1000);
                    }
                }
                break;
            }
        }
        _buf.Sort((a, b) => a.Ts.CompareTo(b.Ts));
        // Keep the stream strictly increasing across days (a late session can spill past the next local midnight).
        int w = 0;
        for (int i = 0; i < _buf.Count; i++)
        {
            var e = _buf[i];
            if (e.Ts <= _lastTs) e = e with { Ts = _lastTs + 1 };
            if (e.Ts >= hi) continue;
            _buf[w++] = e;
            _lastTs = e.Ts;
        }
        _buf.RemoveRange(w, _buf.Count - w);
    }

    private void Add(Ev e, long lo, long hi)
    {
        if (e.Ts >= lo && e.Ts < hi) _buf.Add(e);
    }

    /// <summary>Fills <paramref name="d"/> with the current exchange (called once per exchange, in global order).</summary>
    public void Fill(ExchangeDraft d, long seq)
    {
        var ev = _buf[_pos];
        var p = _p;
        var srng = SimRandom.Derive(p.Seed, (ulong)ev.Session, 0x5E55);
        var trng = SimRandom.Derive(p.Seed, (ulong)ev.Session, 0x7000 + (ulong)ev.Turn);
        double day = (ev.Ts - _startMs) / (double)DayMs;
        bool history = p.HistoryKinds is not null && day < p.HarvestFromDay;
        bool relayed = !history && p.RelayShare > 0 && srng.Chance(p.RelayShare);
        var intent = d.Intent;

        d.Seq = seq;
        d.TsMs = ev.Ts;
        d.Account = p.AccountId;
        d.Key = p.Keys[p.Keys.Length == 1 ? 0 : srng.Next(p.Keys.Length)];
        d.Ip = p.ProxyRotation && !history ? _world.Ips.Pick(IpKind.Residential, ref trng) : p.Ips[p.Ips.Length == 1 ? 0 : srng.Next(p.Ips.Length)];
        d.UserAgent = p.Client.UserAgent;
        d.Ja4 = p.Client.Ja4;
        d.ForwardedFor = p.ForwardedFor && relayed ? _world.Ips.Pick(IpKind.Residential, ref srng) : 0;
        d.Route = p.Routes.Length == 1 ? p.Routes[0] : p.Routes[srng.Next(p.Routes.Length)];
        d.Relayed = relayed || history;
        d.History = history;

        ContentKind kind = history ? p.HistoryKinds!.Pick(ref srng)
            : relayed ? KindMix.Relayed.Pick(ref srng)
            : (p.LaterKinds is not null && day >= p.LaterFromDay ? p.LaterKinds : p.Kinds).Pick(ref srng);
        bool ordinary = history || relayed;
        intent.Api = p.Apis.Length == 1 ? p.Apis[0] : p.Apis[srng.Next(p.Apis.Length)];
        intent.Kind = kind;
        intent.Template = !ordinary && p.Templates.Length > 0 ? p.Templates[srng.Next(p.Templates.Length)] : -1;
        intent.Paraphrase = ordinary ? 0 : p.Paraphrase;
        intent.Turns = ev.Turn;
        intent.SystemPrompt = p.SystemPrompt >= 0 && (ordinary ? p.RelayShare >= 1 : true) && srng.Chance(p.SystemPromptProb) ? p.SystemPrompt : -1;
        bool tools = !ordinary && p.ToolSet >= 0 && (p.ToolProb >= 1 || srng.Chance(p.ToolProb));
        intent.ToolSet = tools ? p.ToolSet : -1;
        intent.ToolCallInResponse = tools && trng.Chance(p.ToolCallProb);
        bool thinking = !ordinary && p.ThinkingProb > 0 && (p.ThinkingProb >= 1 || srng.Chance(p.ThinkingProb));
        intent.ThinkingBudget = thinking ? p.ThinkingBudget : 0;
        intent.ReasoningEffort = thinking ? p.ReasoningEffort : null;
        intent.ExposeReasoning = thinking && p.ExposeReasoning;
        intent.MaxTokens = ordinary ? 1024 : p.MaxTokens;
        if (thinking && intent.MaxTokens <= intent.ThinkingBudget) intent.MaxTokens = intent.ThinkingBudget + 4096;
        intent.Temperature = thinking && intent.Api == ApiFormat.AnthropicMessages ? null : p.Temperature;
        intent.Logprobs = !ordinary && intent.Api == ApiFormat.OpenAIChatCompletions && p.LogprobsProb > 0 && srng.Chance(p.LogprobsProb);
        intent.TopLogprobs = intent.Logprobs ? 5 : 0;
        intent.N = p.N;
        intent.Language = ordinary || p.OtherLanguageProb > 0 && srng.Chance(p.OtherLanguageProb)
            ? Geo.PickLanguage(Geo.PickCountry(ref srng), ref srng)
            : p.Language;

        // Items: per session, so every turn of a conversation is about the same thing.
        intent.Item = ordinary ? -1 : p.Items switch
        {
            ItemMode.SharedPool => p.ItemStart + (long)(srng.NextUInt64() % (ulong)Math.Max(1, p.ItemCount)),
            ItemMode.Sequential when ev.Turn == 1 || !p.Conversational => p.ItemStart + (p.ItemCursor++ % Math.Max(1, p.ItemCount == 1 ? long.MaxValue : p.ItemCount)),
            ItemMode.Sequential => p.ItemStart + Math.Max(0, p.ItemCursor - 1) % Math.Max(1, p.ItemCount == 1 ? long.MaxValue : p.ItemCount),
            _ => -1,
        };

        // Models: a release is adopted on each account's own schedule.
        var models = _world.Scenario.Models;
        var release = _world.Scenario.Release;
        string model = models.Count > 1 && trng.Chance(p.MiniShare) ? models[1 + trng.Next(models.Count - 1)] : models[0];
        if (release is not null && day >= release.Day)
        {
            double ramp = Math.Clamp((day - p.AdoptDay) / 0.5, 0, 1); // campaigns: half their traffic within a day
            if (day >= p.AdoptDay && trng.Chance(p.NewModelShare * (p.CampaignIndex >= 0 ? ramp : 1))) model = release.Model;
        }
        intent.Model = model;

        // Reasoning artifacts.
        intent.ReplayedArtifact = null;
        intent.IssuedArtifact = null;
        if (!ordinary && p.Replay == ReplayRole.Replayer && p.Pool is { Count: > 0 } pool && trng.Chance(0.85))
        {
            intent.Kind = ContentKind.ReasoningReplay;
            intent.ReplayedArtifact = pool.PickRecent(ref trng);
        }
        bool failed = trng.Chance(p.FailureRate);
        if (!failed && thinking && (intent.Api == ApiFormat.AnthropicMessages || intent.Api == ApiFormat.OpenAIResponses && p.IssueEncrypted))
        {
            intent.IssuedArtifact = Artifacts.Make(intent.Api, ref trng);
            if (p.Replay != ReplayRole.None && intent.ReplayedArtifact is null) p.Pool?.Add(intent.IssuedArtifact);
        }
        intent.Failed = failed;
        intent.CreatedUnixSeconds = d.TsMs / 1000 + (failed ? 0 : 1);
        d.Status = failed ? (trng.Chance(0.6) ? 429 : trng.Chance(0.7) ? 500 : 529) : 200;
        intent.ContentSeed = SimRandom.Mix(_world.Seed ^ SimRandom.Mix(p.Seed + (ulong)ev.Session * 0x9E37 + (ulong)ev.Turn));
        d.MsPerToken = model.EndsWith("mini", StringComparison.Ordinal) ? 8 : 18 + trng.NextDouble() * 10;
        d.BaseLatencyMs = failed ? 20 + trng.Next(300) : 250 + trng.Next(900);
    }
}
