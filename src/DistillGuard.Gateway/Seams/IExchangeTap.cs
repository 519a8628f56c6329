namespace DistillGuard.Gateway.Seams;

/// <summary>
/// Where every exchange that passed the gateway goes: one exchange-log line (shared/spec/exchange-log.md, UTF-8 JSON,
/// no trailing newline) per exchange, in memory of its own that the gateway never reuses (a tap may keep it without
/// copying). Implemented by the streaming detector with a bounded queue; it must never block the request path. A tap that throws is isolated: the gateway logs and counts it and goes on.
/// </summary>
public interface IExchangeTap
{
    void Tap(ReadOnlyMemory<byte> exchangeLogLine);
}

/// <summary>A tap that drops everything (a gateway without a detector behind it).</summary>
public sealed class NullExchangeTap : IExchangeTap
{
    public static readonly NullExchangeTap Instance = new();
    public void Tap(ReadOnlyMemory<byte> exchangeLogLine) { }
}
