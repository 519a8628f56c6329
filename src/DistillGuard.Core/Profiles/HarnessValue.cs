namespace DistillGuard.Core.Profiles;

/// <summary>
/// What an account's harness is known by: the system prompt it sends and the set of tools it declares. An agent harness
/// is its prompt and its tools; an operation that writes tools of its own (names no one else's client declares) runs a
/// harness of its own even where it sends no system prompt, or a different one per account. Both are counted as the
/// account's harness values (<see cref="AccountProfile.SystemPrompts"/>, key kind <c>shared-system-prompt</c>), so the
/// rules that find an operation on its harness (<c>KeyGroupBuilder.MeasureHarnessOperators</c>: holders tied by identity
/// or by exits that rotate where the log's do not) and that join or part findings by a harness of their own judge a tool
/// set as they judge a prompt. Two differences, because tool names are public far more often than prompts are (an API's
/// built-in tools, an SDK's examples): a tool set binds accounts in the account graph only where an operation was found
/// on it, and a set most of whose holders are outside a group does not mark a product's egress (<c>CampaignAssembler</c>).
/// An output schema is a third value of the same kind and is judged as a tool set is (<see cref="IsShape"/>): the field
/// names of the record shape a prompt asks for, or a structured-output request declares
/// (<see cref="Model.ExchangeFeatures.SchemaHash"/>) — what an operation that rewords its instructions per account still
/// asks every account for (the red team's `shadow-clause`: a prompt per account around one clause-review schema).
/// <para>
/// A tool set's value is its order-independent name hash (<see cref="Model.ExchangeFeatures.ToolSetHash"/>) re-hashed,
/// with a tag in its low 16 bits, which the rules read (a tool set links only where an operation was found on it); a
/// system prompt's hash that carries the tag by chance (once in 65,536) has its lowest bit flipped (<see cref="OfPrompt"/>),
/// so the two never mix.
/// </para>
/// </summary>
public static class HarnessValue
{
    private const ulong ToolTag = 0x7A5E;
    private const ulong ToolSalt = 0x746F6F6C2D736574UL;   // "tool-set"
    private const ulong SchemaTag = 0x5C4E;
    private const ulong SchemaSalt = 0x736368656D612D31UL;   // "schema-1"

    /// <summary>The harness value of a declared tool set (its <see cref="Model.ExchangeFeatures.ToolSetHash"/>, not 0).</summary>
    public static ulong OfTools(ulong toolSetHash) => (Hashing.Combine(toolSetHash, ToolSalt) & ~0xFFFFUL) | ToolTag;

    /// <summary>The harness value of an output schema, written into the system prompt or declared as a structured output
    /// (its <see cref="Model.ExchangeFeatures.SchemaHash"/>, not 0).</summary>
    public static ulong OfSchema(ulong schemaHash) => (Hashing.Combine(schemaHash, SchemaSalt) & ~0xFFFFUL) | SchemaTag;

    /// <summary>The harness value of a system prompt (its <see cref="Model.ExchangeFeatures.SystemHash"/>, not 0): the hash
    /// itself, unless it carries a shape's tag.</summary>
    public static ulong OfPrompt(ulong systemHash) => (systemHash & 0xFFFF) is ToolTag or SchemaTag ? systemHash ^ 1 : systemHash;

    public static bool IsToolSet(ulong value) => (value & 0xFFFF) == ToolTag;

    public static bool IsSchema(ulong value) => (value & 0xFFFF) == SchemaTag;

    /// <summary>A declared shape — a tool set or an output schema — rather than a prompt: names that are public far more
    /// often than a prompt's wording is (an API's built-in tools, an SDK's examples, a popular record format), so the
    /// rules let it bind accounts only where an operation was found on it.</summary>
    public static bool IsShape(ulong value) => IsToolSet(value) || IsSchema(value);

    /// <summary>"tool set", "output schema" or "system prompt".</summary>
    public static string What(ulong value) => IsToolSet(value) ? "tool set" : IsSchema(value) ? "output schema" : "system prompt";

    /// <summary>How reasons name the value: "system prompt 0123…" or "tool set 0123…".</summary>
    public static string Describe(ulong value) => $"{What(value)} {value:x16}";
}
