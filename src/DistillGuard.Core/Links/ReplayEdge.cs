namespace DistillGuard.Core.Links;

/// <summary>A reasoning artifact issued to one account and presented by another: how often, with an example exchange.</summary>
public sealed class ReplayEdge
{
    public required int Issuer { get; init; }
    public required int Presenter { get; init; }
    public int Count { get; set; }
    public int ExampleHandle { get; set; }
}
