namespace DistillGuard.Core.Links;

public sealed partial class KeyGroupBuilder
{
    /// <summary>
    /// Operator evidence from request parameters alone, for a crowd that shares no identity. Accounts are joined through
    /// the parameter vectors they send (two accounts are of one family when both send one vector; a family is a connected
    /// component), so a family holds vectors no account outside it sends: a client population — the users of one SDK
    /// version and model, a product that sets its users' budgets, an organisation's internal tool — or an operation's
    /// harness spread over its accounts ("identical request parameters" across many accounts, each below per-account
    /// thresholds: the public record's load balancing).
    /// <para>
    /// What tells an operation's family from a client population: its accounts were opened for the purpose. The yardstick
    /// is read off the log's client populations — families most of whose accounts were customers before the log began —
    /// as the share of their accounts opened during the log (after its first exchange). A family is an operation's when
    /// at least half its accounts were opened during the log and at least <see cref="StrongEvidenceRatio"/> times the
    /// yardstick; when it is a crowd, at least the square root of the log's accounts (the yardstick of a popular e-mail
    /// domain: a few new customers who all max out one model's budgets send one vector by coincidence — a red-team hard
    /// negative, three students in a family of five); and not an organisation that declares itself. Its accounts opened
    /// during the log are the operator's own; customers of long standing in the family are not taken with them. The
    /// evidence is an operator's, not a tie: a family gathers no campaign by itself (two operations whose harnesses share
    /// one vector are one family).
    /// </para>
    /// <para>
    /// Measured on development logs (docs/detector.md, session 38): client populations in families of their own had
    /// 2–15 % of their accounts opened during the log — organisation fleets, agent-platform users, labelling vendors'
    /// workers and coding-agent users in the red team's worlds. Random 11524: a chain-of-thought sweep of 1,292 accounts,
    /// a card each, public mail, exits in VPN ranges, six parameter vectors nobody else sends, 94 % of its accounts opened
    /// during the log against 5 % of the client populations' — found at 0.
    /// </para>
    /// </summary>
    private void MeasureVectorFamilies(CoordinationMeter meter)
    {
        var opt = _in.Options;
        if (opt.Disabled("group") || opt.Disabled("registration")) return;
        int n = _in.Profiles.Count;
        int minSize = Math.Max(3, opt.MinCampaignAccounts);
        int population = _in.Allowlisted.Count(x => !x);
        if (population < 2 * minSize) return;
        var parent = Enumerable.Range(0, n).ToArray();
        var vectors = new int[n];
        foreach (var g in _ordered)
        {
            if (g.Kind != LinkKind.ParamSignature) continue;
            int first = -1;
            foreach (var m in g.Members)
            {
                if (_in.Allowlisted[m]) continue;
                vectors[m]++;
                if (first < 0) first = m; else Join(parent, m, first);
            }
        }
        var families = new Dictionary<int, List<int>>();
        for (int i = 0; i < n; i++)
        {
            if (_in.Allowlisted[i] || vectors[i] == 0) continue;
            int r = Root(parent, i);
            if (!families.TryGetValue(r, out var l)) families[r] = l = new List<int>();
            l.Add(i);
        }
        if (families.Count < 2) return;
        long logStart = long.MaxValue;
        for (int i = 0; i < n; i++) if (!_in.Allowlisted[i] && _in.Profiles[i].FirstMs < logStart) logStart = _in.Profiles[i].FirstMs;
        bool Opened(int m) => _in.Records[m]?.CreatedMs is long c && c >= logStart;
        // A crowd, not a handful: a few new customers who all max out one model's budgets send one vector by coincidence
        // (the model's limits are everybody's); a family counts from the log's yardstick of a crowd, the square root of its
        // accounts (as for a popular e-mail domain), and the yardstick is read off the smaller families as well.
        int crowd = Math.Max(minSize, (int)Math.Sqrt(population));
        var candidates = families.Values.Where(l => l.Count >= minSize && 2 * l.Count <= population).ToList();
        if (candidates.Count == 0) return;
        // the yardstick: how many of the accounts of the log's other client populations — families most of whose
        // accounts were customers before the log began — were opened during it
        int others = 0, othersOpened = 0;
        foreach (var l in candidates)
        {
            int o = l.Count(Opened);
            if (2 * o >= l.Count) continue;
            others += l.Count;
            othersOpened += o;
        }
        if (others < population / 10) return;   // too few customers' families to read the rate off
        double baseRate = (double)othersOpened / others;
        foreach (var list in candidates.Where(l => l.Count >= crowd))
        {
            int opened = list.Count(Opened);
            double share = (double)opened / list.Count;
            string source = Inv($"parameter-vector family of {list.Count} accounts");
            string measured = Inv($"opened during the log {share:F2} (others {baseRate:F2})");
            if (share < 0.5 || share < StrongEvidenceRatio * baseRate) { Candidate(source, list, measured, "not opened for the purpose"); continue; }
            var c = meter.Measure(list);
            measured += Inv($" declared {c.DeclaredOrganisation:F2}");
            if (c.DeclaredOrganisation >= CoordinationMeter.DeclaredShare) { Candidate(source, list, measured, "declared organisation"); continue; }
            // the family's accounts opened during the log are the operation's; a customer of long standing who sends one
            // of its vectors (a common budget with a common temperature) is not taken with them
            var own = list.Where(Opened).ToList();
            int fresh = own.Count(m => _operator[m] == 0);
            if (fresh < minSize) { Candidate(source, list, measured, "already an operator cluster"); continue; }
            Candidate(source, list, measured, $"operator: {own.Count} own accounts");
            string detail = Inv($"one of {own.Count} accounts opened during the log among the {list.Count} whose parameter vectors no account outside them sends ({share:P0} of them opened during the log, of the log's other client populations {baseRate:P0}): operator evidence, whatever the requests ask");
            foreach (var m in own)
            {
                _operator[m] = OperatorStrength;
                _harnessOperator.Add(m);
                _operatorDetail.TryAdd(m, detail);
            }
            _operatorClusters.Add(own);
        }
    }
}
