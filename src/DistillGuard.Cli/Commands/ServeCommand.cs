using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using DistillGuard.Server.Taxii;
using DistillGuard.Sharing.Policy;

namespace DistillGuard.Cli.Commands;

/// <summary>`distillguard serve --config FILE`: the TAXII 2.1 server on 127.0.0.1.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var config = new Option<string>("--config", "-c") { Description = "Server config JSON: port, collections, clients (partner, api_key_env, read, write), partners, audit.", Required = true };
        var port = new Option<int?>("--port") { Description = "Override the config's port (127.0.0.1 only)." };
        var cmd = new Command("serve", "Run the TAXII 2.1 server (127.0.0.1 only) partners push campaign intelligence to and pull it from.") { config, port };
        cmd.SetAction(async (pr, ct) =>
        {
            TaxiiOptions options;
            int p;
            try { (options, p) = Load(pr.GetValue(config)!); }
            catch (Exception e) when (e is IOException or InvalidDataException or JsonException or InvalidOperationException or FormatException)
            {
                Console.Error.WriteLine($"serve: {e.Message}");
                return ExitCodes.InputError;
            }
            if (pr.GetValue(port) is { } o) p = o;
            var app = new TaxiiServer(options).Build(p);
            await app.StartAsync(ct);
            Console.WriteLine($"TAXII 2.1 on {string.Join(", ", app.Urls)} — discovery /taxii2/, API root /{options.ApiRoot}/; Ctrl+C stops");
            try { await Task.Delay(Timeout.Infinite, ct); } catch (OperationCanceledException) { }
            await app.StopAsync(CancellationToken.None);
            return ExitCodes.Success;
        });
        return cmd;
    }

    /// <summary>Reads the server config. API keys are read from the environment variables the config names, never from the file.</summary>
    internal static (TaxiiOptions Options, int Port) Load(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new InvalidDataException($"{path}: expected a JSON object");
        var errors = new List<string>();
        var collections = (root["collections"] as JsonArray ?? []).OfType<JsonObject>().Select(c => new TaxiiCollection
        {
            Id = c["id"]?.GetValue<string>() ?? "",
            Title = c["title"]?.GetValue<string>() ?? "",
            Description = c["description"]?.GetValue<string>(),
        }).ToList();
        if (collections.Count == 0 || collections.Any(c => c.Id.Length == 0)) errors.Add("\"collections\" needs at least one {\"id\",\"title\"}");
        var clients = new List<TaxiiClientGrant>();
        foreach (var c in (root["clients"] as JsonArray ?? []).OfType<JsonObject>())
        {
            string partner = c["partner"]?.GetValue<string>() ?? "";
            string env = c["api_key_env"]?.GetValue<string>() ?? "";
            string? key = env.Length > 0 ? Environment.GetEnvironmentVariable(env) : null;
            if (partner.Length == 0) { errors.Add("every client needs \"partner\""); continue; }
            if (string.IsNullOrEmpty(key) || key.Length < 16) { errors.Add($"client {partner}: environment variable '{env}' must hold its API key (16+ characters)"); continue; }
            var read = (c["read"] as JsonArray ?? []).Select(x => x!.GetValue<string>()).ToList();
            var write = (c["write"] as JsonArray ?? []).Select(x => x!.GetValue<string>()).ToList();
            foreach (var id in read.Concat(write)) if (collections.All(col => col.Id != id)) errors.Add($"client {partner}: unknown collection '{id}'");
            clients.Add(new TaxiiClientGrant { Partner = partner, ApiKey = key, Read = read, Write = write });
        }
        if (errors.Count > 0) throw new InvalidDataException($"{path}: " + string.Join("; ", errors));
        var options = new TaxiiOptions
        {
            Title = root["title"]?.GetValue<string>() ?? "DistillGuard TAXII",
            ApiRoot = root["api_root"]?.GetValue<string>() ?? "distillguard",
            Collections = collections,
            Clients = clients,
            Policy = root["partners"] is JsonArray ? PartnersFile.Parse(root["partners"], path) : new SharingPolicy([]),
            Audit = root["audit"]?.GetValue<string>() is { } a ? new AuditLog(a) : null,
        };
        return (options, root["port"]?.GetValue<int>() ?? 9700);
    }
}
