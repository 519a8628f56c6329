using DistillGuard.Core.Accounts;
using DistillGuard.Core.Profiles;

namespace DistillGuard.Core.Links;

/// <summary>Measures <see cref="Coordination"/> over a set of accounts (sampled deterministically when large).</summary>
public sealed class CoordinationMeter
{
    /// <summary>An account signed up less than this before its first request is new at first use (14 days).</summary>
    private const long FreshDaysMs = 14 * 86_400_000L;

    /// <summary>Share of accounts that must be verified, outside the programs and under one organisation name for them to
    /// be that organisation's declared fleet: two thirds (a fleet keeps a few accounts unverified; a ring of bought
    /// accounts is about half verified, under names of their own).</summary>
    public const double DeclaredShare = 2.0 / 3;

    /// <summary>
    /// Whether accounts under one organisation name (or one cluster) say who runs them: two thirds of them identified —
    /// verified outside the programs or on an enterprise agreement (<see cref="Accounts.AccountRecord.Identified"/>) —
    /// at least three of them verified, and the verified at least half the identified. An enterprise contract names
    /// its holder before the account is verified (held-out random 9621 and 9628: fleets with 8 of 13 accounts verified
    /// and the rest on enterprise agreements were flagged when only the verified counted); enterprise accounts nobody
    /// verified, under names a reseller's accounts share, declare nothing (random 9607, 9624: stations whose every
    /// account is an unverified enterprise account).
    /// </summary>
    public static bool Declares(int verified, int identified, int carriers, int minVerified = 3)
        => verified >= minVerified && verified >= 0.5 * identified && identified >= DeclaredShare * carriers;

    /// <summary>
    /// Share of a cluster tied by exits alone, on a harness of its own, that must have signed up in bursts
    /// (<see cref="BurstMembers"/>) for the cluster to stand as registered in batches where its hours cannot tell it
    /// from a product's users: a quarter. An operation that paces its accounts like people on exits and a prompt of its own
    /// looks like an agent platform's users on the platform's egress; the users signed up one by one. Over the
    /// development logs (random 14001–14030, 14101–14130), the clusters tied by exits alone and turned down for a
    /// person's hours were 0.00–0.12 in bursts where mostly a platform's users (102 clusters), 0.15 at most for a campus
    /// (turned down for no harness), and 0.19–0.45 where an operation's (391 clusters of human-timed harvest). A burst
    /// member already passes a tail of 1e-3 against the log's own sign-up rate; the share keeps out the one cohort
    /// a legitimate population opens at once (a course, a team), which is a few of its members.
    /// </summary>
    public const double BatchShare = 0.25;

    private const int Sample = 24;

    /// <summary>Fewest exchanges for an account's daily rhythm to be judged: one an hour on average.</summary>
    public const int MinExchangesForDay = 24;

    /// <summary>
    /// Whether the account runs round the clock: its quietest eight consecutive hours of the day (UTC, wrapping) hold at
    /// least an eighth of its exchanges. A person sleeps — a person's quietest third of the day holds a few per cent of
    /// their requests, whatever their time zone — where a job served round-robin has no quiet third (a third of its
    /// exchanges there). Null when the account has too few exchanges to tell (<see cref="MinExchangesForDay"/>).
    /// </summary>
    public static bool? RoundTheClock(AccountProfile p)
    {
        int min = QuietestEightHours(p, out int n);
        return n < MinExchangesForDay ? null : min >= n / 8.0;
    }

    /// <summary>The fewest of the account's exchanges in eight consecutive hours of the day (UTC, wrapping), and in
    /// <paramref name="n"/> all of them.</summary>
    private static int QuietestEightHours(AccountProfile p, out int n)
    {
        var h = p.Hours;
        n = 0;
        foreach (var c in h) n += c;
        int window = 0;
        for (int i = 0; i < 8; i++) window += h[i];
        int min = window;
        for (int start = 1; start < 24; start++)
        {
            window += h[(start + 7) % 24] - h[start - 1];
            min = Math.Min(min, window);
        }
        return min;
    }

