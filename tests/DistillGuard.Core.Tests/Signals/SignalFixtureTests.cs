using DistillGuard.Core.Model;
using DistillGuard.Core.Signals;

namespace DistillGuard.Core.Tests.Signals;

public sealed class SignalFixtureTests
{
    private static readonly SignalCatalog Catalog = SignalCatalog.Default;
    private static readonly ContentSignalEngine Engine = ContentSignalEngine.Default;

    public static TheoryData<string, int> PositiveFixtures() => Fixtures(d => d.Positive);
    public static TheoryData<string, int> NegativeFixtures() => Fixtures(d => d.Negative);

    private static TheoryData<string, int> Fixtures(Func<SignalDefinition, IReadOnlyList<SignalFixture>> pick)
    {
        var data = new TheoryData<string, int>();
        foreach (var d in Catalog.Definitions.Where(d => d.Kind != SignalKind.Parameter))
            for (int i = 0; i < pick(d).Count; i++) data.Add(d.Id, i);
        return data;
    }

    private static bool Fires(SignalDefinition d, SignalFixture fx)
    {
        var (signals, caps) = Engine.Evaluate(fx.User, fx.System);
        return d.Kind == SignalKind.Capability ? (caps & d.Capability) != 0 : (signals & d.Flag) != 0;
    }

    [Theory]
    [MemberData(nameof(PositiveFixtures))]
    public void Signal_PositiveFixture_Fires(string id, int index)
    {
        var d = Catalog.Definitions.Single(x => x.Id == id);
        Assert.True(Fires(d, d.Positive[index]), $"{id} positive #{index} did not fire: {d.Positive[index].User}");
    }

    [Theory]
    [MemberData(nameof(NegativeFixtures))]
    public void Signal_NegativeFixture_DoesNotFire(string id, int index)
    {
        var d = Catalog.Definitions.Single(x => x.Id == id);
        Assert.False(Fires(d, d.Negative[index]), $"{id} negative #{index} fired: {d.Negative[index].User}");
    }

    [Fact]
    public void Catalog_EverySignalFlag_HasAnEntryWithDescriptionAndFalsePositives()
    {
        foreach (SignalSet flag in Enum.GetValues<SignalSet>().Where(f => f != SignalSet.None))
        {
            var e = Catalog[flag];
            Assert.False(string.IsNullOrWhiteSpace(e.Description), e.Id);
            Assert.NotEmpty(e.FalsePositives);
        }
    }

    [Fact]
    public void Catalog_ContentSignals_CoverAtLeastFourLanguagesBesidesEnglish()
    {
        foreach (var d in Catalog.Definitions.Where(d => d.Kind == SignalKind.Content))
        {
            var langs = d.Groups.SelectMany(g => g.Phrases.Keys).Distinct().ToList();
            Assert.Contains("en", langs);
            Assert.True(langs.Count >= 5, $"{d.Id}: only {string.Join(",", langs)}");
        }
    }

    [Fact]
    public void Catalog_Describe_ListsTheEntriesOfEveryFlagSet()
    {
        var ids = Catalog.Describe(SignalSet.CotElicitation | SignalSet.LogprobsRequested).Select(e => e.Id).ToList();
        Assert.Equal(["cot-elicitation", "logprobs"], ids);
    }

    [Fact]
    public void Loader_InvalidDefinitions_ReportsEveryError()
    {
        var bad = new List<(string, string)>
        {
            ("a.yaml", "id: x\nversion: 0\nkind: content\nflag: Nope\ndescription: d\nthreshold: 1\ngroups: []\n"),
            ("b.yaml", "id: y\nversion: 1\nkind: weird\nflag: Jailbreak\n"),
            ("c.yaml", "{{{ not yaml"),
        };
        var ex = Assert.Throws<SignalDefinitionException>(() => SignalDefinitionLoader.Parse(bad));
        Assert.Contains(ex.Errors, e => e.StartsWith("a.yaml") && e.Contains("version"));
        Assert.Contains(ex.Errors, e => e.StartsWith("a.yaml") && e.Contains("flag"));
        Assert.Contains(ex.Errors, e => e.StartsWith("b.yaml") && e.Contains("kind"));
        Assert.Contains(ex.Errors, e => e.StartsWith("c.yaml"));
    }

    [Fact]
    public void Loader_RepositoryFolder_MatchesEmbeddedDefinitions()
    {
        var dir = Path.Combine(RepoRoot(), "signals");
        var fromFolder = SignalDefinitionLoader.LoadFolder(dir).Select(d => (d.Id, d.Version)).Order().ToList();
        var embedded = Catalog.Definitions.Select(d => (d.Id, d.Version)).Order().ToList();
        Assert.Equal(embedded, fromFolder);
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DistillGuard.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
