using DistillGuard.Core.Model;

namespace DistillGuard.Core.Parsing;

/// <summary>What the body readers collect for one exchange, reused across exchanges by one parser.</summary>
internal sealed class BodyScratch
{
    public readonly Utf8TextBuffer Current = new();
    public readonly Utf8TextBuffer LastUser = new();
    public readonly Utf8TextBuffer System = new();
    public readonly List<ulong> ToolNames = new(16);
    public ulong FormatSchema;        // the fields of a structured-output request (response_format, text.format)
    public int Turns;
    public bool HasMessages;          // the request carried its API's conversation field
    public bool ArtifactInUserTurn;   // a signed/encrypted reasoning block placed in a user turn
    public bool ResponseToolCalls;
    public int ReasoningChars;        // readable reasoning text length in the response (for a token estimate)
    public readonly ulong[] ResponseNumbers = new ulong[Signals.AnswerEcho.ResponseCapacity];   // numbers of the response's text (answer-echo)
    public int ResponseNumberCount;
    public ulong ResponseLastNumber;
    public ExchangeFeatures F = null!;

    /// <summary>Reads the numbers of a piece of the response's answer text (raw JSON string bytes).</summary>
    public void ScanResponseText(ReadOnlySpan<byte> raw)
        => Signals.AnswerEcho.Scan(raw, ResponseNumbers, ref ResponseNumberCount, ref ResponseLastNumber);

    [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // per-line hot path: optimised from the first call, no tier-0 or instrumented code
    public void Reset(ExchangeFeatures f)
    {
        Current.Clear(); LastUser.Clear(); System.Clear(); ToolNames.Clear();
        Turns = 0; HasMessages = false; FormatSchema = 0; ArtifactInUserTurn = false; ResponseToolCalls = false; ReasoningChars = 0;
        ResponseNumberCount = 0; ResponseLastNumber = 0;
        F = f;
    }

    /// <summary>Ends a message: a user message with text becomes the last user message; system text accumulates.</summary>
    public void EndMessage(Role role)
    {
        if (role == Role.User)
        {
            if (!Current.IsEmpty) { LastUser.SwapWith(Current); Turns++; }
        }
        else if (role == Role.System && !Current.IsEmpty)
        {
            System.AppendSeparator();
            System.Append(Current.Span);
        }
        Current.Clear();
    }
}

internal enum Role : byte { Other, User, System, Assistant }