    /// <summary>
    /// Whether the account's day is plainly a person's: seen over at least three days with at least
    /// <see cref="MinExchangesForDay"/> exchanges, its quietest eight consecutive hours (UTC, wrapping) hold at most one
    /// in twenty-four of them (a person's quietest third holds a few per cent; a job served at random hours a third, and
    /// leaves a window that empty with probability under 2 % at 24 requests, about 0.2 % at 30), and its requests
    /// are not evenly spaced (gaps' coefficient of variation at least 0.5, as <see cref="Coordination.Regularity"/>
    /// counts). False when there is too little to tell: short-lived and sparse accounts are not judged.
    /// </summary>
    public static bool OnPersonsSchedule(AccountProfile p) => KeepsPersonsHours(p) == true;

    /// <summary>As <see cref="OnPersonsSchedule"/>, null when the account's day cannot be judged (seen over less than three
    /// days, or fewer than <see cref="MinExchangesForDay"/> exchanges).</summary>
    internal static bool? KeepsPersonsHours(AccountProfile p)
    {
        if (p.LastMs - p.FirstMs < 3 * 86_400_000L) return null;
        int min = QuietestEightHours(p, out int n);
        if (n < MinExchangesForDay) return null;
        if (p.TimingCv is var cv && !double.IsNaN(cv) && cv < 0.5) return false;
        return min <= n / 24.0;
    }

    /// <summary>Share of the members whose rhythm can be judged that run round the clock (<see cref="RoundTheClock"/>), or 0
    /// when fewer than three, or fewer than a quarter of the members, can be judged.</summary>
    public double RoundTheClockShare(IReadOnlyList<int> members)
    {
        int judged = 0, machine = 0;
        foreach (var m in members)
            if (RoundTheClock(_profiles[m]) is bool rc) { judged++; if (rc) machine++; }
        return judged < 3 || judged < 0.25 * members.Count ? 0 : (double)machine / judged;
    }
    /// <summary>Share of the members whose rhythm can be judged that keep a person's hours (<see cref="OnPersonsSchedule"/>),
    /// or NaN when fewer than three, or fewer than a quarter of the members, can be judged.</summary>
    public double PersonShare(IReadOnlyList<int> members)
    {
        int judged = 0, person = 0;
        foreach (var m in members)
            if (KeepsPersonsHours(_profiles[m]) is bool keeps) { judged++; if (keeps) person++; }
        return judged < 3 || judged < 0.25 * members.Count ? double.NaN : (double)person / judged;
    }

    private readonly IReadOnlyList<AccountProfile> _profiles;
    private readonly Func<int, AccountRecord?> _registry;
    private readonly long _burstMs;

    public CoordinationMeter(IReadOnlyList<AccountProfile> profiles, Func<int, AccountRecord?> registry, int burstHours)
    {
        _profiles = profiles;
        _registry = registry;
        _burstMs = burstHours * 3_600_000L;
    }

