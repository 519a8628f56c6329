using System.CommandLine;
using System.Text.Json.Nodes;
using DistillGuard.Core.Verdicts;
using DistillGuard.Sharing.Consortium;
using DistillGuard.Sharing.Export;
using DistillGuard.Sharing.Import;
using DistillGuard.Sharing.Intel;
using DistillGuard.Sharing.Matching;
using DistillGuard.Sharing.Policy;
using DistillGuard.Sharing.Stix;
using DistillGuard.Sharing.Taxii;

namespace DistillGuard.Cli.Commands;

/// <summary>`distillguard share export|import|push|pull|match`: STIX 2.1 / TAXII 2.1 sharing of campaign intelligence.</summary>
internal static class ShareCommand
{
    public static Command Create()
    {
        var cmd = new Command("share", "Share campaign intelligence with partner labs: STIX 2.1 bundles, TAXII 2.1 push/pull, matching partners' indicators.");
        cmd.Subcommands.Add(Export());
        cmd.Subcommands.Add(Import());
        cmd.Subcommands.Add(Match());
        cmd.Subcommands.Add(Push());
        cmd.Subcommands.Add(Pull());
        cmd.Subcommands.Add(RotateKey());
        return cmd;
    }

    // Analysis inputs shared by export and match (the same as `analyze`).
    private sealed record AnalysisOpts(Option<string[]> Log, Option<string?> Accounts, Option<string?> Allow, Option<string[]> IpIntel)
    {
        public static AnalysisOpts Make() => new(
            new Option<string[]>("--log", "-l") { Description = "Exchange log(s), as for `analyze`.", Required = true, AllowMultipleArgumentsPerToken = true },
            new Option<string?>("--accounts") { Description = "Account registry (payment fingerprints are shared only as consortium HMACs)." },
            new Option<string?>("--allow") { Description = "Licensed distillers (never escalated by partner evidence)." },
            new Option<string[]>("--ip-intel") { Description = "IP-intelligence file(s) (origin AS for autonomous-system indicators).", AllowMultipleArgumentsPerToken = true });

        public void AddTo(Command c) { c.Options.Add(Log); c.Options.Add(Accounts); c.Options.Add(Allow); c.Options.Add(IpIntel); }

        public LocalAnalysis Run(ParseResult pr, List<string> errors)
        {
            var logs = pr.GetValue(Log) ?? [];
            foreach (var f in logs) if (!File.Exists(f)) errors.Add($"--log: no file '{f}'");
            if (pr.GetValue(Accounts) is { } a && !File.Exists(a)) errors.Add($"--accounts: no file '{a}'");
            if (pr.GetValue(Allow) is { } w && !File.Exists(w)) errors.Add($"--allow: no file '{w}'");
            foreach (var f in pr.GetValue(IpIntel) ?? []) if (!File.Exists(f)) errors.Add($"--ip-intel: no file '{f}'");
            if (errors.Count > 0) throw new UsageException();
            return LocalAnalysis.Run(logs, pr.GetValue(Accounts), pr.GetValue(Allow), pr.GetValue(IpIntel), Environment.ProcessorCount);
        }
    }

    private sealed class UsageException : Exception;

    private static Option<string?> KeyringOpt() => new("--keyring") { Description = "Consortium keyring JSON (members, HMAC keys, grace days). Without it no account or payment indicator is exported or matched." };
    private static Option<string?> PartnersOpt() => new("--partners") { Description = "Partners JSON: {\"partners\":[{\"name\",\"member\",\"amber\"}]} (TLP policy)." };
    private static Option<string?> AuditOpt() => new("--audit") { Description = "Append what was shared with whom to this JSON-lines audit log.", DefaultValueFactory = _ => "share-audit.jsonl" };

    private static int Guarded(string name, Func<List<string>, int> body)
    {
        var errors = new List<string>();
        try { return body(errors); }
        catch (UsageException)
        {
            foreach (var e in errors) Console.Error.WriteLine($"share {name}: {e}");
            return ExitCodes.UsageError;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or FormatException)
        {
            Console.Error.WriteLine($"share {name}: {e.Message}");
            return ExitCodes.InputError;
        }
        catch (Exception e) when (e is TaxiiException or HttpRequestException)
        {
            Console.Error.WriteLine($"share {name}: {e.Message}");
            return ExitCodes.InputError;
        }
    }

