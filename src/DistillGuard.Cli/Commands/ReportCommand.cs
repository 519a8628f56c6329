using System.CommandLine;
using DistillGuard.Dashboard.Auth;
using DistillGuard.Dashboard.Report;
using DistillGuard.Storage;

namespace DistillGuard.Cli.Commands;

/// <summary>`distillguard report`: the campaign report of a store as one self-contained HTML file; and
/// `distillguard dashboard-key`: a new dashboard API key and the line for the keys file.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var store = new Option<string>("--store") { Description = "The store `analyze --store` wrote: a DuckDB file or postgresql://USER@HOST:PORT/DB.", Required = true };
        var passwordEnv = new Option<string?>("--store-password-env") { Description = "Environment variable holding the PostgreSQL password (default PGPASSWORD)." };
        var output = new Option<string>("--out", "-o") { Description = "Directory for report.html.", Required = true };
        var maxMembers = new Option<int>("--max-members") { Description = "Members listed per campaign (the rest are counted).", DefaultValueFactory = _ => 300 };
        var cmd = new Command("report",
            "Write DIR/report.html from a store: summary, score distribution, and per campaign its evidence card (targets, tactics, members, evidence with\n" +
            "prompt skeletons and example exchanges, infrastructure, payment and registration overlaps, partner corroboration) and plots (traffic over time,\n" +
            "model-release pivot, activity by hour, linked-account graph). One file, scripts and styles inline: it opens offline.")
        { store, passwordEnv, output, maxMembers };
        cmd.SetAction(pr => Run(pr.GetValue(store)!, pr.GetValue(passwordEnv), pr.GetValue(output)!, pr.GetValue(maxMembers), Console.Out, Console.Error));
        return cmd;
    }

    internal static int Run(string store, string? passwordEnv, string outDir, int maxMembers, TextWriter stdout, TextWriter stderr)
    {
        if (!ResultStores.IsPostgres(store) && !File.Exists(store))
        {
            stderr.WriteLine($"report: no store '{store}' (write one with `distillguard analyze --store FILE`)");
            return ExitCodes.UsageError;
        }
        try
        {
            using var s = ResultStores.Open(store, passwordEnv);
            var path = ReportWriter.Write(s, outDir, new ReportWriter.Options { MaxMembers = Math.Max(1, maxMembers) });
            var summary = s.Summary();
            stdout.WriteLine($"{summary.Campaigns} campaign(s), {summary.Accounts:N0} accounts → {path} ({new FileInfo(path).Length / 1024:N0} KiB)");
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is System.Data.Common.DbException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"report: {e.Message}");
            return ExitCodes.InputError;
        }
    }

    public static Command CreateKey()
    {
        var user = new Option<string>("--user") { Description = "Who will hold the key (recorded in the audit log with every decision).", Required = true };
        var role = new Option<string>("--role") { Description = "viewer (reads), analyst (also decides and exports), admin (also reads the audit log).", DefaultValueFactory = _ => "analyst" };
        var cmd = new Command("dashboard-key", "Make a new random dashboard API key: prints the key (give it to the user) and the line for the keys file (only its SHA-256).") { user, role };
        cmd.SetAction(pr =>
        {
            if (!DashboardRoles.TryParse(pr.GetValue(role), out var r))
            {
                Console.Error.WriteLine("dashboard-key: --role must be viewer, analyst or admin");
                return ExitCodes.UsageError;
            }
            var key = ApiKeyStore.NewKey();
            Console.WriteLine($"key: {key}");
            Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(new { user = pr.GetValue(user), role = r.WireName(), key_sha256 = ApiKeyStore.Hash(key) }));
            return ExitCodes.Success;
        });
        return cmd;
    }
}
