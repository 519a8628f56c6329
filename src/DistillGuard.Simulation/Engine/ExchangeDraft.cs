using DistillGuard.Simulation.Content;

namespace DistillGuard.Simulation.Engine;

/// <summary>One exchange as decided by the engine, before its bodies are rendered. Pooled and reused.</summary>
internal sealed class ExchangeDraft
{
    public long Seq;
    public long TsMs;
    public string Account = "";
    public string Key = "";
    public uint Ip;
    public string UserAgent = "";
    public string Ja4 = "";
    public uint ForwardedFor;
    public string Route = "direct";
    public int Status = 200;
    public double MsPerToken = 20;
    public int BaseLatencyMs = 400;
    public bool Relayed;
    /// <summary>A bought account's ordinary traffic before the campaign took it over.</summary>
    public bool History;
    public readonly ExchangeIntent Intent = new();
}
