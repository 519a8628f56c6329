using System.Text.Json;
using DistillGuard.Core.Analysis;
using DistillGuard.Core.Links;

namespace DistillGuard.Core.Verdicts;

/// <summary>
/// Writes what the detector weighed, for review and tuning (`analyze --explain`): DIR/groups.jsonl, every group the
/// clusterer scored — published or not, with its confidence and the parts it is made of — and DIR/keys.jsonl, every
/// shared value (key group) with at least two accounts, its rarity, harvest, coordination, suspicion and weight, and
/// DIR/operators.jsonl, every candidate operator (identity cluster, tied harness holders) with what was measured and decided.
/// A group just under the threshold is where an analyst looks first when a campaign is suspected but not published.
/// </summary>
public static class ExplainWriter
{
    public const string GroupsFile = "groups.jsonl";
    public const string KeysFile = "keys.jsonl";
    public const string AccountsFile = "accounts.jsonl";
    public const string OperatorsFile = "operators.jsonl";
    private static readonly JsonWriterOptions Compact = new() { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(string directory, AnalysisResult result, int maxMembers = 100_000)
    {
        Directory.CreateDirectory(directory);
        var profiles = result.Profiles;
        using (var f = new FileStream(Path.Combine(directory, GroupsFile), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        using (var w = new Utf8JsonWriter(f, Compact))
        {
            foreach (var g in result.Findings.OrderByDescending(g => g.Score).ThenBy(g => g.Members.Count > 0 ? g.Members[0] : 0))
            {
                w.Reset(f);
                w.WriteStartObject();
                w.WriteString("campaign", g.Id);
                w.WriteBoolean("accepted", g.Accepted);
                w.WriteNumber("score", Math.Round(g.Score, 4));
                w.WriteNumber("accounts", g.Members.Count);
                w.WriteNumber("families", g.Families);
                w.WriteNumber("harvest", Math.Round(g.HarvestFraction, 4));
                w.WriteNumber("density", Math.Round(g.Density, 4));
                w.WriteNumber("corroborated", Math.Round(g.Corroborated.Count(c => c) / (double)Math.Max(1, g.Members.Count), 4));
                var c = g.Coordination;
                w.WriteStartObject("coordination");
                w.WriteNumber("score", Math.Round(c.Score, 4));
                w.WriteNumber("synchrony", Math.Round(c.Synchrony, 4));
                w.WriteNumber("identical_params", Math.Round(c.IdenticalParams, 4));
                w.WriteNumber("creation_burst", Math.Round(c.CreationBurst, 4));
                w.WriteNumber("freshness", Math.Round(c.Freshness, 4));
                w.WriteNumber("partition", Math.Round(c.Partition, 4));
                w.WriteNumber("item_overlap", Math.Round(c.ItemOverlap, 4));
                w.WriteNumber("regularity", Math.Round(c.Regularity, 4));
                w.WriteNumber("rotating_exits", Math.Round(c.RotatingExits, 4));
                w.WriteNumber("declared_organisation", Math.Round(c.DeclaredOrganisation, 4));
                w.WriteNumber("one_egress", Math.Round(c.OneEgress, 4));
                w.WriteEndObject();
                w.WriteStartArray("keys");
                foreach (var (k, contribution, on) in g.Keys.Take(20))
                {
                    w.WriteStartObject();
                    w.WriteString("kind", k.Kind.Id());
                    w.WriteString("value", k.Value);
                    w.WriteNumber("members_on_key", on);
                    w.WriteNumber("contribution", Math.Round(contribution, 4));
                    w.WriteNumber("weight", Math.Round(k.Weight, 4));
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteStartArray("members");
                foreach (var m in g.Members.Take(maxMembers)) w.WriteStringValue(profiles[m].Account);
                w.WriteEndArray();
                w.WriteEndObject();
                w.Flush();
                f.WriteByte((byte)'\n');
            }
        }
        using (var f = new FileStream(Path.Combine(directory, AccountsFile), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        using (var w = new Utf8JsonWriter(f, Compact))
        {
            foreach (var p in profiles.OrderBy(p => p.Account, StringComparer.Ordinal))
            {
                w.Reset(f);
                w.WriteStartObject();
                w.WriteString("account", p.Account);
                w.WriteNumber("exchanges", p.Exchanges);
                w.WriteNumber("harvest_exchanges", p.HarvestExchanges);
                w.WriteNumber("harvest_strength", Math.Round(Scoring.HarvestStrength.Of(p), 4));
                w.WriteNumber("harvest_evidence", Math.Round(Scoring.HarvestStrength.Evidence(p), 4));
                w.WriteBoolean("egress_apart", p.HarvestEgressApart());
                w.WriteBoolean("rotates_exits", p.RotatesExits());
                w.WriteBoolean("exits_shared", p.ExitsShared);
                if (p.Index < result.ClusterLift.Count) w.WriteNumber("cluster_lift", Math.Round(result.ClusterLift[p.Index], 4));
                if (p.Index < result.OperatorEvidence.Count) w.WriteNumber("operator_evidence", Math.Round(result.OperatorEvidence[p.Index], 4));
                w.WriteEndObject();
                w.Flush();
                f.WriteByte((byte)'\n');
            }
        }
        using (var f = new FileStream(Path.Combine(directory, OperatorsFile), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        using (var w = new Utf8JsonWriter(f, Compact))
        {
            foreach (var c in result.OperatorCandidates)
            {
                w.Reset(f);
                w.WriteStartObject();
                w.WriteString("source", c.Source);
                w.WriteString("outcome", c.Outcome);
                w.WriteNumber("accounts", c.Members.Count);
                w.WriteString("measures", c.Measures);
                w.WriteStartArray("members");
                foreach (var m in c.Members.Take(maxMembers)) w.WriteStringValue(profiles[m].Account);
                w.WriteEndArray();
                w.WriteEndObject();
                w.Flush();
                f.WriteByte((byte)'\n');
            }
        }
        using (var f = new FileStream(Path.Combine(directory, KeysFile), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        using (var w = new Utf8JsonWriter(f, Compact))
        {
            foreach (var k in result.KeyGroups.Where(k => k.Members.Count >= 2).OrderByDescending(k => k.Weight).ThenBy(k => k.Id))
            {
                w.Reset(f);
                w.WriteStartObject();
                w.WriteString("kind", k.Kind.Id());
                w.WriteString("value", k.Value);
                w.WriteNumber("accounts", k.Members.Count);
                w.WriteNumber("weight", Math.Round(k.Weight, 4));
                w.WriteNumber("rarity", Math.Round(k.Rarity, 4));
                w.WriteNumber("harvest", Math.Round(k.HarvestShare, 4));
                w.WriteNumber("coordination", Math.Round(k.Coordination.Score, 4));
                w.WriteNumber("suspicion", Math.Round(k.Suspicion, 4));
                w.WriteStartArray("members");
                foreach (var m in k.Members.Take(Math.Min(maxMembers, 2000))) w.WriteStringValue(profiles[m].Account);
                w.WriteEndArray();
                w.WriteStartArray("counts");   // each listed member's exchanges on the key, in the same order
                foreach (var n in k.Counts.Take(Math.Min(maxMembers, 2000))) w.WriteNumberValue(n);
                w.WriteEndArray();
                w.WriteEndObject();
                w.Flush();
                f.WriteByte((byte)'\n');
            }
        }
    }
}
