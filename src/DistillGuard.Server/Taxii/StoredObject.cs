using System.Text.Json.Nodes;

namespace DistillGuard.Server.Taxii;

/// <summary>One version of one object in a collection, with when the server added it.</summary>
public sealed record StoredObject(string Id, string Version, DateTimeOffset DateAdded, JsonObject Object);
