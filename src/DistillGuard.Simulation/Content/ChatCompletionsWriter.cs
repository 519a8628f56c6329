using System.Text;
using System.Text.Json;
using DistillGuard.Simulation.Common;

namespace DistillGuard.Simulation.Content;

/// <summary>Writes OpenAI Chat Completions request and response bodies.</summary>
internal static class ChatCompletionsWriter
{
    public static void Request(Utf8JsonWriter w, ExchangeIntent intent, RenderScratch sc)
    {
        w.WriteStartObject("request");
        w.WriteText("model"u8, intent.Model);
        w.WriteStartArray("messages"u8);
        if (!sc.System.IsEmpty)
        {
            w.WriteStartObject();
            w.WriteString("role"u8, sc.Effort is not null && sc.SystemAsBlocks ? "developer"u8 : "system"u8);
            w.WriteText("content"u8, sc.System.Span);
            w.WriteEndObject();
        }
        for (int t = 0; t < sc.TurnCount; t++)
        {
            var turn = sc.Turns[t];
            User(w, turn.User.Span, sc.UserAsParts);
            if (turn.Tool is not null)
            {
                w.WriteStartObject();
                w.WriteString("role"u8, "assistant"u8);
                w.WriteNull("content"u8);
                w.WriteStartArray("tool_calls"u8);
                ToolCall(w, turn.CallId.Span, turn.Tool.Name, turn.ToolArgs.Span);
                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteStartObject();
                w.WriteString("role"u8, "tool"u8);
                w.WriteText("tool_call_id"u8, turn.CallId.Span);
                w.WriteText("content"u8, turn.ToolResult.Span);
                w.WriteEndObject();
            }
            w.WriteStartObject();
            w.WriteString("role"u8, "assistant"u8);
            w.WriteText("content"u8, turn.Assistant.Span);
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
                w.WriteString("type"u8, "function"u8);
                w.WriteStartObject("function"u8);
                w.WriteText("name"u8, tool.Name);
                w.WriteText("description"u8, tool.Description);
                w.WritePropertyName("parameters"u8);
                w.WriteRawValue(tool.Schema, skipInputValidation: true);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteString("tool_choice"u8, "auto"u8);
        }
        w.WriteNumber(sc.UsesCompletionTokens ? "max_completion_tokens"u8 : "max_tokens"u8, intent.MaxTokens);
        if (intent.Temperature is double temp) w.WriteNumber("temperature"u8, temp);
        if (intent.N > 1) w.WriteNumber("n"u8, Math.Min(intent.N, RenderScratch.MaxChoices));
        if (intent.Logprobs)
        {
            w.WriteBoolean("logprobs"u8, true);
            if (intent.TopLogprobs > 0) w.WriteNumber("top_logprobs"u8, intent.TopLogprobs);
        }
        if (sc.Effort is not null) w.WriteText("reasoning_effort"u8, sc.Effort);
        w.WriteEndObject();
    }

