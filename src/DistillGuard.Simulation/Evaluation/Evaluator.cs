using System.IO.Compression;
using System.Text.Json;

namespace DistillGuard.Simulation.Evaluation;

/// <summary>
/// Scores a detector's verdicts (and optionally its campaigns) against the simulator's labels.
/// Labels are held in memory (one entry per account); verdicts are streamed line by line.
/// </summary>
public static class Evaluator
{
    private const int LabelAccount = 0, LabelCampaign = 1, LabelPersona = 2, LabelDormant = 3;
    private const int VerdictAccount = 0, VerdictValue = 1, VerdictScore = 2, VerdictCampaignId = 3;

    /// <summary>Evaluates files; a path ending in <c>.gz</c> is read through gzip.</summary>
    /// <exception cref="EvaluationInputException">An input could not be read at all.</exception>
    public static EvaluationReport EvaluateFiles(string labelsPath, string verdictsPath, string? campaignsPath, EvaluationOptions? options = null)
    {
        options ??= EvaluationOptions.Default;
        options = options with
        {
            LabelsName = labelsPath,
            VerdictsName = verdictsPath,
            CampaignsName = campaignsPath ?? options.CampaignsName,
        };
        using Stream labels = Open(labelsPath);
        using Stream verdicts = Open(verdictsPath);
        using Stream? campaigns = campaignsPath is null ? null : Open(campaignsPath);
        return Evaluate(labels, verdicts, campaigns, options);
    }

    /// <summary>Evaluates streams: labels.jsonl, verdicts.jsonl and optionally campaigns.json.</summary>
    /// <exception cref="EvaluationInputException">An input could not be read at all.</exception>
    public static EvaluationReport Evaluate(Stream labels, Stream verdicts, Stream? campaigns, EvaluationOptions? options = null)
    {
        options ??= EvaluationOptions.Default;
        var state = new State(options);
        ReadLabels(labels, state);
        ReadVerdicts(verdicts, state);
        if (campaigns is not null)
        {
            ReadCampaigns(campaigns, state);
        }
        else
        {
            MembershipFromVerdicts(state);
        }
        return Build(state, campaigns is not null);
    }

    private static Stream Open(string path)
    {
        Stream file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    /// <summary>Everything accumulated while reading; arrays are indexed by label index.</summary>
    private sealed class State(EvaluationOptions options)
    {
        public readonly EvaluationOptions Options = options;
        public readonly Dictionary<string, int> AccountIndex = new(StringComparer.Ordinal);
        public readonly List<int> LabelCampaign = [];   // index into CampaignNames, -1 = legitimate
        public readonly List<int> LabelPersona = [];    // index into PersonaNames
        public readonly List<long> LabelLine = [];
        public readonly List<string> Accounts = [];
        public readonly List<string> CampaignNames = [];
        public readonly Dictionary<string, int> CampaignIndex = new(StringComparer.Ordinal);
        public readonly List<string> PersonaNames = [];
        public readonly Dictionary<string, int> PersonaIndex = new(StringComparer.Ordinal);

        public VerdictKind[] Verdict = [];
        public int[] VerdictCampaign = [];                 // index into DetectedNames, -1 = none
        public long[] VerdictLine = [];
        public readonly Dictionary<string, int> Unlabelled = new(StringComparer.Ordinal); // account -> detected index or -1
        // Campaign accounts labelled dormant (no operated traffic in the log): out of every metric, verdicts counted.
        public readonly HashSet<string> Dormant = new(StringComparer.Ordinal);
        public long DormantCampaignVerdicts, DormantWatchVerdicts;
        public long VerdictLines;

        public readonly List<string> DetectedNames = [];
        public readonly Dictionary<string, int> DetectedIndex = new(StringComparer.Ordinal);

        // Membership of detected campaigns, filled by ReadCampaigns or MembershipFromVerdicts.
        public readonly List<DetectedAccumulator> Detected = [];
        public bool[] InDetected = [];
        public Dictionary<int, long>[] Landing = [];

        public readonly IssueCollector Missing = new(options.MaxExamples);
        public readonly IssueCollector NotInLabels = new(options.MaxExamples);
        public readonly IssueCollector DuplicateVerdicts = new(options.MaxExamples);
        public readonly IssueCollector DuplicateLabels = new(options.MaxExamples);
        public readonly IssueCollector Malformed = new(options.MaxExamples);
        public readonly IssueCollector InvalidVerdicts = new(options.MaxExamples);
        public readonly IssueCollector Scores = new(options.MaxExamples);
        public readonly IssueCollector Consistency = new(options.MaxExamples);

        public int Intern(Dictionary<string, int> index, List<string> names, ReadOnlySpan<char> value)
        {
            var lookup = index.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.TryGetValue(value, out int i))
            {
                return i;
            }
            string s = new(value);
            index.Add(s, names.Count);
            names.Add(s);
            return names.Count - 1;
        }

        public int DetectedId(ReadOnlySpan<char> id)
        {
            int before = DetectedNames.Count;
            int i = Intern(DetectedIndex, DetectedNames, id);
            if (i == before)
            {
                Detected.Add(new DetectedAccumulator());
            }
            return i;
        }
    }

