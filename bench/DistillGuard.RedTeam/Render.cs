using System.Text;
using System.Text.Json;

namespace DistillGuard.RedTeam;

/// <summary>Writes one exchange record: request and response bodies in the three public API formats.</summary>
public static class Render
{
    public static string ArtifactFor(Session s, int turn)
    {
        var r = new Rng(Rng.Mix(s.Seed, 0x5167UL + (ulong)turn));
        return s.Api == "anthropic.messages" ? "Er" + r.B64(r.Int(180, 330)) : "gAAAAAB" + r.B64(r.Int(300, 560)).Replace('+', '-').Replace('/', '_');
    }

    public static string ArtifactId(Session s, int turn) => "rs_" + new Rng(Rng.Mix(s.Seed, 0x1D00UL + (ulong)turn)).Hex(48);

    public static string SynthThinking(Session s, int turn, string? context)
    {
        var r = new Rng(Rng.Mix(s.Seed, 0x7417UL + (ulong)turn));
        string ctx = (context ?? "").Replace('\n', ' ');
        if (ctx.Length > 90) ctx = ctx[..90].TrimEnd() + "...";
        string[] open = ["The user is asking:", "Request:", "Okay, the message says", "Looking at this:", "So the task is"];
        string[] plan =
        [
            "I should restate the key facts before doing anything else.", "Let me check whether there is an edge case hiding here.", "The simplest approach probably works; I'll verify it at the end.",
            "I need to be careful not to assume anything the message doesn't say.", "Let me lay out the steps and then write a concise answer.", "There might be two readings; the more natural one is the first.",
            "I'll compute the intermediate values explicitly so I can double-check them.", "The tool output gives me what I need for the next step.", "A short answer with one example should be enough here.",
            "I should keep the tone and language of the user.", "Before answering, let me sanity-check the numbers.", "Next I should look at the relevant file or data rather than guess.",
        ];
        var sb = new System.Text.StringBuilder($"{r.Pick(open)} \"{ctx}\". ");
        int k = r.Int(2, 6);
        for (int i = 0; i < k; i++) sb.Append(r.Pick(plan)).Append(' ');
        return sb.ToString().TrimEnd();
    }

    static int ReasoningTokens(Session s, int turn, string thinking)
    {
        var r = new Rng(Rng.Mix(s.Seed, 0x4E5UL + (ulong)turn));
        int basis = Text.Tokens(thinking) * r.Int(3, 9);
        int cap = s.P.Budget ?? (s.P.Effort switch { "high" => 24000, "medium" => 8000, "low" => 2000, "minimal" => 300, _ => 4000 });
        return Math.Min(cap, basis);
    }

