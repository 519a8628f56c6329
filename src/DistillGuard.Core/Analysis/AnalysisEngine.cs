using System.Diagnostics;
using DistillGuard.Core.Accounts;
using DistillGuard.Core.Campaigns;
using DistillGuard.Core.Links;
using DistillGuard.Core.Model;
using DistillGuard.Core.Profiles;
using DistillGuard.Core.Scoring;
using DistillGuard.Core.Signals;
using DistillGuard.Core.Verdicts;

namespace DistillGuard.Core.Analysis;

/// <summary>
/// The detector's account stages. Feed every exchange to <see cref="Add"/> (one thread, streaming, any order though
/// file order is usual), then call <see cref="Complete"/> once: profiles → links → campaigns → verdicts. A streaming
/// caller instead calls <see cref="Snapshot"/> as often as it likes between exchanges: the same stages over the live
/// profiles, without changing them, so a later snapshot over the same exchanges gives the same result.
/// Memory is bounded per account (profiles) plus a bounded, hash-sampled map of issued reasoning artifacts.
/// </summary>
public sealed class AnalysisEngine
{
    private readonly DetectorOptions _opt;
    private readonly ProfileContext _ctx;
    private readonly Dictionary<string, AccountProfile> _byAccount = new(StringComparer.Ordinal);
    private readonly List<AccountProfile> _profiles = new();
    private readonly Dictionary<ulong, int> _issuer = new();
    private readonly Dictionary<ulong, ReplayEdge> _replays = new();
    private readonly BudgetPopulation _budgets;
    private readonly EchoPopulation _echoes;
    private readonly KeyGroupPool _keyGroups = new();
    private readonly VerdictCache _verdictCache = new();
    private readonly AccountKeyGraph.ListPool _graphLists = new();
    private int _artifactShift;
    private long _exchanges;
    private bool _completed;

    public AnalysisEngine(DetectorOptions? options = null)
    {
        _opt = (options ?? DetectorOptions.Default).EnsureValid();
        _budgets = new BudgetPopulation(off: _opt.Disabled("budgets"));
        _echoes = new EchoPopulation(off: _opt.Disabled("echo"));
        _ctx = new ProfileContext(_opt.CoActivityBucketMinutes * 60_000L, _opt.TemplateHammingDistance) { TrackParaphrase = _opt.ParaphraseLinks };
    }

    public DetectorOptions Options => _opt;
    public long Exchanges => _exchanges;
    public int Accounts => _profiles.Count;

    public void Add(ExchangeFeatures f)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (_completed) throw new InvalidOperationException("Complete() was already called");
        if (string.IsNullOrEmpty(f.Account)) throw new ArgumentException("exchange has no account", nameof(f));
        if (!_byAccount.TryGetValue(f.Account, out var p))
        {
            p = new AccountProfile(_profiles.Count, f.Account);
            _byAccount.Add(f.Account, p);
            _profiles.Add(p);
        }
        _budgets.Judge(f, p.Exchanges);
        _echoes.Judge(f, p.Index, p.Exchanges);
        p.Add(f, _ctx);
        _exchanges++;

