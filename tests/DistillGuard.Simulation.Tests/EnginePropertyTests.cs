using System.Text;
using DistillGuard.Simulation.Engine;
using DistillGuard.Simulation.Network;
using DistillGuard.Simulation.Scenarios;
using DistillGuard.Simulation.World;
using FsCheck;
using FsCheck.Xunit;

namespace DistillGuard.Simulation.Tests;

public sealed class EnginePropertyTests
{
    private static readonly ScenarioSpec Tiny = ScenarioLoader.Load("tiny");

    [Property(MaxTest = 300)]
    public bool FormatTs_RoundTripsEveryMillisecond(uint seconds, ushort millis)
    {
        long ms = seconds * 1000L + millis % 1000;
        Span<byte> buf = stackalloc byte[32];
        string s = Encoding.ASCII.GetString(ExchangeLineWriter.FormatTs(ms, buf));
        return s.Length == 24 && s.EndsWith('Z') && DateTimeOffset.Parse(s).ToUnixTimeMilliseconds() == ms;
    }

    [Property(MaxTest = 25)]
    public bool WorldBuilder_AnySeed_GivesUniqueIdsAndOneLabelPerAccount(ulong seed)
    {
        var w = WorldBuilder.Build(Tiny, seed, IpSpace.BuiltIn());
        var ids = w.Plans.Select(p => p.AccountId).ToList();
        return ids.Distinct().Count() == ids.Count
            && w.Labels.Select(l => l.Account).Order().SequenceEqual(ids.Order())
            && w.Plans.Where(p => p.Campaign is not null).All(p => w.Labels.Single(l => l.Account == p.AccountId).Campaign == p.Campaign)
            && w.Plans.All(p => p.Keys.All(k => k.StartsWith("key_" + p.AccountId[5..].TrimStart('0'), StringComparison.Ordinal)));
    }

    [Property(MaxTest = 25)]
    public bool Actor_AnySeed_StreamsStrictlyIncreasingTimesInsideTheWindow(ulong seed)
    {
        var w = WorldBuilder.Build(Tiny, seed, IpSpace.BuiltIn());
        foreach (var plan in w.Plans.Take(30))
        {
            var a = new Actor(plan, w);
            long prev = long.MinValue;
            while (a.MoveNext())
            {
                if (a.NextTs <= prev || a.NextTs < w.StartMs || a.NextTs >= w.EndMs) return false;
                prev = a.NextTs;
            }
        }
        return true;
    }
}