    public static void Write(Utf8JsonWriter w, Session s, int turn, string id, long ts, Convo c, Rng er)
    {
        int ai = Content.AssistantIndex(c, turn);
        var target = c.Msgs[ai];
        var history = c.Msgs.Take(ai).ToList();
        var r = new Rng(Rng.Mix(s.Seed, 0xEEUL + (ulong)turn));
        bool last = turn == c.Turns - 1;

        int status = 200;
        if (last && er.Chance(s.ErrRate)) status = er.Pick(new[] { 429, 429, 429, 500, s.Api == "anthropic.messages" ? 529 : 503, 400 });

        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteString("ts", World.Ts(ts));
        w.WriteString("account", s.Acct.Id);
        if (s.Key.Length > 0) w.WriteString("key", s.Key);
        w.WriteStartObject("client");
        w.WriteString("ip", s.Ip);
        w.WriteString("user_agent", s.Ua);
        if (s.Ja4 != null) w.WriteString("ja4", s.Ja4);
        if (s.Fwd != null) w.WriteString("forwarded_for", s.FwdPerTurn ? EndUserIp(s, turn) : s.Fwd);
        w.WriteEndObject();
        w.WriteString("route", s.Route);
        w.WriteString("api", s.Api);

        int inTok = Text.Tokens(c.System) + (c.Tools?.Sum(t => Text.Tokens(t.Schema) + 10) ?? 0) + history.Sum(m => Text.Tokens(m.Text) + (m.Calls?.Sum(x => Text.Tokens(x.ArgsJson)) ?? 0) + Text.Tokens(m.Thinking) + 4) + 3;
        string? ctxText = history.LastOrDefault(m => m.Role != "assistant")?.Text;
        string? thinking = s.P.Thinks ? (target.Thinking ?? SynthThinking(s, turn, ctxText)) : null;
        int outTok = Text.Tokens(target.Text) + (target.Calls?.Sum(x => Text.Tokens(x.ArgsJson) + 8) ?? 0);
        int rTok = thinking != null ? ReasoningTokens(s, turn, thinking) + Text.Tokens(thinking) : 0;
        int cached = turn > 0 && inTok >= 1024 ? (inTok - 200) / 128 * 128 : 0;

        switch (s.Api)
        {
            case "anthropic.messages": Anthropic(w, s, c, history, target, status, ts, turn, thinking, inTok, outTok, rTok, cached, r); break;
            case "openai.responses": Responses(w, s, c, history, target, status, ts, turn, thinking, inTok, outTok, rTok, cached, r); break;
            default: Chat(w, s, c, history, target, status, ts, turn, inTok, outTok, rTok, cached, r); break;
        }

        if (status != 200) w.WriteNumber("status", status);
        else w.WriteNumber("status", 200);
        int lat = status == 200 ? (int)(r.Range(250, 1400) + (outTok + rTok) * (s.P.N) / r.Range(45, 140) * 1000 / 1.0 / 1.0) : r.Int(30, 900);
        if (status == 200) lat = (int)Math.Min(lat, 600_000);
        w.WriteNumber("latency_ms", lat);
        w.WriteEndObject();
    }

    static string? Before(List<Msg> hist, int i)
    {
        for (int j = i - 1; j >= 0; j--) if (hist[j].Role != "assistant") return hist[j].Text;
        return null;
    }

    static string EndUserIp(Session s, int turn)
    {
        var r = new Rng(Rng.Mix(s.Seed, 0xF00UL + (ulong)turn));
        return World.ResidentialIp(World.DrawCountry(r), r);
    }

    static string ToolId(string api, string raw) => api == "anthropic.messages" ? "toolu_01" + raw[..22] : "call_" + raw;

    static void Raw(Utf8JsonWriter w, string prop, string json) { w.WritePropertyName(prop); w.WriteRawValue(json, skipInputValidation: true); }

