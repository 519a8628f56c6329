using System.Text.Json;
using DistillGuard.Core.Fingerprints;

namespace DistillGuard.Core.Parsing;

/// <summary>Anthropic Messages request and response bodies.</summary>
internal static class AnthropicMessagesBody
{
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // batch reads: optimised code from the first line
    public static void ReadRequest(ref Utf8JsonReader r, BodyScratch s)
    {
        var f = s.F;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("messages"u8)) ReadMessages(ref r, s);
            else if (r.ValueTextEquals("system"u8)) Json.ReadTextOrParts(ref r, s.System);
            else if (r.ValueTextEquals("model"u8)) f.Model = BodyStrings.Read(ref r);
            else if (r.ValueTextEquals("max_tokens"u8)) { if (Json.ReadInt(ref r, out int v)) f.MaxTokens = v; }
            else if (r.ValueTextEquals("temperature"u8)) f.Temperature = Json.ReadDouble(ref r);
            else if (r.ValueTextEquals("thinking"u8)) ReadThinking(ref r, s);
            else if (r.ValueTextEquals("tools"u8)) ReadTools(ref r, s);
            else Json.SkipValue(ref r);
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // per-line hot path: optimised from the first call, no tier-0 or instrumented code
    private static void ReadThinking(ref Utf8JsonReader r, BodyScratch s)
    {
        r.Read();
        if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); return; }
        bool enabled = true;
        int budget = 0;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("type"u8))
            {
                r.Read();
                if (r.TokenType == JsonTokenType.String && r.ValueTextEquals("disabled"u8)) enabled = false;
                else r.Skip();
            }
            else if (r.ValueTextEquals("budget_tokens"u8)) Json.ReadInt(ref r, out budget);
            else Json.SkipValue(ref r);
        }
        if (enabled) s.F.ThinkingBudget = budget;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // per-line hot path: optimised from the first call, no tier-0 or instrumented code
    private static void ReadTools(ref Utf8JsonReader r, BodyScratch s)
    {
        r.Read();
        if (r.TokenType != JsonTokenType.StartArray) { r.Skip(); return; }
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); continue; }
            ulong name = 0;
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueTextEquals("name"u8)) name = Json.ReadStringHash(ref r);
                else Json.SkipValue(ref r);
            }
            s.ToolNames.Add(name == 0 ? 1 : name);
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // batch reads: optimised code from the first line
    private static void ReadMessages(ref Utf8JsonReader r, BodyScratch s)
    {
        r.Read();
        if (r.TokenType != JsonTokenType.StartArray) { r.Skip(); return; }
        s.HasMessages = true;
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); continue; }
            Role role = Role.Other;
            bool artifact = false;
            s.Current.Clear();
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueTextEquals("role"u8)) role = Json.ReadRole(ref r);
                else if (r.ValueTextEquals("content"u8)) artifact |= ReadContent(ref r, s, s.F.PresentedArtifacts);
                else Json.SkipValue(ref r);
            }
            if (artifact && role == Role.User) s.ArtifactInUserTurn = true;
            s.EndMessage(role);
        }
    }

    /// <summary>Reads a content value (string or blocks): text into <c>Current</c>, signatures / redacted data into <paramref name="artifacts"/>. Returns whether an artifact was seen.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // per-line hot path: optimised from the first call, no tier-0 or instrumented code
    private static bool ReadContent(ref Utf8JsonReader r, BodyScratch s, List<ulong> artifacts)
    {
        r.Read();
        if (r.TokenType == JsonTokenType.String) { s.Current.AppendSeparator(); s.Current.AppendString(ref r); return false; }
        if (r.TokenType != JsonTokenType.StartArray) { r.Skip(); return false; }
        bool artifact = false;
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); continue; }
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueTextEquals("text"u8))
                {
                    r.Read();
                    if (r.TokenType == JsonTokenType.String) { s.Current.AppendSeparator(); s.Current.AppendString(ref r); }
                    else r.Skip();
                }
                else if (r.ValueTextEquals("signature"u8) || r.ValueTextEquals("data"u8))
                {
                    ulong h = Json.ReadArtifactHash(ref r);
                    if (h != 0) { artifacts.Add(h); artifact = true; }
                }
                else Json.SkipValue(ref r);
            }
        }
        return artifact;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // batch reads: optimised code from the first line
    public static void ReadResponse(ref Utf8JsonReader r, BodyScratch s)
    {
        var f = s.F;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("content"u8)) ReadResponseContent(ref r, s);
            else if (r.ValueTextEquals("usage"u8)) Json.ReadUsage(ref r, f, "input_tokens"u8, "output_tokens"u8, default);
            else Json.SkipValue(ref r);
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // batch reads: optimised code from the first line
    private static void ReadResponseContent(ref Utf8JsonReader r, BodyScratch s)
    {
        r.Read();
        if (r.TokenType != JsonTokenType.StartArray) { r.Skip(); return; }
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); continue; }
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueTextEquals("type"u8))
                {
                    r.Read();
                    if (r.TokenType == JsonTokenType.String && (r.ValueTextEquals("tool_use"u8) || r.ValueTextEquals("server_tool_use"u8))) s.ResponseToolCalls = true;
                }
                else if (r.ValueTextEquals("thinking"u8))
                {
                    r.Read();
                    if (r.TokenType == JsonTokenType.String && r.ValueSpan.Length > 0) { s.F.ReasoningExposed = true; s.ReasoningChars += r.ValueSpan.Length; }
                    else r.Skip();
                }
                else if (r.ValueTextEquals("signature"u8) || r.ValueTextEquals("data"u8))
                {
                    ulong h = Json.ReadArtifactHash(ref r);
                    if (h != 0) s.F.IssuedArtifacts.Add(h);
                }
                else if (r.ValueTextEquals("text"u8))
                {
                    r.Read();
                    if (r.TokenType == JsonTokenType.String) s.ScanResponseText(r.ValueSpan); else r.Skip();
                }
                else Json.SkipValue(ref r);
            }
        }
    }
}
