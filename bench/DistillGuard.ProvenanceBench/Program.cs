using System.Diagnostics;
using System.Globalization;
using DistillGuard.ProvenanceBench;

// dotnet run -c Release --project bench/DistillGuard.ProvenanceBench -- <experiment> [options]   (see bench/provenance.sh)
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var sw = Stopwatch.StartNew();
string what = args.Length > 0 ? args[0] : "all";
var rest = args.Skip(1).ToArray();
int rc = what switch
{
    "stats" => Experiments.Stats(rest),
    "fpr" => Experiments.FalsePositives(rest),
    "paraphrase" => Experiments.Paraphrase(rest),
    "student" => Experiments.Student(rest),
    "attribution" => Experiments.Attribution(rest),
    "reasoning" => Experiments.Reasoning(rest),
    "canaries" => Experiments.Canaries(rest),
    "diag" => Experiments.Diag(rest),
    "design" => Experiments.Design(rest),
    "speed" => Experiments.Speed(rest),
    "check" => Experiments2.Check(rest),
    "all" => new[] { "stats", "fpr", "paraphrase", "student", "attribution", "reasoning", "canaries" }.Sum(e => Experiments.Run(e, rest)),
    _ => Usage(),
};
Console.Error.WriteLine($"[{what}: {sw.Elapsed.TotalSeconds:F1} s]");
return rc;

static int Usage()
{
    Console.Error.WriteLine("usage: ProvenanceBench stats|fpr|paraphrase|student|attribution|reasoning|canaries|all (diagnostics: diag, check)");
    return 2;
}