    // ------------------------------------------------------------------------------------------ Anthropic Messages
    static void Anthropic(Utf8JsonWriter w, Session s, Convo c, List<Msg> hist, Msg target, int status, long ts, int turn, string? thinking, int inTok, int outTok, int rTok, int cached, Rng r)
    {
        var p = s.P;
        w.WriteStartObject("request");
        w.WriteString("model", s.Model);
        w.WriteNumber("max_tokens", p.MaxTokens);
        if (c.System != null)
        {
            if (p.CacheControl)
            {
                w.WriteStartArray("system");
                w.WriteStartObject(); w.WriteString("type", "text"); w.WriteString("text", c.System);
                w.WriteStartObject("cache_control"); w.WriteString("type", "ephemeral"); w.WriteEndObject(); w.WriteEndObject();
                w.WriteEndArray();
            }
            else w.WriteString("system", c.System);
        }
        w.WriteStartArray("messages");
        int i = 0;
        int aTurn = 0;
        while (i < hist.Count)
        {
            var m = hist[i];
            if (m.Role == "user")
            {
                w.WriteStartObject(); w.WriteString("role", "user");
                w.WriteString("content", m.Text); w.WriteEndObject(); i++;
            }
            else if (m.Role == "tool")
            {
                w.WriteStartObject(); w.WriteString("role", "user"); w.WriteStartArray("content");
                while (i < hist.Count && hist[i].Role == "tool")
                {
                    w.WriteStartObject(); w.WriteString("type", "tool_result"); w.WriteString("tool_use_id", ToolId(s.Api, hist[i].CallId!));
                    w.WriteString("content", hist[i].Text); if (hist[i].ToolError) w.WriteBoolean("is_error", true); w.WriteEndObject(); i++;
                }
                w.WriteEndArray(); w.WriteEndObject();
            }
            else
            {
                w.WriteStartObject(); w.WriteString("role", "assistant"); w.WriteStartArray("content");
                string? th = m.Artifact != null ? m.Thinking : (p.Thinks ? (m.Thinking ?? SynthThinking(s, aTurn, Before(hist, i))) : null);
                if (th != null)
                {
                    w.WriteStartObject(); w.WriteString("type", "thinking"); w.WriteString("thinking", th);
                    w.WriteString("signature", m.Artifact ?? ArtifactFor(s, aTurn)); w.WriteEndObject();
                }
                if (!string.IsNullOrEmpty(m.Text)) { w.WriteStartObject(); w.WriteString("type", "text"); w.WriteString("text", m.Text); w.WriteEndObject(); }
                foreach (var call in m.Calls ?? []) { w.WriteStartObject(); w.WriteString("type", "tool_use"); w.WriteString("id", ToolId(s.Api, call.Id)); w.WriteString("name", call.Name); Raw(w, "input", call.ArgsJson); w.WriteEndObject(); }
                w.WriteEndArray(); w.WriteEndObject(); i++;
                if (m.Artifact == null) aTurn++;
            }
        }
        w.WriteEndArray();
        if (c.Tools != null)
        {
            w.WriteStartArray("tools");
            foreach (var t in c.Tools) { w.WriteStartObject(); w.WriteString("name", t.Name); w.WriteString("description", t.Description); Raw(w, "input_schema", t.Schema); w.WriteEndObject(); }
            w.WriteEndArray();
            w.WriteStartObject("tool_choice");
            if (c.ForceTool) { w.WriteString("type", "tool"); w.WriteString("name", c.Tools[0].Name); } else w.WriteString("type", "auto");
            w.WriteEndObject();
        }
        if (p.Budget != null) { w.WriteStartObject("thinking"); w.WriteString("type", "enabled"); w.WriteNumber("budget_tokens", p.Budget.Value); w.WriteEndObject(); }
        else { if (p.Temp != null) w.WriteNumber("temperature", p.Temp.Value); if (p.TopP != null) w.WriteNumber("top_p", p.TopP.Value); }
        if (p.Stream) w.WriteBoolean("stream", true);
        if (p.User != null) { w.WriteStartObject("metadata"); w.WriteString("user_id", p.User); w.WriteEndObject(); }
        w.WriteEndObject();

        if (status != 200) return;
        w.WriteStartObject("response");
        w.WriteString("id", "msg_01" + r.Alnum(22));
        w.WriteString("type", "message"); w.WriteString("role", "assistant"); w.WriteString("model", s.Model);
        w.WriteStartArray("content");
        if (thinking != null) { w.WriteStartObject(); w.WriteString("type", "thinking"); w.WriteString("thinking", thinking); w.WriteString("signature", ArtifactFor(s, turn)); w.WriteEndObject(); }
        if (!string.IsNullOrEmpty(target.Text)) { w.WriteStartObject(); w.WriteString("type", "text"); w.WriteString("text", target.Text); w.WriteEndObject(); }
        foreach (var call in target.Calls ?? []) { w.WriteStartObject(); w.WriteString("type", "tool_use"); w.WriteString("id", ToolId(s.Api, call.Id)); w.WriteString("name", call.Name); Raw(w, "input", call.ArgsJson); w.WriteEndObject(); }
        w.WriteEndArray();
        bool cut = outTok + rTok >= p.MaxTokens;
        w.WriteString("stop_reason", target.Calls != null ? "tool_use" : cut ? "max_tokens" : "end_turn");
        w.WriteNull("stop_sequence");
        w.WriteStartObject("usage");
        int cr = p.CacheControl && turn > 0 ? Text.Tokens(c.System) : 0;
        w.WriteNumber("input_tokens", inTok - cr);
        w.WriteNumber("cache_creation_input_tokens", p.CacheControl && turn == 0 ? Text.Tokens(c.System) : 0);
        w.WriteNumber("cache_read_input_tokens", cr);
        w.WriteNumber("output_tokens", Math.Min(p.MaxTokens, outTok + rTok));
        w.WriteEndObject();
        w.WriteEndObject();
    }

