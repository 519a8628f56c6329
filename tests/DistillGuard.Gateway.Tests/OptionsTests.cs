using DistillGuard.Gateway.Keys;

namespace DistillGuard.Gateway.Tests;

public sealed class OptionsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dg-gw-opt").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private string Write(string name, string text) { var p = Path.Combine(_dir, name); File.WriteAllText(p, text); return p; }

    [Fact]
    public void Load_FlagsOverEnvironmentOverConfigFile_PathsInTheFileRelativeToIt()
    {
        Write("keys.jsonl", "{\"key\":\"k\",\"account\":\"a\"}\n");
        Write("policy.yaml", "rules: []\n");
        var config = Write("distillguard.yaml", "gateway:\n  port: 9001\n  upstream: http://127.0.0.1:7000/\n  keys: keys.jsonl\n  policy: policy.yaml\n  route: file\nother: ignored\n");
        var env = new Dictionary<string, string?> { ["DISTILLGUARD_GATEWAY_PORT"] = "9002", ["DISTILLGUARD_GATEWAY_ROUTE"] = "env" };
        var flags = new Dictionary<string, string?> { ["--gateway-port"] = "9003" };

        var o = GatewayOptions.Load(flags, config, env);
        Assert.Equal(9003, o.Port);
        Assert.Equal("env", o.Route);
        Assert.Equal(new Uri("http://127.0.0.1:7000/"), o.Upstream);
        Assert.Equal(Path.Combine(_dir, "keys.jsonl"), o.KeysFile);
        Assert.Equal(Path.Combine(_dir, "policy.yaml"), o.PolicyFile);

        var fromEnvOnly = GatewayOptions.Load(null, null, new Dictionary<string, string?>
        {
            ["DISTILLGUARD_GATEWAY_UPSTREAM"] = "https://api.example/", ["DISTILLGUARD_GATEWAY_KEYS"] = Path.Combine(_dir, "keys.jsonl"),
        });
        Assert.Equal(8787, fromEnvOnly.Port);
        Assert.Equal("127.0.0.1", fromEnvOnly.ListenAddress);
        Assert.Null(fromEnvOnly.PolicyFile);
    }

    [Fact]
    public void Load_ReportsEveryErrorAtOnce()
    {
        var keys = Write("keys.jsonl", "{\"key\":\"k\"}\n{\"key\":\"k2\",\"account\":\"b\",\"colour\":1}\n");
        var policy = Write("p.yaml", "rules: [ { action: nuke } ]\n");
        var config = Write("c.json", "{ \"gateway\": { \"prot\": 1 } }");
        var flags = new Dictionary<string, string?>
        {
            ["--upstream"] = "ftp://nowhere", ["--keys"] = keys, ["--policy"] = policy, ["--gateway-port"] = "99999",
            ["--binding-store"] = Path.Combine(_dir, "b.tsv"), ["--bogus"] = "1",
        };
        var e = Assert.Throws<GatewayConfigurationException>(() => GatewayOptions.Load(flags, config, new Dictionary<string, string?>()));
        string[] expected = ["gateway.prot: unknown setting", "--bogus: unknown gateway setting", "'ftp://nowhere' is not an absolute http(s) URL",
            "keys.jsonl:1: \"account\" must be a non-empty string", "keys.jsonl:2: unknown field 'colour'", "unknown action 'nuke'",
            "persisting bindings needs a binding key file", "--gateway-port: '99999' is not a whole number in [0, 65535]"];
        foreach (var x in expected) Assert.True(e.Errors.Any(m => m.Contains(x)), $"missing '{x}' in:\n{string.Join("\n", e.Errors)}");
        Assert.Equal(expected.Length, e.Errors.Count);
    }

    [Fact]
    public void KeyRing_KeyIdIsAHash_NeverTheKey()
    {
        var r = KeyRing.Parse(["{\"key\":\"sk-secret\",\"account\":\"a\",\"tier\":\"paid\"}", "", "# comment"], "k");
        var e = r.Keys!.Find("sk-secret")!;
        Assert.Equal(("a", "paid"), (e.Account, e.Tier));
        Assert.Matches("^key_[0-9a-f]{16}$", e.KeyId);
        Assert.Null(r.Keys.Find("sk-other"));
    }
}