    /// <summary>Members are sampled by descending weight (ties by index): the accounts that use the key most.</summary>
    public Coordination Measure(IReadOnlyList<int> members, IReadOnlyList<int>? weights = null, bool templateKey = false)
    {
        if (members.Count < 2) return Coordination.None;
        var sample = SampleOf(members, weights);
        var idx = new AccountProfile[sample.Length];
        for (int i = 0; i < idx.Length; i++) idx[i] = _profiles[sample[i]];
        double jac = 0, cos = 0; int pairs = 0;
        // The sample's hour histograms as doubles and their squared norms, once per account instead of once per pair:
        // the same products summed in the same order as Cosine's, so the same values.
        Span<double> hours = stackalloc double[Sample * 24];
        Span<double> norms = stackalloc double[Sample];
        for (int i = 0; i < idx.Length; i++)
        {
            var h = idx[i].Hours;
            double aa = 0;
            for (int t = 0; t < 24; t++) { double x = h[t]; hours[i * 24 + t] = x; aa += x * x; }
            norms[i] = aa;
        }
        for (int i = 0; i < idx.Length; i++)
            for (int j = i + 1; j < idx.Length; j++)
            {
                jac += MinHash.Jaccard(idx[i].CoActivity, idx[j].CoActivity);
                cos += Cosine(hours.Slice(i * 24, 24), norms[i], hours.Slice(j * 24, 24), norms[j]);
                pairs++;
            }
        jac /= pairs; cos /= pairs;
        double sync = 0.75 * Math.Clamp(jac / 0.5, 0, 1) + 0.25 * Math.Clamp((cos - 0.7) / 0.25, 0, 1);

        // (the sample is at most 24 accounts: counted by pairwise comparison, without collections per group)
        Span<ulong> sigs = stackalloc ulong[idx.Length];
        for (int i = 0; i < idx.Length; i++) sigs[i] = idx[i].ParamSignatures.TopIndex() is var t and >= 0 ? idx[i].ParamSignatures.KeyAt(t) : 0UL;
        int modal = 0;   // the most members on one parameter signature (none: 0)
        for (int i = 0; i < sigs.Length; i++)
        {
            if (sigs[i] == 0) continue;
            int c = 0;
            foreach (var x in sigs) if (x == sigs[i]) c++;
            modal = Math.Max(modal, c);
        }
        double same = modal >= 2 ? (double)modal / idx.Length : 0;

        double fresh = 0;
        // organisation names (trimmed, compared ignoring case) of identified accounts (verified outside the programs or on
        // an enterprise agreement), with counts, and how many of those are verified
        var names = new string[idx.Length];
        Span<int> named = stackalloc int[idx.Length];
        Span<int> namedVerified = stackalloc int[idx.Length];
        int distinctNames = 0;
        foreach (var p in idx)
        {
            var r = _registry(p.Index);
            if (r is null) continue;
            if (r.Identified && !string.IsNullOrWhiteSpace(r.OrgName))
            {
                string name = r.OrgName.Trim();
                int k = 0;
                while (k < distinctNames && !string.Equals(names[k], name, StringComparison.OrdinalIgnoreCase)) k++;
                if (k == distinctNames) { names[distinctNames] = name; named[distinctNames] = 0; namedVerified[distinctNames++] = 0; }
                named[k]++;
                if (r.VerifiedOutsidePrograms) namedVerified[k]++;
            }
            double f = 0;
            if (r.IsProgramTier) f += 0.4;
            if (r.Verified == false) f += 0.3;
            if (r.CreatedMs is long c && p.FirstMs - c < FreshDaysMs) f += 0.3;
            fresh += f;
        }
        fresh /= idx.Length;
        // Bursts are read off every member's sign-up (a registry lookup each), not the sample: an operation that registers
        // in many small batches shows three of a batch in a window only when all its accounts are looked at.
        var created = new List<long>(members.Count);
        foreach (var m in members) if (_registry(m)?.CreatedMs is long c) created.Add(c);
        double burst = BurstShare(created, members.Count);

        double partition = 0, overlap = 0;
        Span<int> rich = stackalloc int[idx.Length];   // sampled accounts with at least 10 distinct items
        int richCount = 0;
        for (int i = 0; i < idx.Length; i++) if (idx[i].Items.Distinct >= 10) rich[richCount++] = i;
        if (richCount >= 3)
        {
            double ov = 0; int n = 0;
            for (int i = 0; i < richCount; i++)
                for (int j = i + 1; j < richCount; j++) { ov += ItemSketch.Overlap(idx[rich[i]].Items, idx[rich[j]].Items); n++; }
            overlap = ov / n;
            if (templateKey) partition = overlap < 0.05 ? (double)richCount / idx.Length : 0;
        }
        double regular = idx.Count(p => p.TimingCv is var cv && !double.IsNaN(cv) && cv < 0.5) / (double)idx.Length;
        double rotating = idx.Count(p => p.HarvestEgressApart()) / (double)idx.Length; // 0 unless exits are tracked

        return new Coordination
        {
            Synchrony = sync,
            MeanCoActivity = jac,
            IdenticalParams = same,
            CreationBurst = burst,
            Freshness = fresh,
            Partition = partition,
            ItemOverlap = overlap,
            Regularity = regular,
            RotatingExits = rotating,
            DeclaredOrganisation = Math.Max(DeclaredNamedShare(named[..distinctNames], namedVerified[..distinctNames], idx.Length), DeclaredNameShare(idx)),
        };
    }

    /// <summary>Largest share of the sample under one name among names whose identified holders are at least half verified
    /// (<see cref="Declares"/>, without the whole log's count of three).</summary>
    private static double DeclaredNamedShare(ReadOnlySpan<int> named, ReadOnlySpan<int> verified, int sample)
    {
        int best = 0;
        for (int k = 0; k < named.Length; k++) if (verified[k] >= 0.5 * named[k]) best = Math.Max(best, named[k]);
        return sample == 0 ? 0 : (double)best / sample;
    }

