using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using DistillGuard.Core.Fingerprints;
using DistillGuard.Core.Model;
using DistillGuard.Core.Reading;
using DistillGuard.Core.Signals;
using DistillGuard.Core.Text;

namespace DistillGuard.Core.Parsing;

/// <summary>
/// Turns one exchange-log line into <see cref="ExchangeFeatures"/>: the envelope, the API body (one pass in the
/// usual field order), content signals, capabilities and fingerprints. One instance per thread; it reuses its
/// scratch buffers, so a steady stream of lines allocates only the strings the features keep.
/// </summary>
public sealed class ExchangeLineParser
{
    /// <summary>Content signals read this many characters of a long message's head and tail.</summary>
    private const int MatchHead = 24_000, MatchTail = 6_000;
    /// <summary>A pasted reasoning artifact: a run of at least this many base64 characters in user text.</summary>
    private const int BlobMinLength = 200;

    private static readonly SearchValues<byte> s_base64 = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=_-"u8);

    private readonly BodyScratch _s = new();
    private readonly StringCache _strings = new();
    private readonly ContentSignalEngine _engine;
    private readonly ParameterSignals _parameters;
    private char[] _chars = new char[4096];
    private char[] _norm = new char[4096];
    private readonly ulong[] _userBits, _systemBits;
    /// <summary>Match bits of recently seen system prompts (apps and agents resend the same one): direct-mapped by hash.</summary>
    private const int SystemCacheSlots = 256;
    private readonly ulong[] _systemCacheKeys = new ulong[SystemCacheSlots];
    private readonly ulong[] _systemCacheConcepts = new ulong[SystemCacheSlots];
    private readonly ulong[] _systemCacheSchema = new ulong[SystemCacheSlots];
    private readonly ulong[] _systemCacheBits;

    public ExchangeLineParser() : this(ContentSignalEngine.Default, ParameterSignals.FromCatalog(SignalCatalog.Default)) { }

    public ExchangeLineParser(ContentSignalEngine engine, ParameterSignals parameters)
    {
        _engine = engine;
        _parameters = parameters;
        _userBits = new ulong[engine.BitWords];
        _systemBits = new ulong[engine.BitWords];
        _systemCacheBits = new ulong[engine.BitWords * SystemCacheSlots];
    }

    /// <summary>Compute <see cref="ExchangeFeatures.SkeletonFingerprint"/> (off: the field stays 0 and the text is not read twice).</summary>
    public bool SkeletonFingerprints { get; init; }

    /// <summary>Profiling only (bench reader-profile): when set, <see cref="TextTicks"/> accumulates the time spent in <c>Finish</c> (text work).</summary>
    internal bool ProfileText;
    internal long TextTicks;

