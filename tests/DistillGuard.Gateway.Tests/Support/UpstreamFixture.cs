namespace DistillGuard.Gateway.Tests.Support;

/// <summary>One fake upstream shared by a test class.</summary>
public sealed class UpstreamFixture : IAsyncLifetime
{
    public FakeUpstream Upstream { get; private set; } = null!;
    public async Task InitializeAsync() => Upstream = await FakeUpstream.StartAsync();
    public async Task DisposeAsync() => await Upstream.DisposeAsync();
}
