using System.Text.Json.Nodes;

namespace DistillGuard.Sharing.Stix;

/// <summary>Traffic Light Protocol 2.0 levels, most shareable first.</summary>
public enum TlpLevel
{
    Clear = 0,
    Green = 1,
    Amber = 2,
    AmberStrict = 3,
    Red = 4,
}

/// <summary>The TLP 2.0 marking-definition objects published by OASIS (fixed ids, extension
/// extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d).</summary>
public static class Tlp
{
    public const string ExtensionId = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";
    private const string Created = "2022-10-01T00:00:00.000Z";
    private const string CreatedBy = "identity--b3bca3c2-1f3d-4b54-b44f-dac42c3a8f01";

    public static string MarkingId(TlpLevel level) => level switch
    {
        TlpLevel.Clear => "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
        TlpLevel.Green => "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
        TlpLevel.Amber => "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
        TlpLevel.AmberStrict => "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
        TlpLevel.Red => "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };

    public static string WireName(TlpLevel level) => level switch
    {
        TlpLevel.Clear => "clear",
        TlpLevel.Green => "green",
        TlpLevel.Amber => "amber",
        TlpLevel.AmberStrict => "amber+strict",
        TlpLevel.Red => "red",
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };

    public static bool TryParse(string? text, out TlpLevel level)
    {
        level = TlpLevel.Clear;
        switch (text?.Trim().ToLowerInvariant().Replace("tlp:", ""))
        {
            case "clear" or "white": level = TlpLevel.Clear; return true;
            case "green": level = TlpLevel.Green; return true;
            case "amber": level = TlpLevel.Amber; return true;
            case "amber+strict" or "amber-strict": level = TlpLevel.AmberStrict; return true;
            case "red": level = TlpLevel.Red; return true;
            default: return false;
        }
    }

    /// <summary>The TLP level of a marking-definition id (2.0 and the 2.1 TLP 1.0 ids); null when it is not TLP.</summary>
    public static TlpLevel? FromMarkingId(string id) => id switch
    {
        "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487" or "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9" => TlpLevel.Clear,
        "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb" or "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da" => TlpLevel.Green,
        "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421" or "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82" => TlpLevel.Amber,
        "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003" => TlpLevel.AmberStrict,
        "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1" or "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed" => TlpLevel.Red,
        _ => null,
    };

    /// <summary>The most restrictive TLP among an object's object_marking_refs; objects without TLP count as <paramref name="unmarked"/>.</summary>
    public static TlpLevel Of(JsonObject stixObject, TlpLevel unmarked = TlpLevel.Amber)
    {
        if (stixObject["type"]?.GetValue<string>() == "marking-definition") return TlpLevel.Clear;
        TlpLevel? worst = null;
        if (stixObject["object_marking_refs"] is JsonArray refs)
            foreach (var r in refs)
                if (r?.GetValue<string>() is { } s && FromMarkingId(s) is { } l && (worst is null || l > worst)) worst = l;
        return worst ?? unmarked;
    }

    public static JsonObject MarkingDefinition(TlpLevel level) => new()
    {
        ["type"] = "marking-definition",
        ["spec_version"] = "2.1",
        ["id"] = MarkingId(level),
        ["created_by_ref"] = CreatedBy,
        ["created"] = Created,
        ["name"] = "TLP:" + WireName(level).ToUpperInvariant(),
        ["extensions"] = new JsonObject
        {
            [ExtensionId] = new JsonObject { ["extension_type"] = "property-extension", ["tlp_2_0"] = WireName(level) },
        },
    };
}
