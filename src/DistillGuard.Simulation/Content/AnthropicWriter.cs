using System.Text.Json;
using DistillGuard.Simulation.Common;

namespace DistillGuard.Simulation.Content;

/// <summary>Writes Anthropic Messages request and response bodies.</summary>
internal static class AnthropicWriter
{
    public static void Request(Utf8JsonWriter w, ExchangeIntent intent, RenderScratch sc)
    {
        w.WriteStartObject("request");
        w.WriteText("model"u8, intent.Model);
        w.WriteNumber("max_tokens"u8, intent.MaxTokens);
        if (!sc.System.IsEmpty)
        {
            if (sc.SystemAsBlocks)
            {
                w.WriteStartArray("system"u8);
                w.WriteStartObject();
                w.WriteString("type"u8, "text"u8);
                w.WriteText("text"u8, sc.System.Span);
                w.WriteStartObject("cache_control"u8);
                w.WriteString("type"u8, "ephemeral"u8);
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndArray();
            }
            else w.WriteText("system"u8, sc.System.Span);
        }
        w.WriteStartArray("messages"u8);
        for (int t = 0; t < sc.TurnCount; t++)
        {
            var turn = sc.Turns[t];
            User(w, turn.User.Span, sc.UserAsParts);
            w.WriteStartObject();
            w.WriteString("role"u8, "assistant"u8);
            w.WriteStartArray("content"u8);
            if (turn.HasThinking)
            {
                w.WriteStartObject();
                w.WriteString("type"u8, "thinking"u8);
                w.WriteText("thinking"u8, turn.Thinking.Span);
                if (turn.ReplayedSignature is not null) w.WriteText("signature"u8, turn.ReplayedSignature);
                else w.WriteText("signature"u8, turn.Signature.Span);
                w.WriteEndObject();
            }
            if (turn.Tool is not null)
            {
                w.WriteStartObject();
                w.WriteString("type"u8, "tool_use"u8);
                w.WriteText("id"u8, turn.CallId.Span);
                w.WriteText("name"u8, turn.Tool.Name);
                w.WritePropertyName("input"u8);
                w.WriteRawValue(turn.ToolArgs.Span, skipInputValidation: true);
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteStartObject();
                w.WriteString("role"u8, "user"u8);
                w.WriteStartArray("content"u8);
                w.WriteStartObject();
                w.WriteString("type"u8, "tool_result"u8);
                w.WriteText("tool_use_id"u8, turn.CallId.Span);
                w.WriteText("content"u8, turn.ToolResult.Span);
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteStartObject();
                w.WriteString("role"u8, "assistant"u8);
                w.WriteStartArray("content"u8);
            }
            w.WriteStartObject();
            w.WriteString("type"u8, "text"u8);
            w.WriteText("text"u8, turn.Assistant.Span);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }
        User(w, sc.Final.Span, sc.UserAsParts);
        w.WriteEndArray();
        if (sc.ToolSet is not null)
        {
            w.WriteStartArray("tools"u8);
            foreach (var tool in sc.ToolSet)
            {
                w.WriteStartObject();
                w.WriteText("name"u8, tool.Name);
                w.WriteText("description"u8, tool.Description);
                w.WritePropertyName("input_schema"u8);
                w.WriteRawValue(tool.Schema, skipInputValidation: true);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartObject("tool_choice"u8);
            w.WriteString("type"u8, "auto"u8);
            w.WriteEndObject();
        }
        if (intent.ThinkingBudget > 0)
        {
            w.WriteStartObject("thinking"u8);
            w.WriteString("type"u8, "enabled"u8);
            w.WriteNumber("budget_tokens"u8, intent.ThinkingBudget);
            w.WriteEndObject();
        }
        else if (intent.Temperature is double temp) w.WriteNumber("temperature"u8, temp);
        w.WriteEndObject();
    }

    private static void User(Utf8JsonWriter w, ReadOnlySpan<char> text, bool asBlocks)
    {
        w.WriteStartObject();
        w.WriteString("role"u8, "user"u8);
        if (asBlocks)
        {
            w.WriteStartArray("content"u8);
            w.WriteStartObject();
            w.WriteString("type"u8, "text"u8);
            w.WriteText("text"u8, text);
            w.WriteEndObject();
            w.WriteEndArray();
        }
        else w.WriteText("content"u8, text);
        w.WriteEndObject();
    }

    public static void Response(Utf8JsonWriter w, ExchangeIntent intent, RenderScratch sc, ref SimRandom r, out int outputTokens)
    {
        w.WriteStartObject("response");
        sc.Tmp.Clear(); Ids.AnthropicMessage(sc.Tmp, ref r);
        w.WriteText("id"u8, sc.Tmp.Span);
        w.WriteString("type"u8, "message"u8);
        w.WriteString("role"u8, "assistant"u8);
        w.WriteText("model"u8, intent.Model);
        w.WriteStartArray("content"u8);
        if (intent.ThinkingBudget > 0)
        {
            w.WriteStartObject();
            w.WriteString("type"u8, "thinking"u8);
            w.WriteText("thinking"u8, sc.Thinking.Span);
            if (intent.IssuedArtifact is not null) w.WriteText("signature"u8, intent.IssuedArtifact);
            else { sc.Signature.Clear(); Ids.Signature(sc.Signature, ref r); w.WriteText("signature"u8, sc.Signature.Span); }
            w.WriteEndObject();
        }
        if (!sc.Answers[0].IsEmpty)
        {
            w.WriteStartObject();
            w.WriteString("type"u8, "text"u8);
            w.WriteText("text"u8, sc.Answers[0].Span);
            w.WriteEndObject();
        }
        var tool = sc.ResponseTools[0];
        if (tool is not null)
        {
            w.WriteStartObject();
            w.WriteString("type"u8, "tool_use"u8);
            sc.Tmp.Clear(); Ids.ToolUse(sc.Tmp, ref r);
            w.WriteText("id"u8, sc.Tmp.Span);
            w.WriteText("name"u8, tool.Name);
            w.WritePropertyName("input"u8);
            w.WriteRawValue(sc.ToolArgs[0].Span, skipInputValidation: true);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteString("stop_reason"u8, tool is not null ? "tool_use"u8 : sc.Truncated ? "max_tokens"u8 : "end_turn"u8);
        w.WriteNull("stop_sequence"u8);
        int output = sc.AnswerTokens[0] + sc.ThinkingTokens;
        w.WriteStartObject("usage"u8);
        w.WriteNumber("input_tokens"u8, sc.InputTokens);
        w.WriteNumber("cache_creation_input_tokens"u8, 0);
        w.WriteNumber("cache_read_input_tokens"u8, 0);
        w.WriteNumber("output_tokens"u8, output);
        w.WriteEndObject();
        w.WriteEndObject();
        outputTokens = output;
    }
}