    private static void User(Utf8JsonWriter w, ReadOnlySpan<char> text, bool asParts)
    {
        w.WriteStartObject();
        w.WriteString("role"u8, "user"u8);
        if (asParts)
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

    private static void ToolCall(Utf8JsonWriter w, ReadOnlySpan<char> id, string name, ReadOnlySpan<char> args)
    {
        w.WriteStartObject();
        w.WriteText("id"u8, id);
        w.WriteString("type"u8, "function"u8);
        w.WriteStartObject("function"u8);
        w.WriteText("name"u8, name);
        w.WriteText("arguments"u8, args);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    public static void Response(Utf8JsonWriter w, ExchangeIntent intent, RenderScratch sc, long created, ref SimRandom r, out int outputTokens)
    {
        w.WriteStartObject("response");
        sc.Tmp.Clear(); Ids.ChatCompletion(sc.Tmp, ref r);
        w.WriteText("id"u8, sc.Tmp.Span);
        w.WriteString("object"u8, "chat.completion"u8);
        w.WriteNumber("created"u8, created);
        w.WriteText("model"u8, intent.Model);
        w.WriteStartArray("choices"u8);
        int completion = 0;
        for (int c = 0; c < sc.Choices; c++)
        {
            w.WriteStartObject();
            w.WriteNumber("index"u8, c);
            w.WriteStartObject("message"u8);
            w.WriteString("role"u8, "assistant"u8);
            if (sc.Answers[c].IsEmpty) w.WriteNull("content"u8); else w.WriteText("content"u8, sc.Answers[c].Span);
            if (!sc.Thinking.IsEmpty) w.WriteText("reasoning_content"u8, sc.Thinking.Span);
            var tool = sc.ResponseTools[c];
            if (tool is not null)
            {
                w.WriteStartArray("tool_calls"u8);
                sc.Tmp.Clear(); Ids.Call(sc.Tmp, ref r);
                ToolCall(w, sc.Tmp.Span, tool.Name, sc.ToolArgs[c].Span);
                w.WriteEndArray();
            }
            w.WriteNull("refusal"u8);
            w.WriteEndObject();
            if (intent.Logprobs && !sc.Answers[c].IsEmpty) Logprobs(w, sc.Answers[c].Span, Math.Clamp(intent.TopLogprobs, 0, 20), ref r);
            else w.WriteNull("logprobs"u8);
            w.WriteString("finish_reason"u8, tool is not null ? "tool_calls"u8 : sc.Truncated ? "length"u8 : "stop"u8);
            w.WriteEndObject();
            completion += sc.AnswerTokens[c];
        }
        w.WriteEndArray();
        completion += sc.ThinkingTokens;
        w.WriteStartObject("usage"u8);
        w.WriteNumber("prompt_tokens"u8, sc.InputTokens);
        w.WriteNumber("completion_tokens"u8, completion);
        w.WriteNumber("total_tokens"u8, sc.InputTokens + completion);
        w.WriteStartObject("prompt_tokens_details"u8);
        w.WriteNumber("cached_tokens"u8, 0);
        w.WriteEndObject();
        w.WriteStartObject("completion_tokens_details"u8);
        w.WriteNumber("reasoning_tokens"u8, sc.ThinkingTokens);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteString("service_tier"u8, "default"u8);
        sc.Tmp.Clear(); Ids.Fingerprint(sc.Tmp, ref r);
        w.WriteText("system_fingerprint"u8, sc.Tmp.Span);
        w.WriteEndObject();
        outputTokens = completion;
    }

    /// <summary>Formats a log probability (≤ 0) with six decimals, e.g. <c>-0.444198</c>, without double formatting.</summary>
    private static ReadOnlySpan<byte> LogprobJson(double lp, Span<byte> output)
    {
        long micro = (long)Math.Round(-lp * 1_000_000);
        if (micro <= 0) { output[0] = (byte)'0'; return output[..1]; }
        int o = 0;
        output[o++] = (byte)'-';
        long whole = micro / 1_000_000, frac = micro % 1_000_000;
        System.Buffers.Text.Utf8Formatter.TryFormat(whole, output[o..], out int written);
        o += written;
        if (frac > 0)
        {
            output[o++] = (byte)'.';
            int digits = 6;
            while (frac % 10 == 0) { frac /= 10; digits--; }
            for (int d = digits - 1; d >= 0; d--) { output[o + d] = (byte)('0' + frac % 10); frac /= 10; }
            o += digits;
        }
        return output[..o];
    }

    /// <summary>Formats bytes as a JSON number array ("[32,76]") into <paramref name="output"/>.</summary>
    private static ReadOnlySpan<byte> ByteArrayJson(ReadOnlySpan<byte> bytes, Span<byte> output)
    {
        int o = 0;
        output[o++] = (byte)'[';
        for (int b = 0; b < bytes.Length; b++)
        {
            if (b > 0) output[o++] = (byte)',';
            int v = bytes[b];
            if (v >= 100) { output[o++] = (byte)('0' + v / 100); v %= 100; output[o++] = (byte)('0' + v / 10); output[o++] = (byte)('0' + v % 10); }
            else if (v >= 10) { output[o++] = (byte)('0' + v / 10); output[o++] = (byte)('0' + v % 10); }
            else output[o++] = (byte)('0' + v);
        }
        output[o++] = (byte)']';
        return output[..o];
    }

    private static readonly string[] Alternatives = [" the", " a", ",", ".", " and", " to", " of", " is", " we", " it", " that", " in", " this", " so", " for", "\n", " first", " then", " be", " can"];

    /// <summary>
    /// Per-token log probabilities: content split at spaces, each token with its UTF-8 bytes and alternatives.
    /// Each token's object is composed as UTF-8 in a buffer and written raw: one writer call per token.
    /// </summary>
    private static void Logprobs(Utf8JsonWriter w, ReadOnlySpan<char> text, int top, ref SimRandom r)
    {
        w.WriteStartObject("logprobs"u8);
        w.WriteStartArray("content"u8);
        var buffer = t_logprobBuffer ??= new byte[64 * 1024];
        int i = 0;
        while (i < text.Length)
        {
            int start = i;
            i++;
            while (i < text.Length && ((text[i] != ' ' && text[i] != '\n' && i - start < 48) || char.IsLowSurrogate(text[i]))) i++;
            var token = text[start..i];
            double lp = -r.NextExponential(0.35);
            int o = 0;
            o = Entry(buffer, o, token, lp);
            o--; // reopen the object to add top_logprobs
            o = Put(buffer, o, ",\"top_logprobs\":["u8);
            double alt = lp;
            for (int k = 0; k < top; k++)
            {
                var tok = k == 0 ? token : Alternatives[r.Next(Alternatives.Length)].AsSpan();
                if (k > 0) { alt -= 0.5 + r.NextExponential(1.5); buffer[o++] = (byte)','; }
                o = Entry(buffer, o, tok, alt);
            }
            buffer[o++] = (byte)']';
            buffer[o++] = (byte)'}';
            w.WriteRawValue(buffer.AsSpan(0, o), skipInputValidation: true);
        }
        w.WriteEndArray();
        w.WriteNull("refusal"u8);
        w.WriteEndObject();
    }

    [ThreadStatic] private static byte[]? t_logprobBuffer;

    /// <summary>Writes {"token":…,"logprob":…,"bytes":[…]} at <paramref name="o"/>; returns the new end.</summary>
    private static int Entry(byte[] b, int o, ReadOnlySpan<char> token, double lp)
    {
        o = Put(b, o, "{\"token\":\""u8);
        for (int i = 0; i < token.Length; i++)
        {
            char c = token[i];
            switch (c)
            {
                case '"': b[o++] = (byte)'\\'; b[o++] = (byte)'"'; break;
                case '\\': b[o++] = (byte)'\\'; b[o++] = (byte)'\\'; break;
                default:
                    if (c < 0x20) { o = Put(b, o, "\\u00"u8); b[o++] = (byte)"0123456789abcdef"[c >> 4]; b[o++] = (byte)"0123456789abcdef"[c & 15]; }
                    else if (c < 0x80) b[o++] = (byte)c;
                    else
                    {
                        int len = char.IsHighSurrogate(c) && i + 1 < token.Length && char.IsLowSurrogate(token[i + 1]) ? 2 : 1;
                        o += Encoding.UTF8.GetBytes(token.Slice(i, len), b.AsSpan(o));
                        i += len - 1;
                    }
                    break;
            }
        }
        o = Put(b, o, "\",\"logprob\":"u8);
        o += LogprobJson(lp, b.AsSpan(o)).Length;
        o = Put(b, o, ",\"bytes\":"u8);
        Span<byte> utf8 = stackalloc byte[160];
        int n = Encoding.UTF8.GetBytes(token, utf8);
        o += ByteArrayJson(utf8[..n], b.AsSpan(o)).Length;
        b[o++] = (byte)'}';
        return o;
    }

    private static int Put(byte[] b, int o, ReadOnlySpan<byte> s)
    {
        s.CopyTo(b.AsSpan(o));
        return o + s.Length;
    }
}
