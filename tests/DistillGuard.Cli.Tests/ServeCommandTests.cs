using DistillGuard.Cli.Commands;

namespace DistillGuard.Cli.Tests;

public class ServeCommandTests
{
    private static string Write(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), "dg-serve-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void Load_KeyMissingFromEnvironmentAndUnknownCollection_ReportsBothAtOnce()
    {
        var path = Write("""
            {"collections":[{"id":"c1","title":"inbox"}],
             "clients":[{"partner":"lab-b","api_key_env":"DG_TEST_SURELY_UNSET_VAR","read":["c1"]},
                        {"partner":"lab-c","api_key_env":"PATH","read":["nope"]}]}
            """);
        try
        {
            var e = Assert.Throws<InvalidDataException>(() => ServeCommand.Load(path));
            Assert.Contains("DG_TEST_SURELY_UNSET_VAR", e.Message);
            Assert.Contains("unknown collection 'nope'", e.Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Load_ValidConfig_ReadsKeyFromEnvironmentAndPartners()
    {
        Environment.SetEnvironmentVariable("DG_TEST_SERVE_KEY", "0123456789abcdef0123");
        var path = Write("""
            {"port":9701,"collections":[{"id":"c1","title":"inbox"}],
             "clients":[{"partner":"lab-b","api_key_env":"DG_TEST_SERVE_KEY","read":["c1"],"write":["c1"]}],
             "partners":[{"name":"lab-b","member":true,"amber":true}]}
            """);
        try
        {
            var (options, port) = ServeCommand.Load(path);
            Assert.Equal(9701, port);
            Assert.Equal("0123456789abcdef0123", Assert.Single(options.Clients).ApiKey);
            Assert.True(options.Policy.Find("lab-b")!.Amber);
        }
        finally { File.Delete(path); }
    }
}
