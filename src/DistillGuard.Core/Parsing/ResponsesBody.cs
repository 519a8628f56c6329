using System.Text.Json;

namespace DistillGuard.Core.Parsing;

/// <summary>OpenAI Responses request and response bodies.</summary>
internal static class ResponsesBody
{
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // batch reads: optimised code from the first line
    public static void ReadRequest(ref Utf8JsonReader r, BodyScratch s)
    {
        var f = s.F;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("input"u8)) ReadInput(ref r, s);
            else if (r.ValueTextEquals("instructions"u8)) Json.ReadTextOrParts(ref r, s.System);
            else if (r.ValueTextEquals("model"u8)) f.Model = BodyStrings.Read(ref r);
            else if (r.ValueTextEquals("max_output_tokens"u8)) { if (Json.ReadInt(ref r, out int v)) f.MaxTokens = v; }
            else if (r.ValueTextEquals("temperature"u8)) f.Temperature = Json.ReadDouble(ref r);
            else if (r.ValueTextEquals("top_logprobs"u8)) { if (Json.ReadInt(ref r, out int v)) { f.TopLogprobs = v; f.Logprobs |= v > 0; } }
            else if (r.ValueTextEquals("reasoning"u8))
            {
                r.Read();
                if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); continue; }
                while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
                {
                    if (r.ValueTextEquals("effort"u8)) f.ThinkingBudget = Json.EffortBudget(ref r);
                    else Json.SkipValue(ref r);
                }
            }
            else if (r.ValueTextEquals("include"u8))
            {
                r.Read();
                if (r.TokenType != JsonTokenType.StartArray) { r.Skip(); continue; }
                while (r.Read() && r.TokenType != JsonTokenType.EndArray)
                    if (r.TokenType == JsonTokenType.String && r.ValueTextEquals("message.output_text.logprobs"u8)) f.Logprobs = true;
                    else r.Skip();
            }
            else if (r.ValueTextEquals("tools"u8)) ReadTools(ref r, s);
            else if (r.ValueTextEquals("text"u8)) s.FormatSchema = Json.ReadSchemaFields(ref r);
            else Json.SkipValue(ref r);
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // per-line hot path: optimised from the first call, no tier-0 or instrumented code
    private static void ReadTools(ref Utf8JsonReader r, BodyScratch s)
    {
        r.Read();
        if (r.TokenType != JsonTokenType.StartArray) { r.Skip(); return; }
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); continue; }
            ulong name = 0, type = 0;
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueTextEquals("name"u8)) name = Json.ReadStringHash(ref r);
                else if (r.ValueTextEquals("type"u8)) type = Json.ReadStringHash(ref r);   // built-in tools (web_search, …) have no name
                else Json.SkipValue(ref r);
            }
            s.ToolNames.Add(name != 0 ? name : type != 0 ? type : 1);
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // batch reads: optimised code from the first line
    private static void ReadInput(ref Utf8JsonReader r, BodyScratch s)
    {
        r.Read();
        if (r.TokenType == JsonTokenType.String)
        {
            s.HasMessages = true;
            s.Current.Clear();
            s.Current.AppendString(ref r);
            s.EndMessage(Role.User);
            return;
        }
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
                else if (r.ValueTextEquals("content"u8)) Json.ReadTextOrParts(ref r, s.Current);
                else if (r.ValueTextEquals("encrypted_content"u8))
                {
                    ulong h = Json.ReadArtifactHash(ref r);
                    if (h != 0) { s.F.PresentedArtifacts.Add(h); artifact = true; }
                }
                else Json.SkipValue(ref r);
            }
            if (artifact && role == Role.User) s.ArtifactInUserTurn = true;
            s.EndMessage(role);
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // batch reads: optimised code from the first line
    public static void ReadResponse(ref Utf8JsonReader r, BodyScratch s)
    {
        var f = s.F;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("output"u8)) ReadOutput(ref r, s);
            else if (r.ValueTextEquals("usage"u8)) Json.ReadUsage(ref r, f, "input_tokens"u8, "output_tokens"u8, "output_tokens_details"u8);
            else Json.SkipValue(ref r);
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // batch reads: optimised code from the first line
    private static void ReadOutput(ref Utf8JsonReader r, BodyScratch s)
    {
        r.Read();
        if (r.TokenType != JsonTokenType.StartArray) { r.Skip(); return; }
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); continue; }
            bool reasoningItem = false;
            int readable = 0;
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueTextEquals("type"u8))
                {
                    r.Read();
                    if (r.TokenType != JsonTokenType.String) { r.Skip(); continue; }
                    if (r.ValueTextEquals("reasoning"u8)) reasoningItem = true;
                    else if (r.ValueTextEquals("function_call"u8) || r.ValueTextEquals("computer_call"u8) || r.ValueTextEquals("custom_tool_call"u8)) s.ResponseToolCalls = true;
                }
                else if (r.ValueTextEquals("encrypted_content"u8))
                {
                    ulong h = Json.ReadArtifactHash(ref r);
                    if (h != 0) s.F.IssuedArtifacts.Add(h);
                }
                else if (r.ValueTextEquals("summary"u8)) readable += TextLength(ref r, null);
                else if (r.ValueTextEquals("content"u8)) readable += TextLength(ref r, reasoningItem ? null : s);   // a message's output text is the answer
                else Json.SkipValue(ref r);
            }
            if (reasoningItem && readable > 0) { s.F.ReasoningExposed = true; s.ReasoningChars += readable; }
        }
    }

    /// <summary>Total length of the <c>text</c> members in an array of parts.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // per-line hot path: optimised from the first call, no tier-0 or instrumented code
    private static int TextLength(ref Utf8JsonReader r, BodyScratch? answer)
    {
        r.Read();
        if (r.TokenType != JsonTokenType.StartArray) { r.Skip(); return 0; }
        int n = 0;
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); continue; }
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueTextEquals("text"u8))
                {
                    r.Read();
                    if (r.TokenType == JsonTokenType.String) { n += r.ValueSpan.Length; answer?.ScanResponseText(r.ValueSpan); }
                    else r.Skip();
                }
                else Json.SkipValue(ref r);
            }
        }
        return n;
    }
}