    private static Command Export()
    {
        var a = AnalysisOpts.Make();
        var producer = new Option<string>("--producer") { Description = "Your lab's name (the STIX identity).", Required = true };
        var tlp = new Option<string>("--tlp") { Description = "TLP of campaign and network indicators: clear|green|amber|amber+strict|red.", DefaultValueFactory = _ => "amber" };
        var keyring = KeyringOpt();
        var partners = PartnersOpt();
        var to = new Option<string?>("--to") { Description = "Recipient partner: apply TLP policy for it (RED never, AMBER only if named, hashes only to members) and audit." };
        var audit = AuditOpt();
        var output = new Option<string>("--out", "-o") { Description = "Bundle file to write; the template extension-definition goes to FILE.extension-definition.json.", Required = true };
        var cmd = new Command("export", "Analyse the logs and export every published campaign as a STIX 2.1 bundle.") { producer, tlp, keyring, partners, to, audit, output };
        a.AddTo(cmd);
        cmd.SetAction(pr => Guarded("export", errors =>
        {
            if (!Tlp.TryParse(pr.GetValue(tlp), out var level)) errors.Add($"--tlp: unknown level '{pr.GetValue(tlp)}'");
            string? recipient = pr.GetValue(to);
            if (recipient is not null && pr.GetValue(partners) is null) errors.Add("--to needs --partners (who is a member, who is named for AMBER)");
            var local = a.Run(pr, errors);
            var ring = pr.GetValue(keyring) is { } k ? ConsortiumKeyring.Load(k) : null;
            if (recipient is not null && ring is not null && !ring.IsMember(recipient)) ring = null;   // hashes never for non-members
            var bundle = StixExporter.Export(local.Campaigns(), new ExportOptions { Producer = pr.GetValue(producer)!, Tlp = level, HashedTlp = level > TlpLevel.Amber ? level : TlpLevel.Amber, Keyring = ring });
            var objects = bundle["objects"]!.AsArray().OfType<JsonObject>().ToList();
            if (recipient is not null)
            {
                var decision = PartnersFile.Load(pr.GetValue(partners)!).Filter(objects, recipient);
                new AuditLog(pr.GetValue(audit)!).Record("export", recipient, decision);
                bundle = StixExporter.Bundle(decision.Allowed, bundle["id"]!.GetValue<string>() + "|" + recipient);
                Console.Error.WriteLine($"policy for {recipient}: {decision.Allowed.Count} object(s) allowed, {decision.Withheld.Count} withheld");
            }
            string path = pr.GetValue(output)!;
            File.WriteAllText(path, bundle.ToJsonString(StixExporter.Json) + "\n");
            File.WriteAllText(path + ".extension-definition.json", StixExporter.TemplateExtension(pr.GetValue(producer)!).ToJsonString(StixExporter.Json) + "\n");
            int indicators = bundle["objects"]!.AsArray().Count(o => o!["type"]!.GetValue<string>() == "indicator");
            Console.WriteLine($"{local.Result.Campaigns.Count} campaign(s), {indicators} indicator(s) → {path}");
            return ExitCodes.Success;
        }));
        return cmd;
    }

    private static Command Import()
    {
        var bundles = new Option<string[]>("--bundle", "-b") { Description = "Partner bundle(s) or TAXII envelope(s).", Required = true, AllowMultipleArgumentsPerToken = true };
        var cmd = new Command("import", "Read partners' bundles and list the indicators DistillGuard can match.") { bundles };
        cmd.SetAction(pr => Guarded("import", errors =>
        {
            foreach (var f in pr.GetValue(bundles) ?? []) if (!File.Exists(f)) errors.Add($"--bundle: no file '{f}'");
            if (errors.Count > 0) throw new UsageException();
            foreach (var f in pr.GetValue(bundles)!)
            {
                var b = StixImporter.Read(File.ReadAllText(f), Path.GetFileNameWithoutExtension(f));
                Console.WriteLine($"{f}: {b.Indicators.Count} indicator(s) " +
                    string.Join(", ", b.Indicators.GroupBy(i => (i.Partner, i.Kind)).OrderBy(g => g.Key.Partner).ThenBy(g => g.Key.Kind).Select(g => $"{g.Key.Partner}/{g.Key.Kind.WireName()} {g.Count()}")) +
                    $"; other objects: {string.Join(", ", b.OtherObjects.Select(kv => $"{kv.Key} {kv.Value}"))}; skipped {b.Skipped.Count}");
                foreach (var s in b.Skipped.Take(10)) Console.WriteLine($"  skipped {s}");
            }
            return ExitCodes.Success;
        }));
        return cmd;
    }

