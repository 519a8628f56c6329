using System.Text.Json;
using System.Text.Json.Nodes;

namespace DistillGuard.Sharing.Policy;

/// <summary>Reads the partner list: {"partners":[{"name":"lab-b","member":true,"amber":true}, ...]} (a bare array too).</summary>
public static class PartnersFile
{
    public static SharingPolicy Load(string path)
    {
        JsonNode? root;
        try { root = JsonNode.Parse(File.ReadAllText(path)); }
        catch (JsonException e) { throw new InvalidDataException($"{path}: not JSON ({e.Message})"); }
        return Parse(root is JsonObject o ? o["partners"] : root, path);
    }

    public static SharingPolicy Parse(JsonNode? partners, string source)
    {
        if (partners is not JsonArray arr) throw new InvalidDataException($"{source}: expected \"partners\": [...]");
        var list = new List<Partner>();
        foreach (var p in arr)
        {
            if (p is not JsonObject o || o["name"]?.GetValue<string>() is not { Length: > 0 } name)
                throw new InvalidDataException($"{source}: every partner needs a \"name\"");
            list.Add(new Partner { Name = name, Member = o["member"]?.GetValue<bool>() ?? false, Amber = o["amber"]?.GetValue<bool>() ?? false });
        }
        return new SharingPolicy(list);
    }
}
