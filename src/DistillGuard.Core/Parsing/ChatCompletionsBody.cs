using System.Text.Json;

namespace DistillGuard.Core.Parsing;

/// <summary>OpenAI Chat Completions request and response bodies.</summary>
internal static class ChatCompletionsBody
{
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // batch reads: optimised code from the first line
    public static void ReadRequest(ref Utf8JsonReader r, BodyScratch s)
    {
        var f = s.F;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("messages"u8)) ReadMessages(ref r, s);
            else if (r.ValueTextEquals("model"u8)) f.Model = BodyStrings.Read(ref r);
            else if (r.ValueTextEquals("max_tokens"u8) || r.ValueTextEquals("max_completion_tokens"u8))
            { if (Json.ReadInt(ref r, out int v)) f.MaxTokens = Math.Max(f.MaxTokens, v); }
            else if (r.ValueTextEquals("reasoning_effort"u8)) f.ThinkingBudget = Json.EffortBudget(ref r);
            else if (r.ValueTextEquals("logprobs"u8)) f.Logprobs = Json.ReadBool(ref r);
            else if (r.ValueTextEquals("top_logprobs"u8)) { if (Json.ReadInt(ref r, out int v)) f.TopLogprobs = v; }
            else if (r.ValueTextEquals("n"u8)) { if (Json.ReadInt(ref r, out int v)) f.N = v; }
            else if (r.ValueTextEquals("temperature"u8)) f.Temperature = Json.ReadDouble(ref r);
            else if (r.ValueTextEquals("tools"u8) || r.ValueTextEquals("functions"u8)) ReadTools(ref r, s);
            else if (r.ValueTextEquals("response_format"u8)) s.FormatSchema = Json.ReadSchemaFields(ref r);
            else Json.SkipValue(ref r);
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
            s.Current.Clear();
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueTextEquals("role"u8)) role = Json.ReadRole(ref r);
                else if (r.ValueTextEquals("content"u8)) Json.ReadTextOrParts(ref r, s.Current);
                else Json.SkipValue(ref r);
            }
            s.EndMessage(role);
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
            ulong name = 0;
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                if (r.ValueTextEquals("name"u8)) name = Json.ReadStringHash(ref r);        // legacy functions / flat tools
                else if (r.ValueTextEquals("function"u8))
                {
                    r.Read();
                    if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); continue; }
                    while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
                    {
                        if (r.ValueTextEquals("name"u8)) name = Json.ReadStringHash(ref r);
                        else Json.SkipValue(ref r);
                    }
                }
                else Json.SkipValue(ref r);
            }
            s.ToolNames.Add(name == 0 ? 1 : name);
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // batch reads: optimised code from the first line
    public static void ReadResponse(ref Utf8JsonReader r, BodyScratch s)
    {
        var f = s.F;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("choices"u8))
            {
                r.Read();
                if (r.TokenType != JsonTokenType.StartArray) { r.Skip(); continue; }
                while (r.Read() && r.TokenType != JsonTokenType.EndArray)
                {
                    if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); continue; }
                    while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
                    {
                        if (r.ValueTextEquals("message"u8) || r.ValueTextEquals("delta"u8)) ReadMessage(ref r, s);
                        else Json.SkipValue(ref r);
                    }
                }
            }
            else if (r.ValueTextEquals("usage"u8)) Json.ReadUsage(ref r, f, "prompt_tokens"u8, "completion_tokens"u8, "completion_tokens_details"u8);
            else Json.SkipValue(ref r);
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // per-line hot path: optimised from the first call, no tier-0 or instrumented code
    private static void ReadMessage(ref Utf8JsonReader r, BodyScratch s)
    {
        r.Read();
        if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); return; }
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("reasoning_content"u8) || r.ValueTextEquals("reasoning"u8))
            {
                r.Read();
                if (r.TokenType == JsonTokenType.String && r.ValueSpan.Length > 0) { s.F.ReasoningExposed = true; s.ReasoningChars += r.ValueSpan.Length; }
                else r.Skip();
            }
            else if (r.ValueTextEquals("tool_calls"u8) || r.ValueTextEquals("function_call"u8))
            {
                r.Read();
                if (r.TokenType is JsonTokenType.StartArray or JsonTokenType.StartObject)
                {
                    long depth = r.CurrentDepth;
                    bool any = false;
                    while (r.Read() && r.CurrentDepth > depth) { any = true; r.Skip(); }
                    if (any) s.ResponseToolCalls = true;
                }
            }
            else if (r.ValueTextEquals("content"u8))
            {
                r.Read();
                if (r.TokenType == JsonTokenType.String) s.ScanResponseText(r.ValueSpan);
                else if (r.TokenType == JsonTokenType.StartArray)
                {
                    // content parts: the text of each
                    while (r.Read() && r.TokenType != JsonTokenType.EndArray)
                    {
                        if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); continue; }
                        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
                        {
                            if (r.ValueTextEquals("text"u8))
                            {
                                r.Read();
                                if (r.TokenType == JsonTokenType.String) s.ScanResponseText(r.ValueSpan); else r.Skip();
                            }
                            else Json.SkipValue(ref r);
                        }
                    }
                }
                else r.Skip();
            }
            else Json.SkipValue(ref r);
        }
    }

}
