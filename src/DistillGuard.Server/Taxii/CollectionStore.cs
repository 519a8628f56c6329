using System.Text.Json.Nodes;

namespace DistillGuard.Server.Taxii;

/// <summary>In-memory object store of the TAXII collections: every version of every object (version = modified, or
/// created, or the add time for objects that have neither), in the order added. Date-added values are strictly
/// increasing, so <c>added_after</c> paging never skips or repeats an object.</summary>
public sealed class CollectionStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<StoredObject>> _byCollection = new(StringComparer.Ordinal);
    private DateTimeOffset _last = DateTimeOffset.MinValue;

    /// <summary>Adds objects; a version already present is not added again. Returns (id, version, added?) per object.</summary>
    public IReadOnlyList<(string Id, string Version, bool Added)> Add(string collection, IEnumerable<JsonObject> objects, DateTimeOffset now)
    {
        var results = new List<(string, string, bool)>();
        lock (_gate)
        {
            if (!_byCollection.TryGetValue(collection, out var list)) _byCollection[collection] = list = new List<StoredObject>();
            foreach (var o in objects)
            {
                string id = o["id"]!.GetValue<string>();
                string version = o["modified"]?.GetValue<string>() ?? o["created"]?.GetValue<string>() ?? "";
                if (list.Any(s => s.Id == id && s.Version == version)) { results.Add((id, version, false)); continue; }
                var added = now > _last ? now : _last.AddTicks(TimeSpan.TicksPerMillisecond);
                added = new DateTimeOffset(added.Ticks - added.Ticks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
                if (added <= _last) added = _last.AddMilliseconds(1);
                _last = added;
                if (version.Length == 0) version = added.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'");
                list.Add(new StoredObject(id, version, added, (JsonObject)o.DeepClone()));
                results.Add((id, version, true));
            }
        }
        return results;
    }

    public IReadOnlyList<StoredObject> All(string collection)
    {
        lock (_gate) return _byCollection.TryGetValue(collection, out var l) ? l.ToArray() : [];
    }
}