    private static Command Match()
    {
        var a = AnalysisOpts.Make();
        var bundles = new Option<string[]>("--bundle", "-b") { Description = "Partner bundle(s) (from `share pull` or a file partners sent).", Required = true, AllowMultipleArgumentsPerToken = true };
        var keyring = KeyringOpt();
        var producer = new Option<string>("--producer") { Description = "Your lab's name (signs the sightings).", Required = true };
        var output = new Option<string>("--out", "-o") { Description = "Directory: verdicts.jsonl and campaigns.json with partner evidence, sightings.json to send back.", Required = true };
        var cmd = new Command("match", "Match partners' indicators against your traffic; write verdicts with partner evidence and sightings for the partners.") { bundles, keyring, producer, output };
        a.AddTo(cmd);
        cmd.SetAction(pr => Guarded("match", errors =>
        {
            foreach (var f in pr.GetValue(bundles) ?? []) if (!File.Exists(f)) errors.Add($"--bundle: no file '{f}'");
            var local = a.Run(pr, errors);
            var ring = pr.GetValue(keyring) is { } k ? ConsortiumKeyring.Load(k) : null;
            var indicators = pr.GetValue(bundles)!.SelectMany(f => StixImporter.Read(File.ReadAllText(f), Path.GetFileNameWithoutExtension(f)).Indicators).ToList();
            var matches = new IndicatorMatcher(local.Index, ring, DateTimeOffset.UtcNow).Match(indicators);
            var adjusted = PartnerEvidence.Apply(local.Result, matches);
            string dir = pr.GetValue(output)!;
            VerdictWriter.Write(dir, adjusted.Verdicts, adjusted.Campaigns);
            File.WriteAllText(Path.Combine(dir, "sightings.json"), SightingExporter.Export(matches, local.Index, pr.GetValue(producer)!).ToJsonString(StixExporter.Json) + "\n");
            int accounts = matches.Select(m => m.Account).Distinct().Count();
            int changed = adjusted.Verdicts.Zip(local.Result.Verdicts).Count(p => p.First.Verdict != p.Second.Verdict);
            Console.WriteLine($"{indicators.Count} partner indicator(s); {matches.Select(m => m.Indicator.Id).Distinct().Count()} matched {accounts} account(s); {changed} verdict(s) raised → {dir}");
            return ExitCodes.Success;
        }));
        return cmd;
    }

    private static (Option<string> Url, Option<string> Collection, Option<string?> Key) TaxiiOpts() => (
        new Option<string>("--url") { Description = "Partner's TAXII API root, e.g. http://127.0.0.1:9700/distillguard/", Required = true },
        new Option<string>("--collection") { Description = "Collection id.", Required = true },
        new Option<string?>("--api-key-env") { Description = "Environment variable holding your API key at the partner.", DefaultValueFactory = _ => "DISTILLGUARD_TAXII_KEY" });

