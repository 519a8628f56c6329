namespace DistillGuard.ProvenanceBench;

internal static partial class Experiments
{
    public static int FalsePositives(string[] args) => 0;
    public static int Paraphrase(string[] args) => 0;
    public static int Attribution(string[] args) => 0;
    public static int Reasoning(string[] args) => 0;
    public static int Canaries(string[] args) => 0;
}