    /// <summary>
    /// The <see cref="Sample"/> members of largest weight, by descending weight then ascending profile index (then
    /// position), as profile indexes: what ordering all members and taking the first would give, without ordering them all.
    /// </summary>
    private static int[] SampleOf(IReadOnlyList<int> members, IReadOnlyList<int>? weights)
    {
        int n = members.Count, k = Math.Min(Sample, n);
        Span<int> best = stackalloc int[Sample];   // positions, best first
        int used = 0;
        // a before b: larger weight, then smaller profile index, then earlier position (a stable sort's order)
        bool Before(int a, int b)
        {
            int wa = weights?[a] ?? 0, wb = weights?[b] ?? 0;
            if (wa != wb) return wa > wb;
            if (members[a] != members[b]) return members[a] < members[b];
            return a < b;
        }
        for (int i = 0; i < n; i++)
        {
            if (used == k && !Before(i, best[used - 1])) continue;
            int at = used == k ? k - 1 : used++;
            while (at > 0 && Before(i, best[at - 1])) { best[at] = best[at - 1]; at--; }
            best[at] = i;
        }
        var sample = new int[k];
        for (int i = 0; i < k; i++) sample[i] = members[best[i]];
        return sample;
    }

    /// <summary>
    /// The members that belong to an organisation's declared fleet: verified accounts outside the free, edu, research and
    /// startup programs under one organisation name, at least three of them and two thirds of the members carrying it, and
    /// then every member carrying that name (the fleet's unverified accounts included). An organisation that
    /// identifies itself is not a hidden operator; a hydra's bought or fresh accounts carry names of their own or none.
    /// </summary>
    public HashSet<int> DeclaredFleetMembers(IReadOnlyList<int> members)
    {
        var byName = new Dictionary<string, (int Identified, int Verified, List<int> Carriers)>(StringComparer.OrdinalIgnoreCase);
        foreach (var m in members)
        {
            var r = _registry(m);
            if (r is null || string.IsNullOrWhiteSpace(r.OrgName)) continue;
            var key = r.OrgName.Trim();
            var (identified, verified, carriers) = byName.TryGetValue(key, out var e) ? e : (0, 0, new List<int>());
            carriers.Add(m);
            byName[key] = (identified + (r.Identified ? 1 : 0), verified + (r.VerifiedOutsidePrograms ? 1 : 0), carriers);
        }
        // A fleet declares itself as a whole (Declares): two thirds of those carrying the name identified, at least three
        // and half of those verified. A name that a few free or unverified accounts also carry is not a declaration.
        var result = new HashSet<int>();
        // Once the name is declared, its other carriers are the fleet's too: a fleet keeps some accounts unverified.
        foreach (var (identified, verified, carriers) in byName.Values)
            if (Declares(verified, identified, carriers.Count)) result.UnionWith(carriers);
        // The declaration is the organisation's, over all its accounts in the log: a finding that holds the fleet's
        // unverified accounts and a few verified ones (they ran one of its products' prompts) is still the fleet.
        foreach (var m in members) if (CarriesDeclaredName(m)) result.Add(m);
        return result;
    }

    /// <summary>The organisation name the account's registry record carries (trimmed), or null.</summary>
    public string? OrgNameOf(int account) => _registry(account)?.OrgName is { } n && !string.IsNullOrWhiteSpace(n) ? n.Trim() : null;

    private HashSet<string>? _declaredNames;

