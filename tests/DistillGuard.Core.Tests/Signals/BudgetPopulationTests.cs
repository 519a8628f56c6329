using DistillGuard.Core.Analysis;
using DistillGuard.Core.Model;
using DistillGuard.Core.Signals;

namespace DistillGuard.Core.Tests.Signals;

/// <summary>What is a maximal budget is read off the log, per model: never a constant.</summary>
public sealed class BudgetPopulationTests
{
    private static ExchangeFeatures F(string model, int maxTokens, int thinking = 0) => new() { Model = model, MaxTokens = maxTokens, ThinkingBudget = thinking };

    /// <summary>Feeds <paramref name="accounts"/> accounts × 20 requests of model m: most ask <paramref name="usual"/>,
    /// every hundredth account <paramref name="top"/>.</summary>
    private static void Population(BudgetPopulation p, string model, int accounts, int usual, int top)
    {
        for (int a = 0; a < accounts; a++)
            for (int k = 0; k < 20; k++)
                p.Judge(F(model, a % 100 == 0 ? top : usual), k);
    }

    [Fact]
    public void Judge_SameBudget_IsMaximalForOneModelAndNotForAnother()
    {
        var p = new BudgetPopulation();
        Population(p, "small", 200, usual: 1024, top: 8192);     // this model's customers ask ≤ 8 K
        Population(p, "large", 200, usual: 4096, top: 128_000);  // this one's go to 128 K
        var small = F("small", 8000);
        var large = F("large", 8000);
        p.Judge(small, 100);
        p.Judge(large, 100);
        Assert.True(small.Signals.HasFlag(SignalSet.MaxOutputBudget));
        Assert.False(large.Signals.HasFlag(SignalSet.MaxOutputBudget));
        var huge = F("large", 100_000);
        p.Judge(huge, 100);
        Assert.True(huge.Signals.HasFlag(SignalSet.MaxOutputBudget));   // in the ceiling's half-octave
        var half = F("large", 40_000);
        p.Judge(half, 100);
        Assert.False(half.Signals.HasFlag(SignalSet.MaxOutputBudget));  // a factor 3 below it: not near
    }

    [Fact]
    public void Judge_OneHeavyAccount_DoesNotSetTheCeiling()
    {
        var p = new BudgetPopulation();
        Population(p, "m", 300, usual: 2048, top: 2048);
        for (int k = 0; k < 5000; k++) p.Judge(F("m", 64_000), 20 + k);   // one account, past its first 20 requests
        var ordinary = F("m", 2048);
        p.Judge(ordinary, 100);
        Assert.True(ordinary.Signals.HasFlag(SignalSet.MaxOutputBudget));   // the population's ceiling is still 2 K
    }

    [Fact]
    public void Judge_BeforeThereIsAPopulation_CallsNothingMaximal_AndFlagsFromTheParserAreCleared()
    {
        var p = new BudgetPopulation();
        var f = F("m", 64_000, 32_000);
        f.Signals = SignalSet.MaxOutputBudget | SignalSet.MaxThinkingBudget | SignalSet.CotElicitation;
        p.Judge(f, 0);
        Assert.Equal(SignalSet.CotElicitation, f.Signals);
    }

    [Fact]
    public void Judge_SwitchedOff_CallsNothingMaximal()
    {
        var p = new BudgetPopulation(off: true);
        Population(p, "m", 300, usual: 2048, top: 2048);
        var f = F("m", 2048);
        p.Judge(f, 100);
        Assert.False(f.Signals.HasFlag(SignalSet.MaxOutputBudget));
    }

    [Fact]
    public void DetectorOptions_UnknownEvidenceFamily_IsReported()
    {
        var o = DetectorOptions.Default with { DisabledEvidence = "network, wording" };
        Assert.Contains(o.Validate(), e => e.Contains("'wording'"));
        Assert.True(o.Disabled("Network"));
        Assert.False(o.Disabled("content"));
    }
}
