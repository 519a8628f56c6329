namespace DistillGuard.Simulation.Content;

/// <summary>One earlier turn of the conversation (user text, assistant reply, optional thinking and tool call).</summary>
internal sealed class Turn
{
    public readonly CharBuffer User = new(512), Assistant = new(512), Thinking = new(256), Signature = new(512),
        ToolArgs = new(128), ToolResult = new(256), CallId = new(32);
    public bool HasThinking;
    /// <summary>The turn carries the replayed artifact (pasted from another conversation) as its signature.</summary>
    public string? ReplayedSignature;
    public ToolSpec? Tool;

    public void Clear()
    {
        User.Clear(); Assistant.Clear(); Thinking.Clear(); Signature.Clear(); ToolArgs.Clear(); ToolResult.Clear(); CallId.Clear();
        HasThinking = false; ReplayedSignature = null; Tool = null;
    }
}

/// <summary>How a replayed artifact enters the request.</summary>
internal enum ReplayMode : byte { None, InHistory, InText }

/// <summary>Per-thread working memory of the renderer: everything one exchange needs, reused across calls.</summary>
internal sealed class RenderScratch
{
    public const int MaxEarlierTurns = 12;
    public const int MaxChoices = 16;

    public readonly SlotValues Slots = new();
    public readonly CharBuffer System = new(1024), Final = new(2048), Thinking = new(2048), Signature = new(512), Tmp = new(256);
    public readonly CharBuffer[] Answers = new CharBuffer[MaxChoices];
    public readonly CharBuffer[] ToolArgs = new CharBuffer[MaxChoices];
    public readonly ToolSpec?[] ResponseTools = new ToolSpec?[MaxChoices];
    public readonly Turn[] Turns = new Turn[MaxEarlierTurns];
    public int TurnCount;
    public ToolSpec[]? ToolSet;
    public LanguagePack Language = null!;
    public ReplayMode Replay;
    public int Choices;
    public int ThinkingTokens;   // billed reasoning tokens
    public int InputTokens;
    public readonly int[] AnswerTokens = new int[MaxChoices];
    public bool Truncated;
    public string? Effort;
    public bool UsesCompletionTokens;
    public bool SystemAsBlocks, UserAsParts, InputAsString;

    public RenderScratch()
    {
        for (int i = 0; i < Turns.Length; i++) Turns[i] = new Turn();
        for (int i = 0; i < MaxChoices; i++) { Answers[i] = new CharBuffer(2048); ToolArgs[i] = new CharBuffer(128); }
    }

    public void Reset()
    {
        Slots.Clear(); System.Clear(); Final.Clear(); Thinking.Clear(); Signature.Clear(); Tmp.Clear();
        for (int i = 0; i < TurnCount; i++) Turns[i].Clear();
        for (int i = 0; i < MaxChoices; i++) { Answers[i].Clear(); ToolArgs[i].Clear(); ResponseTools[i] = null; AnswerTokens[i] = 0; }
        TurnCount = 0; ToolSet = null; Replay = ReplayMode.None; Choices = 1; ThinkingTokens = 0; InputTokens = 0;
        Truncated = false; Effort = null; UsesCompletionTokens = false; SystemAsBlocks = UserAsParts = InputAsString = false;
    }
}
