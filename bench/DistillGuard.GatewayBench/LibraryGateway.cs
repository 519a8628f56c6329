using DistillGuard.Gateway;
using DistillGuard.Gateway.Seams;
using Microsoft.Extensions.Logging.Abstractions;

/// <summary>
/// The gateway library alone (GatewayServer.Build), every account unknown (clear), the tap a counter standing in for the
/// detector's queue: with <c>distillguard serve</c> beside it, it tells the gateway's own cost from the detector's.
/// </summary>
internal static class LibraryGateway
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = new GatewayOptions
        {
            Port = Cli.Int(args, "--port", 0),
            Upstream = new Uri(Cli.Str(args, "--upstream") ?? throw new ArgumentException("--upstream URL is required")),
            KeysFile = Cli.Str(args, "--keys") ?? throw new ArgumentException("--keys FILE is required"),
            PolicyFile = Cli.Str(args, "--policy"),
            WatchFiles = false,
            BindingCapacity = Cli.Int(args, "--binding-capacity", 500_000),
        };
        var tap = new CountingTap();
        var app = GatewayServer.Build(options, new NoVerdicts(), tap, NullLoggerFactory.Instance);
        await app.StartAsync();
        Console.WriteLine($"listening gateway {app.Urls.First()}");
        Console.Out.Flush();
        await Cli.WaitForStopAsync();
        await app.StopAsync();
        Console.WriteLine($"tapped {tap.Count} exchange-log lines ({tap.Bytes / 1e6:F1} MB)");
        return 0;
    }

    private sealed class NoVerdicts : IVerdictSource
    {
        public VerdictLookup? Lookup(string account) => null;
    }
}