    // ------------------------------------------------------------------------------------------ OpenAI Responses
    static void Responses(Utf8JsonWriter w, Session s, Convo c, List<Msg> hist, Msg target, int status, long ts, int turn, string? thinking, int inTok, int outTok, int rTok, int cached, Rng r)
    {
        var p = s.P;
        bool includeEnc = !p.Store;
        w.WriteStartObject("request");
        w.WriteString("model", s.Model);
        if (c.System != null) w.WriteString("instructions", c.System);
        if (hist.Count == 0 && c.Msgs[0].Role == "user") { }
        w.WritePropertyName("input");
        bool simple = hist.Count == 1 && hist[0].Role == "user" && r.Chance(0.5);
        if (simple) w.WriteStringValue(hist[0].Text);
        else
        {
            w.WriteStartArray();
            int aTurn = 0;
            foreach (var m in hist)
            {
                if (m.Role == "user")
                {
                    w.WriteStartObject(); w.WriteString("role", "user"); w.WriteStartArray("content");
                    w.WriteStartObject(); w.WriteString("type", "input_text"); w.WriteString("text", m.Text); w.WriteEndObject();
                    w.WriteEndArray(); w.WriteEndObject();
                }
                else if (m.Role == "tool")
                {
                    w.WriteStartObject(); w.WriteString("type", "function_call_output"); w.WriteString("call_id", ToolId(s.Api, m.CallId!)); w.WriteString("output", m.Text); w.WriteEndObject();
                }
                else
                {
                    int hi = hist.IndexOf(m);
                    bool pasted = m.Artifact != null;
                    if (pasted || (p.Thinks && includeEnc))
                    {
                        w.WriteStartObject(); w.WriteString("type", "reasoning"); w.WriteString("id", m.ArtifactId ?? ArtifactId(s, aTurn));
                        w.WriteStartArray("summary");
                        string th = m.Thinking ?? SynthThinking(s, aTurn, Before(hist, hi));
                        w.WriteStartObject(); w.WriteString("type", "summary_text"); w.WriteString("text", th); w.WriteEndObject();
                        w.WriteEndArray();
                        w.WriteString("encrypted_content", m.Artifact ?? ArtifactFor(s, aTurn)); w.WriteEndObject();
                    }
                    if (!string.IsNullOrEmpty(m.Text))
                    {
                        w.WriteStartObject(); w.WriteString("type", "message"); w.WriteString("role", "assistant"); w.WriteStartArray("content");
                        w.WriteStartObject(); w.WriteString("type", "output_text"); w.WriteString("text", m.Text); w.WriteEndObject();
                        w.WriteEndArray(); w.WriteEndObject();
                    }
                    foreach (var call in m.Calls ?? []) { w.WriteStartObject(); w.WriteString("type", "function_call"); w.WriteString("call_id", ToolId(s.Api, call.Id)); w.WriteString("name", call.Name); w.WriteString("arguments", call.ArgsJson); w.WriteEndObject(); }
                    if (!pasted) aTurn++;
                }
            }
            w.WriteEndArray();
        }
        if (c.Tools != null)
        {
            w.WriteStartArray("tools");
            foreach (var t in c.Tools) { w.WriteStartObject(); w.WriteString("type", "function"); w.WriteString("name", t.Name); w.WriteString("description", t.Description); Raw(w, "parameters", t.Schema); w.WriteBoolean("strict", false); w.WriteEndObject(); }
            w.WriteEndArray();
            if (c.ForceTool) { w.WriteStartObject("tool_choice"); w.WriteString("type", "function"); w.WriteString("name", c.Tools[0].Name); w.WriteEndObject(); }
        }
        if (p.Effort != null) { w.WriteStartObject("reasoning"); w.WriteString("effort", p.Effort); w.WriteString("summary", "auto"); w.WriteEndObject(); }
        else if (p.Temp != null) w.WriteNumber("temperature", p.Temp.Value);
        w.WriteNumber("max_output_tokens", p.MaxTokens);
        w.WriteBoolean("store", p.Store);
        if (includeEnc && p.Thinks) { w.WriteStartArray("include"); w.WriteStringValue("reasoning.encrypted_content"); w.WriteEndArray(); }
        if (p.Stream) w.WriteBoolean("stream", true);
        if (p.User != null) w.WriteString("user", p.User);
        w.WriteEndObject();

        if (status != 200) return;
        w.WriteStartObject("response");
        w.WriteString("id", "resp_" + r.Hex(48));
        w.WriteString("object", "response");
        w.WriteNumber("created_at", ts / TimeSpan.TicksPerSecond - 62135596800L);
        w.WriteString("status", "completed");
        w.WriteString("model", s.Model);
        w.WriteStartArray("output");
        if (thinking != null)
        {
            w.WriteStartObject(); w.WriteString("id", ArtifactId(s, turn)); w.WriteString("type", "reasoning");
            w.WriteStartArray("summary"); w.WriteStartObject(); w.WriteString("type", "summary_text"); w.WriteString("text", thinking); w.WriteEndObject(); w.WriteEndArray();
            if (includeEnc) w.WriteString("encrypted_content", ArtifactFor(s, turn));
            w.WriteEndObject();
        }
        if (!string.IsNullOrEmpty(target.Text))
        {
            w.WriteStartObject(); w.WriteString("id", "msg_" + r.Hex(48)); w.WriteString("type", "message"); w.WriteString("status", "completed"); w.WriteString("role", "assistant");
            w.WriteStartArray("content"); w.WriteStartObject(); w.WriteString("type", "output_text"); w.WriteString("text", target.Text); w.WriteStartArray("annotations"); w.WriteEndArray(); w.WriteEndObject(); w.WriteEndArray();
            w.WriteEndObject();
        }
        foreach (var call in target.Calls ?? [])
        {
            w.WriteStartObject(); w.WriteString("id", "fc_" + r.Hex(48)); w.WriteString("type", "function_call"); w.WriteString("status", "completed");
            w.WriteString("call_id", ToolId(s.Api, call.Id)); w.WriteString("name", call.Name); w.WriteString("arguments", call.ArgsJson); w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("usage");
        w.WriteNumber("input_tokens", inTok);
        w.WriteStartObject("input_tokens_details"); w.WriteNumber("cached_tokens", cached); w.WriteEndObject();
        w.WriteNumber("output_tokens", outTok + rTok);
        w.WriteStartObject("output_tokens_details"); w.WriteNumber("reasoning_tokens", rTok); w.WriteEndObject();
        w.WriteNumber("total_tokens", inTok + outTok + rTok);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    // ------------------------------------------------------------------------------------------ OpenAI Chat Completions
    static void Chat(Utf8JsonWriter w, Session s, Convo c, List<Msg> hist, Msg target, int status, long ts, int turn, int inTok, int outTok, int rTok, int cached, Rng r)
    {
        var p = s.P;
        w.WriteStartObject("request");
        w.WriteString("model", s.Model);
        w.WriteStartArray("messages");
        if (c.System != null) { w.WriteStartObject(); w.WriteString("role", p.Effort != null && r.Chance(0.4) ? "developer" : "system"); w.WriteString("content", c.System); w.WriteEndObject(); }
        foreach (var m in hist)
        {
            w.WriteStartObject();
            if (m.Role == "user") { w.WriteString("role", "user"); w.WriteString("content", m.Text); }
            else if (m.Role == "tool") { w.WriteString("role", "tool"); w.WriteString("tool_call_id", ToolId(s.Api, m.CallId!)); w.WriteString("content", m.Text); }
            else
            {
                w.WriteString("role", "assistant");
                if (string.IsNullOrEmpty(m.Text)) w.WriteNull("content"); else w.WriteString("content", m.Text);
                if (m.Calls != null) ToolCalls(w, s, m.Calls);
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (c.Tools != null)
        {
            w.WriteStartArray("tools");
            foreach (var t in c.Tools) { w.WriteStartObject(); w.WriteString("type", "function"); w.WriteStartObject("function"); w.WriteString("name", t.Name); w.WriteString("description", t.Description); Raw(w, "parameters", t.Schema); w.WriteEndObject(); w.WriteEndObject(); }
            w.WriteEndArray();
            if (c.ForceTool) { w.WriteStartObject("tool_choice"); w.WriteString("type", "function"); w.WriteStartObject("function"); w.WriteString("name", c.Tools[0].Name); w.WriteEndObject(); w.WriteEndObject(); }
            else w.WriteString("tool_choice", "auto");
        }
        if (p.MaxCompletion || p.Effort != null) w.WriteNumber("max_completion_tokens", p.MaxTokens); else w.WriteNumber("max_tokens", p.MaxTokens);
        if (p.Effort != null) w.WriteString("reasoning_effort", p.Effort);
        else { if (p.Temp != null) w.WriteNumber("temperature", p.Temp.Value); if (p.TopP != null) w.WriteNumber("top_p", p.TopP.Value); }
        if (p.N > 1) w.WriteNumber("n", p.N);
        if (p.Logprobs) { w.WriteBoolean("logprobs", true); if (p.TopLogprobs > 0) w.WriteNumber("top_logprobs", p.TopLogprobs); }
        if (p.Seed != null) w.WriteNumber("seed", p.Seed.Value);
        if (p.JsonMode) { w.WriteStartObject("response_format"); w.WriteString("type", "json_object"); w.WriteEndObject(); }
        if (p.Stream) { w.WriteBoolean("stream", true); w.WriteStartObject("stream_options"); w.WriteBoolean("include_usage", true); w.WriteEndObject(); }
        if (p.User != null) w.WriteString("user", p.User);
        w.WriteEndObject();

        if (status != 200) return;
        w.WriteStartObject("response");
        w.WriteString("id", "chatcmpl-" + r.Alnum(29));
        w.WriteString("object", "chat.completion");
        w.WriteNumber("created", ts / TimeSpan.TicksPerSecond - 62135596800L);
        w.WriteString("model", s.Model);
        w.WriteStartArray("choices");
        for (int k = 0; k < p.N; k++)
        {
            string? text = target.Text;
            if (k > 0 && text != null && text.Length > 3) text = Variant(text, r);
            w.WriteStartObject();
            w.WriteNumber("index", k);
            w.WriteStartObject("message"); w.WriteString("role", "assistant");
            if (string.IsNullOrEmpty(text)) w.WriteNull("content"); else w.WriteString("content", text);
            w.WriteNull("refusal");
            if (target.Calls != null) ToolCalls(w, s, target.Calls);
            w.WriteStartArray("annotations"); w.WriteEndArray();
            w.WriteEndObject();
            if (p.Logprobs && text != null) Logprobs(w, text, p.TopLogprobs, r); else w.WriteNull("logprobs");
            w.WriteString("finish_reason", target.Calls != null ? "tool_calls" : (outTok + rTok >= p.MaxTokens ? "length" : "stop"));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        int ot = outTok * p.N + rTok;
        w.WriteStartObject("usage");
        w.WriteNumber("prompt_tokens", inTok); w.WriteNumber("completion_tokens", ot); w.WriteNumber("total_tokens", inTok + ot);
        w.WriteStartObject("prompt_tokens_details"); w.WriteNumber("cached_tokens", cached); w.WriteNumber("audio_tokens", 0); w.WriteEndObject();
        w.WriteStartObject("completion_tokens_details"); w.WriteNumber("reasoning_tokens", rTok); w.WriteNumber("audio_tokens", 0); w.WriteNumber("accepted_prediction_tokens", 0); w.WriteNumber("rejected_prediction_tokens", 0); w.WriteEndObject();
        w.WriteEndObject();
        w.WriteString("service_tier", "default");
        w.WriteString("system_fingerprint", "fp_" + new Rng(Rng.Hash(s.Model) + (ulong)(ts / TimeSpan.TicksPerDay / 3)).Hex(10));
        w.WriteEndObject();
    }

    static void ToolCalls(Utf8JsonWriter w, Session s, List<Call> calls)
    {
        w.WriteStartArray("tool_calls");
        foreach (var call in calls)
        {
            w.WriteStartObject(); w.WriteString("id", ToolId(s.Api, call.Id)); w.WriteString("type", "function");
            w.WriteStartObject("function"); w.WriteString("name", call.Name); w.WriteString("arguments", call.ArgsJson); w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    static string Variant(string text, Rng r)
    {
        var parts = text.Split(". ");
        if (parts.Length < 3) return text + (r.Chance(0.5) ? "" : " ");
        int a = r.Int(parts.Length - 1);
        (parts[a], parts[a + 1]) = (parts[a + 1], parts[a]);
        return string.Join(". ", parts);
    }

    static void Logprobs(Utf8JsonWriter w, string text, int top, Rng r)
    {
        w.WriteStartObject("logprobs");
        w.WriteStartArray("content");
        var toks = Tokenise(text).Take(60).ToList();
        foreach (var t in toks)
        {
            double lp = -Math.Abs(r.Exp(0.35));
            w.WriteStartObject(); w.WriteString("token", t); w.WriteNumber("logprob", Math.Round(lp, 6));
            w.WriteStartArray("bytes"); foreach (byte b in Encoding.UTF8.GetBytes(t)) w.WriteNumberValue(b); w.WriteEndArray();
            w.WriteStartArray("top_logprobs");
            for (int k = 0; k < top; k++)
            {
                string alt = k == 0 ? t : (t.Length == 1 && char.IsUpper(t[0]) && k < 4 ? ((char)('A' + (t[0] - 'A' + k) % 4)).ToString() : AltTok[(k + t.Length) % AltTok.Length] + (k > AltTok.Length ? k.ToString() : ""));
                w.WriteStartObject(); w.WriteString("token", alt); w.WriteNumber("logprob", Math.Round(k == 0 ? lp : lp - r.Range(0.5, 6) * k, 6));
                w.WriteStartArray("bytes"); foreach (byte b in Encoding.UTF8.GetBytes(alt)) w.WriteNumberValue(b); w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteNull("refusal");
        w.WriteEndObject();
    }

    static readonly string[] AltTok = [" the", ",", " a", ".", " and", "The", " to", " of", "\n", " is", " in", " that", " it", " for", " you", " with", " on", " as", " I", " be"];

    static IEnumerable<string> Tokenise(string s)
    {
        int i = 0;
        while (i < s.Length)
        {
            int j = i + 1;
            while (j < s.Length && j - i < 6 && char.IsLetterOrDigit(s[j]) && char.IsLetterOrDigit(s[i])) j++;
            if (i > 0 && s[i - 1] == ' ' && i == j - 1 && s[i] == ' ') { }
            yield return s[i..j];
            i = j;
        }
    }
}