        foreach (var a in f.IssuedArtifacts)
        {
            if (!Sampled(a)) continue;
            _issuer.TryAdd(a, p.Index);
            if (_issuer.Count > _opt.MaxTrackedArtifacts) Resample();
        }
        foreach (var a in f.PresentedArtifacts)
        {
            if (!Sampled(a)) continue;
            if (_issuer.TryGetValue(a, out var issuer)) Replay(issuer, p.Index, f.Id);
            else p.AddPendingArtifact(a);
        }
    }

    private bool Sampled(ulong artifact) => _artifactShift == 0 || (Hashing.Mix(artifact) & ((1UL << _artifactShift) - 1)) == 0;

    private void Resample()
    {
        _artifactShift++;
        foreach (var k in _issuer.Keys.Where(k => !Sampled(k)).ToList()) _issuer.Remove(k);
    }

    private void Replay(int issuer, int presenter, string exchangeId) => Replay(_replays, issuer, presenter, exchangeId);

    private void Replay(Dictionary<ulong, ReplayEdge> replays, int issuer, int presenter, string exchangeId)
    {
        if (issuer == presenter) return;   // an account carrying its own reasoning forward is ordinary multi-turn use
        ulong key = ((ulong)(uint)issuer << 32) | (uint)presenter;
        if (!replays.TryGetValue(key, out var e))
        {
            e = new ReplayEdge { Issuer = issuer, Presenter = presenter };
            replays.Add(key, e);
        }
        e.Count++;
        if (e.ExampleHandle == 0 && exchangeId.Length > 0) e.ExampleHandle = _ctx.Examples.Add(exchangeId);
    }

    /// <summary>The batch ending: the result over every exchange added; no exchange can be added afterwards.</summary>
    public AnalysisResult Complete(AnalysisInputs? inputs = null)
    {
        if (_completed) throw new InvalidOperationException("Complete() was already called");
        var result = Assemble(inputs, pooled: false);
        _completed = true;
        return result;
    }

    /// <summary>The result over the exchanges added so far. Reads the profiles and never changes them: exchanges can be
    /// added afterwards and a later snapshot includes them. Runs on the thread that calls <see cref="Add"/>. The key
    /// groups a snapshot was built on are reused by the next one (<see cref="KeyGroupPool"/>): its
    /// <see cref="AnalysisResult.KeyGroups"/> and <see cref="AnalysisResult.Findings"/> are valid until the next
    /// snapshot; its verdicts and campaigns do not refer to them. The account–key graph's lists are reused the same way
    /// (<see cref="AccountKeyGraph.ListPool"/>), and verdicts, reasons and example ids of accounts that did not change
    /// are taken back from the previous snapshot (<see cref="VerdictCache"/>): two snapshots' results may share those
    /// objects, which nobody changes.</summary>
    public AnalysisResult Snapshot(AnalysisInputs? inputs = null)
    {
        if (_completed) throw new InvalidOperationException("Complete() was already called");
        return Assemble(inputs, pooled: true);
    }

    private AnalysisResult Assemble(AnalysisInputs? inputs, bool pooled)
    {
        inputs ??= AnalysisInputs.None;
        if (pooled) _keyGroups.Begin();
        var sw = Stopwatch.StartNew();

        // Artifacts presented before their issuer appeared resolve now, into a copy: the live edges stay as Add left them.
        var replays = new Dictionary<ulong, ReplayEdge>(_replays.Count);
        foreach (var (k, e) in _replays) replays.Add(k, new ReplayEdge { Issuer = e.Issuer, Presenter = e.Presenter, Count = e.Count, ExampleHandle = e.ExampleHandle });
        foreach (var p in _profiles)
            foreach (var a in p.PendingArtifacts)
                if (Sampled(a) && _issuer.TryGetValue(a, out var issuer)) Replay(replays, issuer, p.Index, "");

        var records = _profiles.Select(p => inputs.Registry.Find(p.Account)).ToArray();
        var allow = _profiles.Select(p => inputs.Allowlist.Contains(p.Account)).ToArray();
        // Harvest evidence: what the content asks (signals), or, whatever the wording, budgets at the log's ceiling.
        var extraction = ExtractionEvidence.Measure(_profiles);
        var harvest = _profiles.Select(p => Math.Max(HarvestStrength.Of(p), extraction.Of(p.Index))).ToArray();
        var linkInputs = new LinkGraphInputs
        {
            Profiles = _profiles, Context = _ctx, Records = records, Allowlisted = allow, Harvest = harvest,
            Replays = replays.Values.ToList(), IpIntel = inputs.IpIntel, Options = _opt, KeyGroupPool = pooled ? _keyGroups : null,
        };
        var builder = new KeyGroupBuilder(linkInputs);
        var groups = builder.Build();
        var linkTime = sw.Elapsed;
        var graph = new AccountKeyGraph(groups, builder, _opt.MinKeyWeight, pooled ? _graphLists : null);
        var meter = new CoordinationMeter(_profiles, i => records[i], _opt.CreationBurstHours);
        var findings = new CampaignAssembler(graph, builder, meter, extraction, _opt).Assemble();
        var campaigns = CampaignReporter.Publish(findings, _profiles, _ctx);
        var clusterTime = sw.Elapsed - linkTime;

        var memberOf = new Dictionary<int, CampaignFinding>();
        var rejectedOf = new Dictionary<int, CampaignFinding>();
        foreach (var f in findings)
            foreach (var m in f.Members)
                (f.Accepted ? memberOf : rejectedOf).TryAdd(m, f);
        var scorer = new AccountScorer(_profiles, _ctx, harvest, extraction, builder, _opt, pooled ? _verdictCache : null);
        var verdicts = _profiles
            .Select(p => scorer.Score(p, memberOf.GetValueOrDefault(p.Index), rejectedOf.GetValueOrDefault(p.Index), allow[p.Index]))
            .OrderBy(v => v.Account, StringComparer.Ordinal)
            .ToList();

        // campaigns.json lists the members whose verdict is `campaign`; weak members (watch) stay out of it.
        var byCampaign = verdicts.Where(v => v.Campaign is not null).GroupBy(v => v.Campaign!).ToDictionary(g => g.Key, g => g.Select(v => v.Account).ToList());
        campaigns = campaigns.Select(c => c with { Accounts = byCampaign.GetValueOrDefault(c.Id) ?? new List<string>() }).ToList();

        sw.Stop();
        return new AnalysisResult
        {
            Verdicts = verdicts,
            Campaigns = campaigns,
            Profiles = _profiles,
            Context = _ctx,
            Findings = findings,
            KeyGroups = groups,
            ClusterLift = Enumerable.Range(0, _profiles.Count).Select(builder.ClusterLift).ToArray(),
            OperatorEvidence = Enumerable.Range(0, _profiles.Count).Select(builder.OperatorEvidence).ToArray(),
            OperatorCandidates = builder.OperatorCandidates.ToArray(),
            Stats = new AnalysisStats
            {
                Exchanges = _exchanges,
                Accounts = _profiles.Count,
                KeyGroups = groups.Count,
                LinkedKeyGroups = graph.Keys.Count,
                Campaigns = campaigns.Count,
                CampaignAccounts = verdicts.Count(v => v.Verdict == VerdictKind.Campaign),
                WatchAccounts = verdicts.Count(v => v.Verdict == VerdictKind.Watch),
                AllowlistedAccounts = allow.Count(x => x),
                RegistryMisses = inputs.Registry.Count == 0 ? 0 : records.Count(r => r is null),
                ArtifactSamplingShift = _artifactShift,
                ProfileBytes = _profiles.Sum(p => p.ApproximateBytes),
                CompleteTime = sw.Elapsed,
                LinkTime = linkTime,
                ClusterTime = clusterTime,
                ScoreTime = sw.Elapsed - linkTime - clusterTime,
            },
        };
    }
}
