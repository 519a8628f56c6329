using DistillGuard.Core.Profiles;

namespace DistillGuard.Core.Links;

public sealed partial class KeyGroupBuilder
{
    /// <summary>Hours either side of a day's centre that still count as that day: a person's drift from day to day stays
    /// within it. A day counts as another country's only beyond twice that (<see cref="DayApartHours"/>), which most
    /// countries' mainland time zones stay inside (the United States' span three hours; a few, Russia's, span far more,
    /// and their accounts may deny their country's day: a group of them is still judged against the log).</summary>
    private const double DayHalfWidthHours = 2;

    /// <summary>A day more than this far from the day its country's accounts keep is not that country's: twice the arc.</summary>
    private const double DayApartHours = 2 * DayHalfWidthHours;

    /// <summary>Fewest accounts of one billing country whose day can be told for the log to say what day that country
    /// keeps.</summary>
    private const int MinCountryDays = 10;

    /// <summary>Rayleigh statistic n·R² an account's hours must reach for its day to be told: below 3, hours spread as
    /// evenly as a random draw's about one time in twenty.</summary>
    private const double MinDayRayleigh = 3;

    private double[]? _dayCentre;
    private Dictionary<string, double>? _countryDay;

    /// <summary>
    /// The centre of the account's day (UTC hours, the circular mean of its requests' hours), or NaN when its hours are
    /// too few or too even to tell one (<see cref="MinDayRayleigh"/>).
    /// </summary>
    internal static double DayCentre(AccountProfile p)
    {
        var h = p.Hours;
        double x = 0, y = 0; int n = 0;
        for (int i = 0; i < 24; i++)
        {
            if (h[i] == 0) continue;
            double a = 2 * Math.PI * (i + 0.5) / 24;
            x += h[i] * Math.Cos(a); y += h[i] * Math.Sin(a); n += h[i];
        }
        if (n == 0) return double.NaN;
        double r2 = (x * x + y * y) / ((double)n * n);
        if (n * r2 < MinDayRayleigh) return double.NaN;
        double c = Math.Atan2(y, x) * 24 / (2 * Math.PI);
        return c < 0 ? c + 24 : c;
    }

    internal static double HoursApart(double a, double b)
    {
        double d = Math.Abs(a - b) % 24;
        return Math.Min(d, 24 - d);
    }

    /// <summary>The centre of the arc of the day (<see cref="DayHalfWidthHours"/> either side) holding most of the centres
    /// given (candidates every half hour; the earliest of equals).</summary>
    internal static double DensestDay(IReadOnlyList<double> centres)
    {
        double best = 0; int most = -1;
        for (int k = 0; k < 48; k++)
        {
            double c = k * 0.5;
            int count = 0;
            foreach (var x in centres) if (HoursApart(x, c) <= DayHalfWidthHours) count++;
            if (count > most) { most = count; best = c; }
        }
        return best;
    }