    private static TaxiiClient Client(HttpClient http, string url, string? keyEnv, List<string> errors)
    {
        if (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var root)) errors.Add($"--url: not a URL '{url}'");
        var key = keyEnv is null ? null : Environment.GetEnvironmentVariable(keyEnv);
        if (string.IsNullOrEmpty(key)) errors.Add($"no API key: set the environment variable {keyEnv}");
        if (errors.Count > 0) throw new UsageException();
        return new TaxiiClient(http, root!, key!);
    }

    private static Command Push()
    {
        var (url, collection, key) = TaxiiOpts();
        var bundle = new Option<string>("--bundle", "-b") { Description = "Bundle to push (from `share export`); its .extension-definition.json is pushed too when present.", Required = true };
        var to = new Option<string>("--to") { Description = "The partner's name (TLP policy and audit).", Required = true };
        var partners = PartnersOpt();
        partners.Required = true;
        var audit = AuditOpt();
        var cmd = new Command("push", "Push a bundle to a partner's TAXII collection, after TLP policy (RED never leaves).") { url, collection, key, bundle, to, partners, audit };
        cmd.SetAction((pr, ct) => Task.FromResult(Guarded("push", errors =>
        {
            if (!File.Exists(pr.GetValue(bundle))) errors.Add($"--bundle: no file '{pr.GetValue(bundle)}'");
            using var http = new HttpClient();
            var client = Client(http, pr.GetValue(url)!, pr.GetValue(key), errors);
            var objects = (JsonNode.Parse(File.ReadAllText(pr.GetValue(bundle)!))?["objects"] as JsonArray ?? throw new InvalidDataException("not a STIX bundle")).OfType<JsonObject>().ToList();
            var ext = pr.GetValue(bundle) + ".extension-definition.json";
            if (File.Exists(ext) && JsonNode.Parse(File.ReadAllText(ext)) is JsonObject e) objects.Add(e);
            var (decision, status) = client.PushAsync(pr.GetValue(collection)!, objects, PartnersFile.Load(pr.GetValue(partners)!), pr.GetValue(to)!, new AuditLog(pr.GetValue(audit)!), ct).GetAwaiter().GetResult();
            Console.WriteLine($"pushed {decision.Allowed.Count} object(s), withheld {decision.Withheld.Count}; server: {status?["success_count"]} added, {status?["failure_count"]} failed");
            return ExitCodes.Success;
        })));
        return cmd;
    }

    private static Command Pull()
    {
        var (url, collection, key) = TaxiiOpts();
        var after = new Option<DateTimeOffset?>("--added-after") { Description = "Only objects the server added after this time." };
        var output = new Option<string>("--out", "-o") { Description = "Write the pulled objects as one bundle (input to `share match`).", Required = true };
        var cmd = new Command("pull", "Pull a partner's TAXII collection into a bundle file.") { url, collection, key, after, output };
        cmd.SetAction((pr, ct) => Task.FromResult(Guarded("pull", errors =>
        {
            using var http = new HttpClient();
            var client = Client(http, pr.GetValue(url)!, pr.GetValue(key), errors);
            var objects = client.GetObjectsAsync(pr.GetValue(collection)!, pr.GetValue(after), ct: ct).GetAwaiter().GetResult();
            // Extension definitions go beside the bundle (the OASIS bundle schema has no member for them).
            var extensions = objects.Where(o => o["type"]?.GetValue<string>() == "extension-definition").ToList();
            var stix = objects.Where(o => o["type"]?.GetValue<string>() != "extension-definition").ToList();
            File.WriteAllText(pr.GetValue(output)!, StixExporter.Bundle(stix, "pull|" + pr.GetValue(url) + "|" + string.Join(",", stix.Select(o => o["id"]))).ToJsonString(StixExporter.Json) + "\n");
            if (extensions.Count > 0)
                File.WriteAllText(pr.GetValue(output) + ".extension-definition.json", new JsonArray(extensions.Select(e => (JsonNode)e.DeepClone()).ToArray()).ToJsonString(StixExporter.Json) + "\n");
            Console.WriteLine($"pulled {objects.Count} object(s) → {pr.GetValue(output)}");
            return ExitCodes.Success;
        })));
        return cmd;
    }

    private static Command RotateKey()
    {
        var keyring = new Option<string>("--keyring") { Description = "The consortium keyring file to rotate (rewritten in place).", Required = true };
        var id = new Option<string>("--id") { Description = "Id of the new key (must not exist yet).", Required = true };
        var cmd = new Command("rotate-key",
            "Make a fresh random key current and retire the current one; hashes under retired keys keep matching for the keyring's grace period. " +
            "Distribute the new keyring to every member out of band.") { keyring, id };
        cmd.SetAction(pr => Guarded("rotate-key", errors =>
        {
            string path = pr.GetValue(keyring)!, newId = pr.GetValue(id)!;
            if (!File.Exists(path)) errors.Add($"--keyring: no file '{path}'");
            if (string.IsNullOrWhiteSpace(newId) || newId.Contains(':')) errors.Add("--id must be non-empty and contain no ':'");
            if (errors.Count > 0) throw new UsageException();
            var ring = ConsortiumKeyring.Load(path);
            if (ring.Keys.Any(k => k.Id == newId)) { errors.Add($"--id: key '{newId}' already exists"); throw new UsageException(); }
            var now = DateTimeOffset.UtcNow;
            var rotated = ring.Rotate(newId, now);
            rotated.Save(path);
            Console.WriteLine($"key '{newId}' is now current; retired keys match until {now + ring.Grace:yyyy-MM-dd} ({ring.Grace.TotalDays:0} days)");
            return ExitCodes.Success;
        }));
        return cmd;
    }
}