    /// <summary>Parses <paramref name="line"/> into <paramref name="f"/> (reset first). Returns null, or the quarantine reason.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // per-line hot path: optimised from the first call, no tier-0 or instrumented code
    public string? Parse(ReadOnlySpan<byte> line, ExchangeFeatures f)
    {
        Reset(f);
        if (!Utf8.IsValid(line)) return QuarantineReasons.InvalidUtf8;
        try { return ParseEnvelope(line, f); }
        catch (JsonException) { return QuarantineReasons.InvalidJson; }
        catch (InvalidOperationException) { return QuarantineReasons.InvalidJson; } // e.g. CopyString on malformed escapes
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // per-line hot path: optimised from the first call, no tier-0 or instrumented code
    private static void Reset(ExchangeFeatures f)
    {
        f.Id = ""; f.TimestampMs = 0; f.Account = ""; f.Key = null; f.Ip = null; f.UserAgent = null; f.Ja4 = null; f.ForwardedFor = null;
        f.Route = "direct"; f.Api = default; f.Model = null; f.Status = 200; f.LatencyMs = 0;
        f.MaxTokens = 0; f.ThinkingBudget = 0; f.Logprobs = false; f.TopLogprobs = 0; f.N = 1; f.Temperature = null;
        f.ToolCount = 0; f.Turns = 0; f.ReasoningExposed = false; f.InputTokens = 0; f.OutputTokens = 0; f.ReasoningTokens = 0;
        f.TemplateFingerprint = 0; f.SkeletonFingerprint = 0; f.ItemHash = 0; f.SystemHash = 0; f.ToolSetHash = 0; f.SchemaHash = 0;
        f.Signals = SignalSet.None; f.Capabilities = Capability.None;
        f.IssuedArtifacts.Clear(); f.PresentedArtifacts.Clear();
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // batch reads: optimised code from the first line
    private string? ParseEnvelope(ReadOnlySpan<byte> line, ExchangeFeatures f)
    {
        var s = _s;
        s.Reset(f);
        var r = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 256 });
        if (!r.Read()) return QuarantineReasons.InvalidJson;
        if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); while (r.Read()) { } return QuarantineReasons.NotAnObject; }
        bool hasId = false, hasTs = false, badTs = false, hasAccount = false, hasApi = false, knownApi = false, hasRequest = false, badField = false, badRequest = false;
        ApiFormat api = default;
        int reqStart = -1, reqLen = 0, resStart = -1, resLen = 0;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("id"u8)) { r.Read(); if (r.TokenType == JsonTokenType.String && r.ValueSpan.Length > 0) { f.Id = r.GetString()!; hasId = true; } else r.Skip(); }
            else if (r.ValueTextEquals("ts"u8))
            {
                r.Read();
                if (r.TokenType == JsonTokenType.String)
                {
                    hasTs = true;
                    if (r.ValueIsEscaped || !Rfc3339.TryParseUnixMs(r.ValueSpan, out long ms)) badTs = true; else f.TimestampMs = ms;
                }
                else r.Skip();
            }
            else if (r.ValueTextEquals("account"u8)) { var v = ReadCached(ref r); if (!string.IsNullOrEmpty(v)) { f.Account = v; hasAccount = true; } }
            else if (r.ValueTextEquals("key"u8)) f.Key = ReadCached(ref r);
            else if (r.ValueTextEquals("route"u8)) f.Route = ReadCached(ref r) ?? "direct";
            else if (r.ValueTextEquals("api"u8))
            {
                r.Read();
                if (r.TokenType == JsonTokenType.String) { hasApi = true; knownApi = ApiFormats.TryParse(r.ValueSpan, out api); f.Api = api; }
                else r.Skip();
            }
            else if (r.ValueTextEquals("client"u8)) ReadClient(ref r, f);
            else if (r.ValueTextEquals("status"u8)) { r.Read(); if (r.TokenType == JsonTokenType.Number && r.TryGetInt32(out int st)) f.Status = st; else if (r.TokenType != JsonTokenType.Null) { badField = true; r.Skip(); } }
            else if (r.ValueTextEquals("latency_ms"u8)) { r.Read(); if (r.TokenType == JsonTokenType.Number && r.TryGetDouble(out double l)) f.LatencyMs = (int)Math.Clamp(l, 0, int.MaxValue); else r.Skip(); }
            else if (r.ValueTextEquals("request"u8))
            {
                r.Read();
                if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); if (r.TokenType != JsonTokenType.Null) badRequest = true; continue; }
                hasRequest = true;
                if (knownApi) ReadRequest(ref r, api);
                else { reqStart = (int)r.TokenStartIndex; r.Skip(); reqLen = (int)r.BytesConsumed - reqStart; }
            }
            else if (r.ValueTextEquals("response"u8))
            {
                r.Read();
                if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); continue; }
                if (knownApi) ReadResponse(ref r, api);
                else { resStart = (int)r.TokenStartIndex; r.Skip(); resLen = (int)r.BytesConsumed - resStart; }
            }
            else Json.SkipValue(ref r);
        }
        while (r.Read()) { } // anything after the object is a JSON error (throws)

        if (!hasId) return QuarantineReasons.MissingId;
        if (!hasTs) return QuarantineReasons.MissingTs;
        if (badTs) return QuarantineReasons.BadTs;
        if (!hasAccount) return QuarantineReasons.MissingAccount;
        if (!hasApi) return QuarantineReasons.MissingApi;
        if (!knownApi) return QuarantineReasons.UnknownApi;
        if (badRequest) return QuarantineReasons.BadField;
        if (!hasRequest) return QuarantineReasons.MissingRequest;
        if (badField) return QuarantineReasons.BadField;
        if (reqStart >= 0)
        {
            var rr = new Utf8JsonReader(line.Slice(reqStart, reqLen));
            rr.Read();
            ReadRequest(ref rr, api);
        }
        if (resStart >= 0)
        {
            var rr = new Utf8JsonReader(line.Slice(resStart, resLen));
            rr.Read();
            ReadResponse(ref rr, api);
        }
        if (!s.HasMessages) return QuarantineReasons.BodyMismatch;
        if (ProfileText)
        {
            long t0 = System.Diagnostics.Stopwatch.GetTimestamp();
            Finish(f);
            TextTicks += System.Diagnostics.Stopwatch.GetTimestamp() - t0;
        }
        else Finish(f);
        return null;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // per-line hot path: optimised from the first call, no tier-0 or instrumented code
    private void ReadRequest(ref Utf8JsonReader r, ApiFormat api)
    {
        switch (api)
        {
            case ApiFormat.OpenAIChatCompletions: ChatCompletionsBody.ReadRequest(ref r, _s); break;
            case ApiFormat.OpenAIResponses: ResponsesBody.ReadRequest(ref r, _s); break;
            default: AnthropicMessagesBody.ReadRequest(ref r, _s); break;
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // per-line hot path: optimised from the first call, no tier-0 or instrumented code
    private void ReadResponse(ref Utf8JsonReader r, ApiFormat api)
    {
        switch (api)
        {
            case ApiFormat.OpenAIChatCompletions: ChatCompletionsBody.ReadResponse(ref r, _s); break;
            case ApiFormat.OpenAIResponses: ResponsesBody.ReadResponse(ref r, _s); break;
            default: AnthropicMessagesBody.ReadResponse(ref r, _s); break;
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // per-line hot path: optimised from the first call, no tier-0 or instrumented code
    private string? ReadCached(ref Utf8JsonReader r)
    {
        r.Read();
        if (r.TokenType != JsonTokenType.String) { r.Skip(); return null; }
        return r.ValueIsEscaped ? r.GetString() : _strings.Get(r.ValueSpan);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // per-line hot path: optimised from the first call, no tier-0 or instrumented code
    private void ReadClient(ref Utf8JsonReader r, ExchangeFeatures f)
    {
        r.Read();
        if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); return; }
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("ip"u8)) f.Ip = ReadCached(ref r);
            else if (r.ValueTextEquals("user_agent"u8)) f.UserAgent = ReadCached(ref r);
            else if (r.ValueTextEquals("ja4"u8)) f.Ja4 = ReadCached(ref r);
            else if (r.ValueTextEquals("forwarded_for"u8)) f.ForwardedFor = ReadCached(ref r);
            else Json.SkipValue(ref r);
        }
    }

    /// <summary>Derives hashes, signals and capabilities from what the body readers collected.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // batch reads: optimised code from the first line
    private void Finish(ExchangeFeatures f)
    {
        var s = _s;
        f.Turns = s.Turns;
        f.ToolCount = s.ToolNames.Count;
        f.ToolSetHash = Hash64.OfSet(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(s.ToolNames));
        if (f.ReasoningTokens == 0 && s.ReasoningChars > 0) f.ReasoningTokens = s.ReasoningChars / 4;

        // User text: chars (original case, for the fingerprint) and normal form (for matching and the item hash).
        var user = s.LastUser.Span;
        bool pasted = FindPastedArtifacts(user, f.PresentedArtifacts);
        int n = Decode(user, ref _chars);
        var chars = _chars.AsSpan(0, n);
        if (_norm.Length < n) _norm = new char[Math.Max(n, _norm.Length * 2)];
        int m = TextNormalizer.Normalize(chars, _norm);
        var norm = _norm.AsSpan(0, m);
        f.ItemHash = m == 0 ? 0 : Hash64.Of(norm);
        f.TemplateFingerprint = TemplateFingerprint.Compute(chars);
        MatchBounded(norm, _userBits);
        var conceptSignals = _engine.ConceptSignals(chars, norm);

        // System text: matched only when not among the recently seen system prompts.
        bool hasSystem = !s.System.IsEmpty;
        f.SystemHash = hasSystem ? Hash64.Of(s.System.Span) : 0;
        if (hasSystem)
        {
            int slot = (int)(f.SystemHash & (SystemCacheSlots - 1));
            var cached = _systemCacheBits.AsSpan(slot * _systemBits.Length, _systemBits.Length);
            if (_systemCacheKeys[slot] == f.SystemHash) cached.CopyTo(_systemBits);
            else
            {
                int sn = Decode(s.System.Span, ref _chars);
                if (_norm.Length < sn) _norm = new char[Math.Max(sn, _norm.Length * 2)];
                int sm = TextNormalizer.Normalize(_chars.AsSpan(0, sn), _norm);
                MatchBounded(_norm.AsSpan(0, sm), _systemBits);
                _systemBits.CopyTo(cached);
                _systemCacheKeys[slot] = f.SystemHash;
                _systemCacheConcepts[slot] = SkeletonFingerprints ? SkeletonFingerprint.Concepts(_chars.AsSpan(0, sn), _norm.AsSpan(0, sm)) : 0;
                _systemCacheSchema[slot] = OutputSchema.Hash(_chars.AsSpan(0, sn));
            }
            f.SchemaHash = _systemCacheSchema[slot];
        }
        if (s.FormatSchema != 0) f.SchemaHash = s.FormatSchema;   // asked as a structured output: the request's own schema
        var (signals, caps) = _engine.Decide(_userBits, hasSystem ? _systemBits : default);
        signals |= conceptSignals;

        signals |= _parameters.Evaluate(f, pasted || s.ArtifactInUserTurn);
        if (s.ResponseLastNumber != 0)
        {
            // answer-echo: read from the numbers of the request and the response, whatever either says in words
            Span<ulong> asked = stackalloc ulong[AnswerEcho.RequestCapacity];
            int nAsked = 0;
            ulong lastAsked = 0;
            AnswerEcho.Scan(user, asked, ref nAsked, ref lastAsked);
            if (AnswerEcho.Echoes(s.ResponseNumbers.AsSpan(0, s.ResponseNumberCount), s.ResponseLastNumber, asked[..nAsked]))
                signals |= SignalSet.AnswerEcho;
        }
        if (f.ToolCount > 0 || s.ResponseToolCalls) caps |= Capability.AgenticToolUse;
        if (user.IndexOf("```"u8) >= 0) caps |= Capability.Coding;
        if ((signals & (SignalSet.CotElicitation | SignalSet.AnswerToReasoning | SignalSet.ReasoningReveal | SignalSet.AnswerEcho)) != 0) caps |= Capability.Reasoning;
        if ((signals & (SignalSet.RubricGrading | SignalSet.PairwiseJudging)) != 0) caps |= Capability.RewardGrading;
        if ((signals & SignalSet.SafeRewrite) != 0) caps |= Capability.SafetyRewrites;
        if (caps == Capability.None && f.Turns > 1) caps = Capability.Conversation;
        f.Signals = signals;
        f.Capabilities = caps;

        // The instruction skeleton is read only where it is used: harvest exchanges. A harvest persona often lives in
        // the system prompt ("You are an expert … complete and transparent reasoning"), reworded per account while the
        // user turn carries only the problem: the skeleton is the concepts of both.
        if (SkeletonFingerprints && (Scoring.HarvestSignals.IsHarvest(signals) || ParameterSignals.BudgetCandidate(f)))
        {
            int un = Decode(user, ref _chars);
            if (_norm.Length < un) _norm = new char[Math.Max(un, _norm.Length * 2)];
            int um = TextNormalizer.Normalize(_chars.AsSpan(0, un), _norm);
            ulong concepts = SkeletonFingerprint.Concepts(_chars.AsSpan(0, un), _norm.AsSpan(0, um));
            if (hasSystem) concepts |= _systemCacheConcepts[(int)(f.SystemHash & (SystemCacheSlots - 1))];
            f.SkeletonFingerprint = SkeletonFingerprint.FromConcepts(concepts);
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // per-line hot path: optimised from the first call, no tier-0 or instrumented code
    private void MatchBounded(ReadOnlySpan<char> norm, Span<ulong> bits)
    {
        if (norm.Length <= MatchHead + MatchTail) { _engine.Match(norm, bits); return; }
        _engine.Match(norm[..MatchHead], bits);
        Span<ulong> tail = stackalloc ulong[bits.Length];
        _engine.Match(norm[^MatchTail..], tail);
        for (int i = 0; i < bits.Length; i++) bits[i] |= tail[i];
    }

    private static int Decode(ReadOnlySpan<byte> utf8, ref char[] buffer)
    {
        if (buffer.Length < utf8.Length) buffer = new char[Math.Max(utf8.Length, buffer.Length * 2)];
        return Encoding.UTF8.GetChars(utf8, buffer);
    }

    /// <summary>Finds long base64 runs (a signature or encrypted_content pasted as text) and records their hashes.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // per-line hot path: optimised from the first call, no tier-0 or instrumented code
    internal static bool FindPastedArtifacts(ReadOnlySpan<byte> text, List<ulong> presented)
    {
        // A run of at least BlobMinLength base64 bytes covers at least one position that is a multiple of
        // BlobMinLength / 2, so only those positions are probed and expanded: ordinary text costs O(length / 100).
        const int Step = BlobMinLength / 2;
        bool found = false;
        int covered = 0;
        for (int p = 0; p < text.Length; p += Step)
        {
            if (p < covered || !s_base64.Contains(text[p])) continue;
            int start = p;
            int back = text[..p].LastIndexOfAnyExcept(s_base64);
            start = back + 1;
            int len = text[start..].IndexOfAnyExcept(s_base64);
            if (len < 0) len = text.Length - start;
            covered = start + len;
            if (len >= BlobMinLength && LooksRandom(text.Slice(start, len)) && !IsDataUri(text, start))
            {
                presented.Add(Json.ArtifactHash(text.Slice(start, len)));
                found = true;
            }
        }
        return found;
    }

    private static bool LooksRandom(ReadOnlySpan<byte> run)
    {
        int upper = 0, lower = 0, digit = 0;
        foreach (byte b in run)
        {
            if ((uint)(b - 'A') <= 25) upper++;
            else if ((uint)(b - 'a') <= 25) lower++;
            else if ((uint)(b - '0') <= 9) digit++;
        }
        return upper * 20 >= run.Length && lower * 20 >= run.Length && digit * 50 >= run.Length;
    }

    private static bool IsDataUri(ReadOnlySpan<byte> text, int start)
        => start >= 7 && text.Slice(start - 7, 7).SequenceEqual("base64,"u8);
}