    private void MeasureDays()
    {
        int n = _in.Profiles.Count;
        _dayCentre = new double[n];
        var byCountry = new Dictionary<string, List<double>>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < n; i++)
        {
            _dayCentre[i] = double.NaN;
            if (_in.Allowlisted[i]) continue;
            double c = DayCentre(_in.Profiles[i]);
            if (double.IsNaN(c)) continue;
            _dayCentre[i] = c;
            if (_in.Records[i]?.Country is { } country && !string.IsNullOrWhiteSpace(country))
            {
                if (!byCountry.TryGetValue(country.Trim(), out var l)) byCountry[country.Trim()] = l = new List<double>();
                l.Add(c);
            }
        }
        _countryDay = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var (country, centres) in byCountry)
            if (centres.Count >= MinCountryDays) _countryDay[country] = DensestDay(centres);
        (_judgedCount, _deniedOnArc) = Tallies(Enumerable.Range(0, n));
    }

    /// <summary>Of the accounts given, those whose day and country's day can be told, and per arc (every half hour of the
    /// day, <see cref="DayHalfWidthHours"/> either side) those of them that keep it while their country keeps another.</summary>
    private (int Judged, int[] DeniedOnArc) Tallies(IEnumerable<int> accounts)
    {
        int judged = 0;
        var onArc = new int[48];
        foreach (var i in accounts)
        {
            if (CountryDay(i) is not double r) continue;
            judged++;
            double c = _dayCentre![i];
            if (HoursApart(c, r) <= DayApartHours) continue;
            for (int k = 0; k < 48; k++) if (HoursApart(c, k * 0.5) <= DayHalfWidthHours) onArc[k]++;
        }
        return (judged, onArc);
    }

    private int _judgedCount;
    private int[]? _deniedOnArc;

    /// <summary>Accounts left out of the log's yardstick, with their <see cref="Tallies"/>.</summary>
    private sealed record Suspects(HashSet<int> Set, int Judged, int[] DeniedOnArc);

    /// <summary>The day the account's billing country keeps in this log, when the account's own day can be told.</summary>
    private double? CountryDay(int i)
        => _dayCentre is { } d && !double.IsNaN(d[i]) && _in.Records[i]?.Country is { } c && _countryDay!.TryGetValue(c.Trim(), out var r) ? r : null;

    /// <summary>
    /// Holders of one harness that keep one day which the countries they bill in do not keep: accounts whose day is more
    /// than <see cref="DayApartHours"/> from the day their billing country's accounts keep in this log, on one
    /// <see cref="DayHalfWidthHours"/>-wide arc of the day, billing in countries whose own days are themselves that far
    /// apart. A country is never evidence, and neither is an hour: people travel, work nights and bill where they once
    /// lived. An operation's bought or invented identities claim countries all over while its people keep their own day;
    /// customers on one product claim the same spread of countries and keep each their own (the public record's
    /// "billing country, IP and activity hours that disagree"). The harness must be theirs: most of its holders whose day
    /// can be told keep that day, whatever they bill in (a public one's customers keep every day of the log). Judged
    /// against the log: such holders must be at least <see cref="StrongEvidenceRatio"/> times as common among the
    /// harness's holders as among the log's other accounts on that arc (outside <paramref name="suspects"/>, when given:
    /// the yardstick pass runs without),
    /// and that many or more must be less likely than one in ten thousand by chance (over the 48 arcs tried). Null when
    /// they are not.
    /// </summary>
    private DayGroup? DeniedDay(IReadOnlyList<int> holders, int minSize, Suspects? suspects, out string measured)
    {
        measured = "";
        var judged = new List<int>();
        var denied = new List<int>();
        foreach (var m in holders)
            if (CountryDay(m) is double r)
            {
                judged.Add(m);
                if (HoursApart(_dayCentre![m], r) > DayApartHours) denied.Add(m);
            }
        if (denied.Count < minSize) return null;
        double day = DensestDay(denied.Select(m => _dayCentre![m]).ToList());
        var onDay = denied.Where(m => HoursApart(_dayCentre![m], day) <= DayHalfWidthHours).ToList();
        if (onDay.Count < minSize) return null;
        // the countries they bill in keep days that far apart themselves (not one country's night shift)
        var refs = onDay.Select(m => CountryDay(m)!.Value).Distinct().ToList();
        double spread = 0;
        for (int i = 0; i < refs.Count; i++) for (int j = i + 1; j < refs.Count; j++) spread = Math.Max(spread, HoursApart(refs[i], refs[j]));
        // the log's other accounts: how often one keeps that day while its country keeps another
        // (the log's tallies per arc, less the holders' and the suspects' own: no pass over the log per harness)
        int arc = (int)Math.Round(day * 2);
        int others = _judgedCount, othersOnDay = _deniedOnArc![arc];
        if (suspects is not null)
        {
            others -= suspects.Judged;
            othersOnDay -= suspects.DeniedOnArc[arc];
        }
        foreach (var m in judged)
        {
            if (suspects?.Set.Contains(m) == true) continue;
            others--;
            if (HoursApart(_dayCentre![m], CountryDay(m)!.Value) > DayApartHours && HoursApart(_dayCentre[m], day) <= DayHalfWidthHours) othersOnDay--;
        }
        double rate = (othersOnDay + 1.0) / (others + 2.0);
        // the harness is theirs: most of its holders whose day can be told keep that day, whatever country they bill in
        int keepIt = judged.Count(m => HoursApart(_dayCentre![m], day) <= DayHalfWidthHours);
        double share = (double)onDay.Count / judged.Count;
        double p = Math.Min(1, 48 * BinomialUpperTail(judged.Count, onDay.Count, rate));
        measured = System.FormattableString.Invariant($"days judged {judged.Count} denied {denied.Count} on-day {onDay.Count} (day {day:F1} h, countries' days {spread:F1} h apart) share {share:F3} vs log {rate:F4} p {p:G2} keep-the-day {keepIt}");
        if (spread <= DayApartHours || p > 1e-4 || 2 * keepIt < judged.Count || (suspects is not null && share < StrongEvidenceRatio * rate)) return null;
        return new DayGroup(onDay, day, spread, share, rate);
    }

    /// <summary>Holders on one day (<see cref="DeniedDay"/>): the day's centre (UTC hours), how far apart the days of the
    /// countries they bill in are, their share of the holders whose day can be told, and the log's rate of the same.</summary>
    private sealed record DayGroup(List<int> Members, double Day, double CountriesApart, double Share, double LogRate);

    /// <summary>
    /// Operator evidence from days: for every parameter vector and system prompt, the holders that keep one day which the
    /// countries they bill in do not keep (<see cref="DeniedDay"/>) are one operation's accounts, unless they declare an
    /// organisation or are established accounts (<see cref="Established"/>). Judged after the identity rules, on accounts
    /// they left: a day is the last thing that ties an operation whose accounts share no card, domain or address.
    /// </summary>
    private void MeasureDeniedDays(CoordinationMeter meter, int minSize, List<List<int>> accepted)
    {
        if (_in.Options.Disabled("behaviour")) return;
        MeasureDays();
        if (_countryDay!.Count < 2) return;   // one country (or none) keeps a day: nothing to deny
        var harnesses = new List<(KeyGroup H, List<int> Holders)>();
        foreach (var h in _ordered)
        {
            if (h.Kind is not (LinkKind.ParamSignature or LinkKind.SystemPrompt) || h.Members.Count < minSize) continue;
            var holders = h.Members.Where(m => !_in.Allowlisted[m]).ToList();
            if (holders.Count >= minSize) harnesses.Add((h, holders));
        }
        // the yardstick: accounts in no group whose day is denied beyond chance (the first pass, against the whole log) —
        // an operation spread over several vectors is on its own day in all of them
        var set = new HashSet<int>();
        foreach (var (_, holders) in harnesses)
            if (DeniedDay(holders, minSize, null, out _) is { } first) set.UnionWith(first.Members);
        var (suspectJudged, suspectOnArc) = Tallies(set);
        var suspects = new Suspects(set, suspectJudged, suspectOnArc);
        // groups on several of one operation's vectors are one operation: a group that shares accounts with one taken
        // before, on the same day, joins it
        var taken = new List<(double Day, HashSet<int> All, List<int> Accepted)>();
        foreach (var (h, holders) in harnesses)
        {
            if (DeniedDay(holders, minSize, suspects, out var measured) is not { } g) continue;
            var list = g.Members;
            string what = h.Kind == LinkKind.SystemPrompt ? DistillGuard.Core.Profiles.HarnessValue.What(h.Key) : "parameter vector";
            string source = $"days of the holders of {(h.Kind == LinkKind.SystemPrompt ? "" : "parameter vector ")}{h.Value}";
            var c = meter.Measure(list);
            measured += System.FormattableString.Invariant($" burst {c.CreationBurst:F2} declared {c.DeclaredOrganisation:F2}");
            if (c.DeclaredOrganisation >= CoordinationMeter.DeclaredShare) { Candidate(source, list, measured, "declared organisation"); continue; }
            if (Established(list, c.CreationBurst)) { Candidate(source, list, measured, "established accounts"); continue; }
            var fresh = list.Where(m => _operator[m] == 0).ToList();
            if (fresh.Count < minSize) { Candidate(source, list, measured, "already an operator cluster"); continue; }
            Candidate(source, list, measured, $"operator: {fresh.Count} own accounts");
            string detail = System.FormattableString.Invariant(
                $"one of {list.Count} accounts on one {what} ({h.Value}) that keep one day, centred near {g.Day:F1} h UTC, that the countries they bill in do not keep (their accounts' days in this log up to {g.CountriesApart:F1} hours apart): {g.Share:P0} of the holders whose day can be told, against {g.LogRate:P1} of the log's other accounts; operator evidence, whatever the requests ask");
            foreach (var m in fresh)
            {
                _operator[m] = OperatorStrength;
                _harnessOperator.Add(m);
                StrongTie(m, "day " + h.Value);
                _operatorDetail.TryAdd(m, detail + System.FormattableString.Invariant(
                    $" (this account's day centred near {_dayCentre![m]:F1} h UTC; its billing country's accounts' near {CountryDay(m)!.Value:F1} h)"));
            }
            _foundOn.Add(h);
            var into = taken.FindIndex(t => HoursApart(t.Day, g.Day) <= DayHalfWidthHours && t.All.Overlaps(list));
            if (into >= 0) { taken[into].All.UnionWith(list); taken[into].Accepted.AddRange(fresh); }
            else { taken.Add((g.Day, new HashSet<int>(list), fresh)); accepted.Add(fresh); }
        }
    }

    /// <summary>P(X ≥ k) for X binomial with n trials of probability p.</summary>
    internal static double BinomialUpperTail(int n, int k, double p)
    {
        if (k <= 0) return 1;
        if (k > n || p <= 0) return 0;
        if (p >= 1) return 1;
        double lp = Math.Log(p), lq = Math.Log(1 - p), sum = 0;
        // log C(n, k) by lgamma-free accumulation
        double logC = 0;
        for (int i = 1; i <= k; i++) logC += Math.Log(n - k + i) - Math.Log(i);
        for (int i = k; i <= n; i++)
        {
            double term = Math.Exp(logC + i * lp + (n - i) * lq);
            sum += term;
            if (term < sum * 1e-12) break;
            logC += Math.Log(n - i) - Math.Log(i + 1);
        }
        return Math.Min(1, sum);
    }
}
