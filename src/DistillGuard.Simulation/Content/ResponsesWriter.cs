using System.Text.Json;
using DistillGuard.Simulation.Common;

namespace DistillGuard.Simulation.Content;

/// <summary>Writes OpenAI Responses request and response bodies.</summary>
internal static class ResponsesWriter
{
    public static void Request(Utf8JsonWriter w, ExchangeIntent intent, RenderScratch sc, ref SimRandom r)
    {
        w.WriteStartObject("request");
        w.WriteText("model"u8, intent.Model);
        if (!sc.System.IsEmpty) w.WriteText("instructions"u8, sc.System.Span);
        if (sc.TurnCount == 0 && sc.InputAsString)
            w.WriteText("input"u8, sc.Final.Span);
        else
        {
            w.WriteStartArray("input"u8);
            for (int t = 0; t < sc.TurnCount; t++)
            {
                var turn = sc.Turns[t];
                Message(w, "user"u8, turn.User.Span, sc.InputAsString);
                if (turn.HasThinking)
                {
                    w.WriteStartObject();
                    w.WriteString("type"u8, "reasoning"u8);
                    sc.Tmp.Clear(); Ids.ResponseItem(sc.Tmp, "rs_", ref r);
                    w.WriteText("id"u8, sc.Tmp.Span);
                    w.WriteStartArray("summary"u8);
                    if (turn.ReplayedSignature is not null || r.Chance(0.5))
                    {
                        w.WriteStartObject();
                        w.WriteString("type"u8, "summary_text"u8);
                        w.WriteText("text"u8, turn.Thinking.Span);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    if (turn.ReplayedSignature is not null) w.WriteText("encrypted_content"u8, turn.ReplayedSignature);
                    else w.WriteText("encrypted_content"u8, turn.Signature.Span);
                    w.WriteEndObject();
                }
                if (turn.Tool is not null)
                {
                    w.WriteStartObject();
                    w.WriteString("type"u8, "function_call"u8);
                    w.WriteText("call_id"u8, turn.CallId.Span);
                    w.WriteText("name"u8, turn.Tool.Name);
                    w.WriteText("arguments"u8, turn.ToolArgs.Span);
                    w.WriteEndObject();
                    w.WriteStartObject();
                    w.WriteString("type"u8, "function_call_output"u8);
                    w.WriteText("call_id"u8, turn.CallId.Span);
                    w.WriteText("output"u8, turn.ToolResult.Span);
                    w.WriteEndObject();
                }
                w.WriteStartObject();
                w.WriteString("type"u8, "message"u8);
                w.WriteString("role"u8, "assistant"u8);
                w.WriteStartArray("content"u8);
                w.WriteStartObject();
                w.WriteString("type"u8, "output_text"u8);
                w.WriteText("text"u8, turn.Assistant.Span);
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
            }
            Message(w, "user"u8, sc.Final.Span, sc.InputAsString);
            w.WriteEndArray();
        }
        if (sc.ToolSet is not null)
        {
            w.WriteStartArray("tools"u8);
            foreach (var tool in sc.ToolSet)
            {
                w.WriteStartObject();
                w.WriteString("type"u8, "function"u8);
                w.WriteText("name"u8, tool.Name);
                w.WriteText("description"u8, tool.Description);
                w.WritePropertyName("parameters"u8);
                w.WriteRawValue(tool.Schema, skipInputValidation: true);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteString("tool_choice"u8, "auto"u8);
        }
        if (sc.Effort is not null)
        {
            w.WriteStartObject("reasoning"u8);
            w.WriteText("effort"u8, sc.Effort);
            if (intent.ExposeReasoning) w.WriteString("summary"u8, sc.SystemAsBlocks ? "detailed"u8 : "auto"u8);
            w.WriteEndObject();
        }
        w.WriteNumber("max_output_tokens"u8, intent.MaxTokens);
        if (intent.Temperature is double temp && sc.Effort is null) w.WriteNumber("temperature"u8, temp);
        if (intent.IssuedArtifact is not null)
        {
            w.WriteStartArray("include"u8);
            w.WriteStringValue("reasoning.encrypted_content"u8);
            w.WriteEndArray();
            w.WriteBoolean("store"u8, false);
        }
        w.WriteEndObject();
    }

    private static void Message(Utf8JsonWriter w, ReadOnlySpan<byte> role, ReadOnlySpan<char> text, bool easy)
    {
        w.WriteStartObject();
        if (easy)
        {
            w.WriteString("role"u8, role);
            w.WriteText("content"u8, text);
        }
        else
        {
            w.WriteString("type"u8, "message"u8);
            w.WriteString("role"u8, role);
            w.WriteStartArray("content"u8);
            w.WriteStartObject();
            w.WriteString("type"u8, "input_text"u8);
            w.WriteText("text"u8, text);
            w.WriteEndObject();
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    public static void Response(Utf8JsonWriter w, ExchangeIntent intent, RenderScratch sc, long created, ref SimRandom r, out int outputTokens)
    {
        w.WriteStartObject("response");
        sc.Tmp.Clear(); Ids.Response(sc.Tmp, ref r);
        w.WriteText("id"u8, sc.Tmp.Span);
        w.WriteString("object"u8, "response"u8);
        w.WriteNumber("created_at"u8, created);
        w.WriteString("status"u8, sc.Truncated ? "incomplete"u8 : "completed"u8);
        if (sc.Truncated)
        {
            w.WriteStartObject("incomplete_details"u8);
            w.WriteString("reason"u8, "max_output_tokens"u8);
            w.WriteEndObject();
        }
        w.WriteText("model"u8, intent.Model);
        w.WriteStartArray("output"u8);
        if (sc.Effort is not null || intent.IssuedArtifact is not null)
        {
            w.WriteStartObject();
            w.WriteString("type"u8, "reasoning"u8);
            sc.Tmp.Clear(); Ids.ResponseItem(sc.Tmp, "rs_", ref r);
            w.WriteText("id"u8, sc.Tmp.Span);
            w.WriteStartArray("summary"u8);
            if (!sc.Thinking.IsEmpty)
            {
                w.WriteStartObject();
                w.WriteString("type"u8, "summary_text"u8);
                w.WriteText("text"u8, sc.Thinking.Span);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            if (intent.IssuedArtifact is not null) w.WriteText("encrypted_content"u8, intent.IssuedArtifact);
            w.WriteEndObject();
        }
        if (!sc.Answers[0].IsEmpty)
        {
            w.WriteStartObject();
            w.WriteString("type"u8, "message"u8);
            sc.Tmp.Clear(); Ids.ResponseItem(sc.Tmp, "msg_", ref r);
            w.WriteText("id"u8, sc.Tmp.Span);
            w.WriteString("status"u8, sc.Truncated ? "incomplete"u8 : "completed"u8);
            w.WriteString("role"u8, "assistant"u8);
            w.WriteStartArray("content"u8);
            w.WriteStartObject();
            w.WriteString("type"u8, "output_text"u8);
            w.WriteText("text"u8, sc.Answers[0].Span);
            w.WriteStartArray("annotations"u8);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }
        if (sc.ResponseTools[0] is { } tool)
        {
            w.WriteStartObject();
            w.WriteString("type"u8, "function_call"u8);
            sc.Tmp.Clear(); Ids.ResponseItem(sc.Tmp, "fc_", ref r);
            w.WriteText("id"u8, sc.Tmp.Span);
            sc.Tmp.Clear(); Ids.Call(sc.Tmp, ref r);
            w.WriteText("call_id"u8, sc.Tmp.Span);
            w.WriteText("name"u8, tool.Name);
            w.WriteText("arguments"u8, sc.ToolArgs[0].Span);
            w.WriteString("status"u8, "completed"u8);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        int output = sc.AnswerTokens[0] + sc.ThinkingTokens;
        w.WriteStartObject("usage"u8);
        w.WriteNumber("input_tokens"u8, sc.InputTokens);
        w.WriteStartObject("input_tokens_details"u8);
        w.WriteNumber("cached_tokens"u8, 0);
        w.WriteEndObject();
        w.WriteNumber("output_tokens"u8, output);
        w.WriteStartObject("output_tokens_details"u8);
        w.WriteNumber("reasoning_tokens"u8, sc.ThinkingTokens);
        w.WriteEndObject();
        w.WriteNumber("total_tokens"u8, sc.InputTokens + output);
        w.WriteEndObject();
        w.WriteEndObject();
        outputTokens = output;
    }
}
