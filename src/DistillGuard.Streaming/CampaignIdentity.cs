using System.Globalization;
using System.Text.Json;
using DistillGuard.Core.Campaigns;
using DistillGuard.Core.Verdicts;

namespace DistillGuard.Streaming;

/// <summary>
/// Keeps a campaign's id while it is re-assembled again and again: each new assembly's campaign takes the id of the
/// earlier campaign it shares most members with (at least half of the smaller one's), largest overlaps first; a
/// campaign that matches none gets the next free id. Ids are never reused. The map is saved under the state
/// directory so a restart keeps the ids analysts and alerts already used.
/// </summary>
public sealed class CampaignIdentity
{
    private readonly string? _path;
    private Dictionary<string, HashSet<string>> _members = new(StringComparer.Ordinal);
    private int _next = 1;

    public CampaignIdentity(string? path = null)
    {
        _path = path;
        if (path is null || !File.Exists(path)) return;
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        _next = doc.RootElement.GetProperty("next").GetInt32();
        foreach (var c in doc.RootElement.GetProperty("campaigns").EnumerateObject())
            _members[c.Name] = c.Value.EnumerateArray().Select(x => x.GetString()!).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Renames the assembly's campaigns (and the verdicts that name them) to their stable ids.</summary>
    public (IReadOnlyList<Campaign> Campaigns, IReadOnlyList<AccountVerdict> Verdicts) Assign(IReadOnlyList<Campaign> campaigns, IReadOnlyList<AccountVerdict> verdicts)
    {
        // Members as the verdicts name them (campaign members plus the watch-level members that carry the id).
        var members = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var c in campaigns) members[c.Id] = new HashSet<string>(c.Accounts, StringComparer.Ordinal);
        foreach (var v in verdicts)
            if (v.Campaign is not null && members.TryGetValue(v.Campaign, out var set)) set.Add(v.Account);

        var pairs = new List<(int Overlap, string New, string Old)>();
        foreach (var (id, set) in members)
            foreach (var (old, oldSet) in _members)
            {
                int overlap = set.Count(oldSet.Contains);
                if (overlap > 0 && overlap * 2 >= Math.Min(set.Count, oldSet.Count)) pairs.Add((overlap, id, old));
            }
        var rename = new Dictionary<string, string>(StringComparer.Ordinal);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, id, old) in pairs.OrderByDescending(p => p.Overlap).ThenBy(p => p.Old, StringComparer.Ordinal).ThenBy(p => p.New, StringComparer.Ordinal))
        {
            if (rename.ContainsKey(id) || taken.Contains(old)) continue;
            rename[id] = old;
            taken.Add(old);
        }
        foreach (var c in campaigns)
            if (!rename.ContainsKey(c.Id))
                rename[c.Id] = "C-" + (_next++).ToString("0000", CultureInfo.InvariantCulture);

        var next = new Dictionary<string, HashSet<string>>(_members, StringComparer.Ordinal);   // campaigns that ended keep their members: they may return
        foreach (var (id, set) in members) next[rename[id]] = set;
        _members = next;
        Save();

        var renamed = campaigns.Select(c => c with { Id = rename[c.Id] }).OrderBy(c => c.Id, StringComparer.Ordinal).ToList();
        var verdictsOut = verdicts.Select(v => v.Campaign is not null && rename.TryGetValue(v.Campaign, out var r) ? v with { Campaign = r } : v).ToList();
        return (renamed, verdictsOut);
    }

    private void Save()
    {
        if (_path is null) return;
        string tmp = _path + ".tmp";
        using (var fs = new FileStream(tmp, FileMode.Create, FileAccess.Write))
        using (var w = new Utf8JsonWriter(fs))
        {
            w.WriteStartObject();
            w.WriteNumber("next", _next);
            w.WriteStartObject("campaigns");
            foreach (var (id, set) in _members.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                w.WriteStartArray(id);
                foreach (var a in set.Order(StringComparer.Ordinal)) w.WriteStringValue(a);
                w.WriteEndArray();
            }
            w.WriteEndObject();
            w.WriteEndObject();
            w.Flush();
            fs.Flush(true);
        }
        File.Move(tmp, _path, overwrite: true);
    }
}