    private sealed class DetectedAccumulator
    {
        public long Members, Legitimate, Unlabelled, Dormant;
        public readonly Dictionary<int, long> ByCampaign = [];
    }

    private static void ReadLabels(Stream stream, State s)
    {
        var scanner = new JsonLineScanner("account", "campaign", "persona", "dormant");
        string file = s.Options.LabelsName;
        long good = 0, bad = 0;
        string? firstError = null;
        Utf8Lines.ForEach(stream, (line, n) =>
        {
            string? error = scanner.TryScan(line, out string? e) ? CheckLabel(scanner) : e;
            if (error is not null)
            {
                bad++;
                firstError ??= $"line {n}: {error}";
                s.Malformed.Add(file, n, null, error);
                return;
            }
            good++;
            var account = scanner.String(LabelAccount);
            var lookup = s.AccountIndex.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.TryGetValue(account, out int existing))
            {
                s.DuplicateLabels.Add(file, n, new string(account), s.LabelLine[existing],
                    first => $"account already labelled on line {first}; the first label is used");
                return;
            }
            string id = new(account);
            if (scanner.Kind(LabelDormant) == JsonTokenType.True && scanner.Kind(LabelCampaign) == JsonTokenType.String)
            {
                s.Dormant.Add(id);
                return;
            }
            s.AccountIndex.Add(id, s.Accounts.Count);
            s.Accounts.Add(id);
            s.LabelLine.Add(n);
            s.LabelCampaign.Add(scanner.Kind(LabelCampaign) == JsonTokenType.String
                ? s.Intern(s.CampaignIndex, s.CampaignNames, scanner.String(LabelCampaign))
                : -1);
            s.LabelPersona.Add(s.Intern(s.PersonaIndex, s.PersonaNames, scanner.String(LabelPersona)));
        });
        ThrowIfUnreadable(file, good, bad, firstError);
    }

    private static string? CheckLabel(JsonLineScanner scanner)
    {
        if (scanner.Kind(LabelAccount) != JsonTokenType.String || scanner.String(LabelAccount).IsEmpty)
        {
            return "missing string field \"account\"";
        }
        var campaign = scanner.Kind(LabelCampaign);
        if (campaign is not (JsonTokenType.None or JsonTokenType.Null or JsonTokenType.String))
        {
            return "field \"campaign\" must be a string or null";
        }
        if (campaign == JsonTokenType.String && scanner.String(LabelCampaign).IsEmpty)
        {
            return "field \"campaign\" is an empty string (use null for legitimate accounts)";
        }
        if (scanner.Kind(LabelPersona) != JsonTokenType.String)
        {
            return "missing string field \"persona\"";
        }
        return null;
    }

    private static void ReadVerdicts(Stream stream, State s)
    {
        int count = s.Accounts.Count;
        s.Verdict = new VerdictKind[count];
        s.VerdictCampaign = new int[count];
        Array.Fill(s.VerdictCampaign, -1);
        s.VerdictLine = new long[count];
        var scanner = new JsonLineScanner("account", "verdict", "score", "campaign");
        var accounts = s.AccountIndex.GetAlternateLookup<ReadOnlySpan<char>>();
        var unlabelled = s.Unlabelled.GetAlternateLookup<ReadOnlySpan<char>>();
        var dormant = s.Dormant.GetAlternateLookup<ReadOnlySpan<char>>();
        string file = s.Options.VerdictsName;
        long good = 0, bad = 0;
        string? firstError = null;
        Utf8Lines.ForEach(stream, (line, n) =>
        {
            string? error = scanner.TryScan(line, out string? e) ? CheckVerdict(scanner) : e;
            if (error is not null)
            {
                bad++;
                firstError ??= $"line {n}: {error}";
                s.Malformed.Add(file, n, null, error);
                return;
            }
            good++;
            s.VerdictLines++;
            var account = scanner.String(VerdictAccount);
            var value = scanner.String(VerdictValue);
            VerdictKind kind = value switch
            {
                "clear" => VerdictKind.Clear,
                "watch" => VerdictKind.Watch,
                "campaign" => VerdictKind.Campaign,
                _ => VerdictKind.Invalid,
            };

            // Data-quality checks that hold whether or not the account is labelled.
            if (kind == VerdictKind.Invalid)
            {
                s.InvalidVerdicts.Add(file, n, new string(account), new string(value),
                    v => $"verdict \"{v}\" is not clear, watch or campaign; counted as clear");
            }
            switch (scanner.Kind(VerdictScore))
            {
                case JsonTokenType.Number:
                    double score = scanner.Number(VerdictScore);
                    if (!(score >= 0.0 && score <= 1.0))
                    {
                        s.Scores.Add(file, n, new string(account), score, v => $"score {v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} is outside [0, 1]");
                    }
                    break;
                case JsonTokenType.None:
                    s.Scores.Add(file, n, new string(account), "missing field \"score\"");
                    break;
                default:
                    s.Scores.Add(file, n, new string(account), scanner.Kind(VerdictScore), k => $"score is {k}, not a number");
                    break;
            }
            bool hasCampaignId = scanner.Kind(VerdictCampaignId) == JsonTokenType.String && !scanner.String(VerdictCampaignId).IsEmpty;

            if (!accounts.TryGetValue(account, out int idx))
            {
                if (dormant.Contains(account))
                {
                    if (kind == VerdictKind.Campaign) s.DormantCampaignVerdicts++;
                    else if (kind == VerdictKind.Watch) s.DormantWatchVerdicts++;
                    return;
                }
                if (unlabelled.ContainsKey(account))
                {
                    s.DuplicateVerdicts.Add(file, n, new string(account), "second verdict for an unlabelled account");
                    return;
                }
                string id = new(account);
                s.Unlabelled.Add(id, hasCampaignId ? s.DetectedId(scanner.String(VerdictCampaignId)) : -1);
                s.NotInLabels.Add(file, n, id, "account has a verdict but no label; left out of the metrics");
                return;
            }
            if (s.Verdict[idx] != VerdictKind.Missing)
            {
                s.DuplicateVerdicts.Add(file, n, s.Accounts[idx], s.VerdictLine[idx],
                    first => $"account already has a verdict on line {first}; the first verdict is used");
                return;
            }
            s.Verdict[idx] = kind;
            s.VerdictLine[idx] = n;
            if (hasCampaignId)
            {
                s.VerdictCampaign[idx] = s.DetectedId(scanner.String(VerdictCampaignId));
            }
            else if (kind == VerdictKind.Campaign)
            {
                s.Consistency.Add(file, n, s.Accounts[idx], "campaign verdict without a campaign id");
            }
        });
        ThrowIfUnreadable(file, good, bad, firstError);

        for (int i = 0; i < count; i++)
        {
            if (s.Verdict[i] == VerdictKind.Missing)
            {
                s.Missing.Add(s.Options.LabelsName, s.LabelLine[i], s.Accounts[i], "labelled account has no verdict; counted as clear");
            }
        }
    }

    private static string? CheckVerdict(JsonLineScanner scanner)
    {
        if (scanner.Kind(VerdictAccount) != JsonTokenType.String || scanner.String(VerdictAccount).IsEmpty)
        {
            return "missing string field \"account\"";
        }
        if (scanner.Kind(VerdictValue) != JsonTokenType.String)
        {
            return "missing string field \"verdict\"";
        }
        if (scanner.Kind(VerdictCampaignId) is not (JsonTokenType.None or JsonTokenType.Null or JsonTokenType.String))
        {
            return "field \"campaign\" must be a string or null";
        }
        return null;
    }

    private static void ThrowIfUnreadable(string file, long good, long bad, string? firstError)
    {
        if (good == 0 && bad > 0)
        {
            throw new EvaluationInputException(file, $"none of its {bad} non-blank lines is a valid record (first problem at {firstError})");
        }
    }

    private static void InitMembership(State s)
    {
        s.InDetected = new bool[s.Accounts.Count];
        s.Landing = new Dictionary<int, long>[s.CampaignNames.Count];
        for (int c = 0; c < s.Landing.Length; c++)
        {
            s.Landing[c] = [];
        }
    }

    private static void AddMember(State s, int detected, int labelIndex)
    {
        var acc = s.Detected[detected];
        acc.Members++;
        if (labelIndex < 0)
        {
            acc.Unlabelled++;
            return;
        }
        s.InDetected[labelIndex] = true;
        int campaign = s.LabelCampaign[labelIndex];
        if (campaign < 0)
        {
            acc.Legitimate++;
            return;
        }
        acc.ByCampaign[campaign] = acc.ByCampaign.GetValueOrDefault(campaign) + 1;
        s.Landing[campaign][detected] = s.Landing[campaign].GetValueOrDefault(detected) + 1;
    }

    private static void MembershipFromVerdicts(State s)
    {
        InitMembership(s);
        for (int i = 0; i < s.Accounts.Count; i++)
        {
            if (s.VerdictCampaign[i] >= 0)
            {
                AddMember(s, s.VerdictCampaign[i], i);
            }
        }
        foreach (var (_, detected) in s.Unlabelled)
        {
            if (detected >= 0)
            {
                AddMember(s, detected, -1);
            }
        }
    }

    private static void ReadCampaigns(Stream stream, State s)
    {
        string file = s.Options.CampaignsName;
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            throw new EvaluationInputException(file, "not valid JSON: " + ex.Message, ex);
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new EvaluationInputException(file, $"expected a JSON array of campaigns, found {doc.RootElement.ValueKind}");
            }
            // Campaign ids named by verdicts but not listed in campaigns.json stay known, with no members.
            int namedByVerdicts = s.DetectedNames.Count;
            var listedIds = new HashSet<int>();
            var memberOf = new Dictionary<string, int>(StringComparer.Ordinal);
            InitMembership(s);
            int element = 0;
            foreach (var c in doc.RootElement.EnumerateArray())
            {
                element++;
                if (c.ValueKind != JsonValueKind.Object || !c.TryGetProperty("id", out var idProp) || idProp.ValueKind != JsonValueKind.String
                    || string.IsNullOrEmpty(idProp.GetString()))
                {
                    s.Malformed.Add(file, 0, null, $"campaign #{element} has no string \"id\"; skipped");
                    continue;
                }
                string id = idProp.GetString()!;
                int detected = s.DetectedId(id);
                if (!listedIds.Add(detected))
                {
                    s.Consistency.Add(file, 0, null, $"campaign id \"{id}\" is listed more than once; members are merged");
                }
                if (!c.TryGetProperty("accounts", out var accounts) || accounts.ValueKind != JsonValueKind.Array)
                {
                    s.Malformed.Add(file, 0, null, $"campaign \"{id}\" has no \"accounts\" array");
                    continue;
                }
                foreach (var a in accounts.EnumerateArray())
                {
                    if (a.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(a.GetString()))
                    {
                        s.Malformed.Add(file, 0, null, $"campaign \"{id}\" has a member that is not an account id string");
                        continue;
                    }
                    string account = a.GetString()!;
                    if (memberOf.TryGetValue(account, out int other))
                    {
                        s.Consistency.Add(file, 0, account,
                            other == detected ? $"listed twice in campaign \"{id}\"; counted once" : $"listed in both \"{s.DetectedNames[other]}\" and \"{id}\"");
                        if (other == detected)
                        {
                            continue;
                        }
                    }
                    else
                    {
                        memberOf.Add(account, detected);
                    }
                    if (s.Dormant.Contains(account))
                    {
                        // a campaign's bought account with only its former owner's traffic: out of every metric, purity too
                        s.Detected[detected].Dormant++;
                        continue;
                    }
                    if (s.AccountIndex.TryGetValue(account, out int idx))
                    {
                        CheckListedMember(s, file, id, detected, account, idx);
                        AddMember(s, detected, idx);
                    }
                    else
                    {
                        if (!s.Unlabelled.ContainsKey(account))
                        {
                            s.Consistency.Add(file, 0, account, $"member of \"{id}\" has neither a label nor a verdict");
                        }
                        AddMember(s, detected, -1);
                    }
                }
            }
            for (int d = 0; d < namedByVerdicts; d++)
            {
                if (!listedIds.Contains(d))
                {
                    s.Consistency.Add(file, 0, null, $"campaign id \"{s.DetectedNames[d]}\" appears in verdicts but not in campaigns.json");
                }
            }
            for (int i = 0; i < s.Accounts.Count; i++)
            {
                if (s.Verdict[i] == VerdictKind.Campaign && !s.InDetected[i])
                {
                    s.Consistency.Add(s.Options.VerdictsName, s.VerdictLine[i], s.Accounts[i], "campaign verdict, but the account is in no campaign of campaigns.json");
                }
            }
        }
    }

    private static void CheckListedMember(State s, string file, string id, int detected, string account, int idx)
    {
        if (s.Verdict[idx] is VerdictKind.Missing)
        {
            s.Consistency.Add(file, 0, account, $"member of \"{id}\" has no verdict");
        }
        else if (s.Verdict[idx] != VerdictKind.Campaign)
        {
            s.Consistency.Add(file, 0, account, s.Verdict[idx], v => $"member of \"{id}\" but its verdict is {v.ToString().ToLowerInvariant()}");
        }
        else if (s.VerdictCampaign[idx] >= 0 && s.VerdictCampaign[idx] != detected)
        {
            s.Consistency.Add(file, 0, account, s.DetectedNames[s.VerdictCampaign[idx]], v => $"member of \"{id}\" but its verdict names \"{v}\"");
        }
    }

    private static EvaluationReport Build(State s, bool fromCampaignsFile)
    {
        int n = s.Accounts.Count;
        long tp = 0, fp = 0, fn = 0, tn = 0, tpw = 0, fpw = 0, fnw = 0, tnw = 0, withVerdict = 0, positives = 0;
        var members = new long[s.CampaignNames.Count];
        var flagged = new long[s.CampaignNames.Count];
        var watched = new long[s.CampaignNames.Count];
        var missing = new long[s.CampaignNames.Count];
        var notInDetected = new long[s.CampaignNames.Count];
        var personaAccounts = new long[s.PersonaNames.Count];
        var personaFp = new long[s.PersonaNames.Count];
        var personaWatch = new long[s.PersonaNames.Count];
        var legitPersona = new bool[s.PersonaNames.Count];
        var campaignPersona = new bool[s.PersonaNames.Count];
        var cpAccounts = new long[s.PersonaNames.Count];
        var cpFlagged = new long[s.PersonaNames.Count];
        var cpWatch = new long[s.PersonaNames.Count];

        for (int i = 0; i < n; i++)
        {
            VerdictKind v = s.Verdict[i];
            if (v != VerdictKind.Missing)
            {
                withVerdict++;
            }
            bool isCampaign = v == VerdictKind.Campaign;
            bool isFlagged = isCampaign || v == VerdictKind.Watch;
            int c = s.LabelCampaign[i];
            if (c >= 0)
            {
                positives++;
                members[c]++;
                int cp = s.LabelPersona[i];
                campaignPersona[cp] = true;
                cpAccounts[cp]++;
                if (isCampaign) { cpFlagged[cp]++; }
                if (v == VerdictKind.Watch) { cpWatch[cp]++; }
                if (isCampaign) { tp++; flagged[c]++; } else { fn++; }
                if (isFlagged) { tpw++; } else { fnw++; }
                if (v == VerdictKind.Watch) { watched[c]++; }
                if (v == VerdictKind.Missing) { missing[c]++; }
                if (!s.InDetected[i]) { notInDetected[c]++; }
            }
            else
            {
                int p = s.LabelPersona[i];
                legitPersona[p] = true;
                personaAccounts[p]++;
                if (isCampaign) { fp++; personaFp[p]++; } else { tn++; }
                if (isFlagged) { fpw++; } else { tnw++; }
                if (v == VerdictKind.Watch) { personaWatch[p]++; }
            }
        }

        var labelled = new List<LabelledCampaignResult>(s.CampaignNames.Count);
        var split = new List<string>();
        foreach (int c in Enumerable.Range(0, s.CampaignNames.Count).OrderBy(c => s.CampaignNames[c], StringComparer.Ordinal))
        {
            var landed = CountsByName(s.Landing[c], s.DetectedNames);
            var row = new LabelledCampaignResult
            {
                Campaign = s.CampaignNames[c],
                Members = members[c],
                FlaggedCampaign = flagged[c],
                FlaggedWatch = watched[c],
                MissingVerdicts = missing[c],
                Recall = members[c] == 0 ? 1.0 : (double)flagged[c] / members[c],
                LandedIn = landed,
                NotInAnyDetectedCampaign = notInDetected[c],
            };
            if (row.Split)
            {
                split.Add(row.Campaign);
            }
            labelled.Add(row);
        }

        var personas = Enumerable.Range(0, s.PersonaNames.Count)
            .Where(p => legitPersona[p])
            .OrderBy(p => s.PersonaNames[p], StringComparer.Ordinal)
            .Select(p => new PersonaResult
            {
                Persona = s.PersonaNames[p],
                Accounts = personaAccounts[p],
                FalsePositives = personaFp[p],
                Watch = personaWatch[p],
                Clear = personaAccounts[p] - personaFp[p] - personaWatch[p],
                FalsePositiveRate = personaAccounts[p] == 0 ? 0.0 : (double)personaFp[p] / personaAccounts[p],
            })
            .ToArray();

        var campaignPersonas = Enumerable.Range(0, s.PersonaNames.Count)
            .Where(p => campaignPersona[p])
            .OrderBy(p => s.PersonaNames[p], StringComparer.Ordinal)
            .Select(p => new CampaignPersonaResult
            {
                Persona = s.PersonaNames[p],
                Accounts = cpAccounts[p],
                FlaggedCampaign = cpFlagged[p],
                FlaggedWatch = cpWatch[p],
                Recall = (double)cpFlagged[p] / cpAccounts[p],
            })
            .ToArray();

        long purityNum = 0, purityDen = 0;
        var detected = new List<DetectedCampaignResult>();
        foreach (int d in Enumerable.Range(0, s.DetectedNames.Count).OrderBy(d => s.DetectedNames[d], StringComparer.Ordinal))
        {
            var acc = s.Detected[d];
            if (acc.Members == 0)
            {
                continue; // named by a verdict but not listed in campaigns.json: reported under consistency
            }
            var byCampaign = CountsByName(acc.ByCampaign, s.CampaignNames);
            var majority = byCampaign.Length > 0 ? byCampaign[0] : null;
            long majorityMembers = majority?.Accounts ?? 0;
            purityNum += majorityMembers;
            purityDen += acc.Members;
            detected.Add(new DetectedCampaignResult
            {
                Id = s.DetectedNames[d],
                Members = acc.Members,
                MajorityCampaign = majority?.Campaign,
                MajorityMembers = majorityMembers,
                Purity = (double)majorityMembers / acc.Members,
                Legitimate = acc.Legitimate,
                Unlabelled = acc.Unlabelled,
                Dormant = acc.Dormant,
                LabelledCampaigns = byCampaign,
            });
        }

        var campaignMetrics = BinaryMetrics.From("campaign", tp, fp, fn, tn);
        var checks = new List<ThresholdCheck>();
        if (s.Options.MinPrecision is double minP)
        {
            checks.Add(new ThresholdCheck { Metric = "precision", Minimum = minP, Actual = campaignMetrics.Precision });
        }
        if (s.Options.MinRecall is double minR)
        {
            checks.Add(new ThresholdCheck { Metric = "recall", Minimum = minR, Actual = campaignMetrics.Recall });
        }

        return new EvaluationReport
        {
            Accounts = new AccountTotals
            {
                Labelled = n,
                CampaignMembers = positives,
                Legitimate = n - positives,
                VerdictLines = s.VerdictLines,
                WithVerdict = withVerdict,
                DormantCampaignAccounts = s.Dormant.Count,
                DormantFlaggedCampaign = s.DormantCampaignVerdicts,
                DormantFlaggedWatch = s.DormantWatchVerdicts,
            },
            CampaignVerdict = campaignMetrics,
            CampaignOrWatch = BinaryMetrics.From("campaign|watch", tpw, fpw, fnw, tnw),
            LabelledCampaigns = labelled,
            LegitimatePersonas = personas,
            CampaignPersonas = campaignPersonas,
            DetectedCampaignSource = fromCampaignsFile ? "campaigns.json" : "verdicts",
            DetectedCampaigns = detected,
            WeightedPurity = purityDen == 0 ? 1.0 : (double)purityNum / purityDen,
            SplitCampaignCount = split.Count,
            SplitCampaigns = split,
            DataQuality = new DataQualityReport
            {
                MissingFromVerdicts = s.Missing.ToSummary(),
                NotInLabels = s.NotInLabels.ToSummary(),
                DuplicateVerdicts = s.DuplicateVerdicts.ToSummary(),
                DuplicateLabels = s.DuplicateLabels.ToSummary(),
                MalformedLines = s.Malformed.ToSummary(),
                InvalidVerdictValues = s.InvalidVerdicts.ToSummary(),
                ScoresOutOfRange = s.Scores.ToSummary(),
                CampaignConsistency = s.Consistency.ToSummary(),
            },
            Checks = checks,
        };
    }

    /// <summary>Counts as rows, most accounts first, ties by ordinal name.</summary>
    private static CampaignCount[] CountsByName(Dictionary<int, long> counts, List<string> names) =>
        counts.Select(kv => new CampaignCount { Campaign = names[kv.Key], Accounts = kv.Value })
            .OrderByDescending(x => x.Accounts)
            .ThenBy(x => x.Campaign, StringComparer.Ordinal)
            .ToArray();
}