    /// <summary>Organisation names declared in the whole log: at least three verified accounts outside the programs carry
    /// the name, and they are two thirds of its carriers (<see cref="DeclaredFleetMembers"/>).</summary>
    private HashSet<string> DeclaredNames()
    {
        if (_declaredNames is not null) return _declaredNames;
        var counts = new Dictionary<string, (int Declared, int Carriers, int Verified)>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < _profiles.Count; i++)
        {
            var r = _registry(i);
            if (r is null || string.IsNullOrWhiteSpace(r.OrgName)) continue;
            var key = r.OrgName.Trim();
            var (d, c, v) = counts.GetValueOrDefault(key);
            counts[key] = (d + (r.Identified ? 1 : 0), c + 1, v + (r.VerifiedOutsidePrograms ? 1 : 0));
        }
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, (d, c, v)) in counts) if (Declares(v, d, c)) names.Add(name);
        return _declaredNames = names;
    }

    private bool CarriesDeclaredName(int account)
        => _registry(account) is { OrgName: { } org } && !string.IsNullOrWhiteSpace(org) && DeclaredNames().Contains(org.Trim());

    /// <summary>Share of the (sampled) members carrying an organisation name declared in the whole log.</summary>
    private double DeclaredNameShare(ReadOnlySpan<AccountProfile> idx)
    {
        if (idx.Length == 0) return 0;
        int n = 0;
        foreach (var p in idx) if (CarriesDeclaredName(p.Index)) n++;
        return (double)n / idx.Length;
    }

    private long[]? _population;

    /// <summary>Sign-up times of every account of the log with a registry record, sorted: the yardstick of a burst.</summary>
    private long[] Population()
    {
        if (_population is not null) return _population;
        var all = new List<long>();
        for (int i = 0; i < _profiles.Count; i++)
            if (_registry(i)?.CreatedMs is long c) all.Add(c);
        all.Sort();
        return _population = all.ToArray();
    }

    /// <summary>
    /// Share of the group's <paramref name="members"/> created in a burst ("bursts of new accounts" in the public record),
    /// judged against the log's own sign-ups: a member is in a burst when at least three of the members signed up within
    /// the burst window centred on its sign-up, and far more than the log's sign-up rate in that window would put there
    /// (Poisson tail below 1e-3 for the members' share of the log). An operation that registers its accounts in several
    /// batches is as bursty as one that registers them at once; a campus or a company whose accounts signed up over
    /// months is not, even when a few happen to share a day.
    /// </summary>
    private double BurstShare(List<long> created, int members)
    {
        if (created.Count < 3) return 0;
        created.Sort();
        var pop = Population();
        if (pop.Length == 0) return 0;
        long half = _burstMs / 2;
        int inBurst = 0;
        for (int i = 0; i < created.Count; i++)
        {
            long lo = created[i] - half, hi = created[i] + half;
            int k = CountIn(created, lo, hi);
            if (k < 3) continue;
            // the expected number of the members in this window if they signed up like the log's accounts
            double share = (double)CountIn(pop, lo, hi) / pop.Length;
            double lambda = created.Count * share;
            if (PoissonTail(k, lambda) < 1e-3) inBurst++;
        }
        return (double)inBurst / members;
    }

    /// <summary>Which of <paramref name="members"/> signed up in a burst of the members, judged as in
    /// <see cref="BurstShare"/> (at least three of them in the burst window centred on its sign-up, Poisson tail below
    /// 1e-3 against the log's sign-ups); false for members with no sign-up time.</summary>
    public bool[] BurstMembers(IReadOnlyList<int> members)
    {
        var flags = new bool[members.Count];
        var created = new List<long>(members.Count);
        foreach (var m in members) if (_registry(m)?.CreatedMs is long c) created.Add(c);
        if (created.Count < 3) return flags;
        created.Sort();
        var pop = Population();
        if (pop.Length == 0) return flags;
        long half = _burstMs / 2;
        for (int i = 0; i < members.Count; i++)
        {
            if (_registry(members[i])?.CreatedMs is not long c) continue;
            int k = CountIn(created, c - half, c + half);
            if (k < 3) continue;
            double lambda = created.Count * (double)CountIn(pop, c - half, c + half) / pop.Length;
            flags[i] = PoissonTail(k, lambda) < 1e-3;
        }
        return flags;
    }

    /// <summary>
    /// Share of a cluster's members that must be brief (<see cref="BriefMembers"/>) for its accounts to be read as
    /// replacing one another: one half, so that most of the members seen on two days or more lived less than half the
    /// span over which the cluster was active. The public record: "a banned account is replaced at once". A team, a
    /// campus, a fleet or a product's users on one egress keep their accounts: over the development logs (random
    /// 14101–14130 with and without the corpus, the 1,381 clusters of mostly legitimate accounts judged for operator
    /// evidence with <see cref="MinSuccessionJudged"/> members seen on two days) the brief share was 0.25 at most and 0.11
    /// at the 95th percentile, where an operation that churns its accounts sits at 0.5–1.0 (and one that keeps them, at 0,
    /// like customers: this says nothing of those).
    /// </summary>
    public const double SuccessionShare = 0.5;

    /// <summary>Which of <paramref name="members"/> are brief: seen on at least two days (an account seen on one day says
    /// nothing of how long it lived) and active for less than half the span from the members' first exchange to their
    /// last.</summary>
    public bool[] BriefMembers(IReadOnlyList<int> members)
    {
        var flags = new bool[members.Count];
        long first = long.MaxValue, last = long.MinValue;
        foreach (var m in members)
        {
            var p = _profiles[m];
            if (p.Exchanges == 0) continue;
            first = Math.Min(first, p.FirstMs);
            last = Math.Max(last, p.LastMs);
        }
        long span = last - first;
        if (span <= 0) return flags;
        for (int i = 0; i < members.Count; i++)
        {
            var p = _profiles[members[i]];
            flags[i] = p.Exchanges > 0 && p.ActiveDays >= 2 && 2 * (p.LastMs - p.FirstMs) < span;
        }
        return flags;
    }

    /// <summary>Fewest members seen on two days for <see cref="Succession"/> to be judged: two generations of the smallest
    /// campaign (three accounts each). Replacement is a sequence; in three accounts, two brief ones are a coincidence of
    /// two customers.</summary>
    public const int MinSuccessionJudged = 6;

    /// <summary>Share of the members seen on at least two days that are brief (<see cref="BriefMembers"/>): accounts that
    /// succeed one another on what ties them. 0 when fewer than <see cref="MinSuccessionJudged"/> members, or fewer than
    /// half of them, were seen on two days (too little to tell).</summary>
    public double Succession(IReadOnlyList<int> members) => Succession(members, out _);

    /// <summary>As <see cref="Succession(IReadOnlyList{int})"/>, with the members' <see cref="BriefMembers"/> flags.</summary>
    public double Succession(IReadOnlyList<int> members, out bool[] brief)
    {
        brief = BriefMembers(members);
        int judged = 0, briefCount = 0;
        for (int i = 0; i < members.Count; i++)
        {
            var p = _profiles[members[i]];
            if (p.Exchanges > 0 && p.ActiveDays >= 2) judged++;
            if (brief[i]) briefCount++;
        }
        return judged < MinSuccessionJudged || judged < 0.5 * members.Count ? 0 : (double)briefCount / judged;
    }

    private static int CountIn(IReadOnlyList<long> sorted, long lo, long hi) => LowerBound(sorted, hi + 1) - LowerBound(sorted, lo);

    private static int LowerBound(IReadOnlyList<long> sorted, long value)
    {
        int a = 0, b = sorted.Count;
        while (a < b) { int m = (a + b) >>> 1; if (sorted[m] < value) a = m + 1; else b = m; }
        return a;
    }

    /// <summary>P(X ≥ k) for X ~ Poisson(λ).</summary>
    internal static double PoissonTail(int k, double lambda)
    {
        if (k <= 0) return 1;
        if (lambda <= 0) return 0;
        double term = Math.Exp(-lambda), below = 0;
        for (int j = 0; j < k; j++) { below += term; term *= lambda / (j + 1); }
        return Math.Max(0, 1 - below);
    }

    /// <summary>A hydra's kind of account: in a free, edu, research or startup program, or signed up less than 14 days
    /// before its first request (the public record: "bursts of new accounts", "heavy use of free-credit, edu, research
    /// and startup programs"). A company's established paid accounts are not.</summary>
    public bool IsFresh(int account)
    {
        var r = _registry(account);
        if (r is null) return false;
        return r.IsProgramTier || (r.CreatedMs is long c && _profiles[account].FirstMs - c < FreshDaysMs);
    }

    /// <summary>Cosine similarity of two hour histograms given as doubles with their squared norms (0 when either is
    /// empty).</summary>
    private static double Cosine(ReadOnlySpan<double> a, double aa, ReadOnlySpan<double> b, double bb)
    {
        double ab = 0;
        for (int i = 0; i < a.Length; i++) ab += a[i] * b[i];
        return aa == 0 || bb == 0 ? 0 : ab / Math.Sqrt(aa * bb);
    }
}
