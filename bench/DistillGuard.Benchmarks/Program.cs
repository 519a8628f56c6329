using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/DistillGuard.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

public partial class Program;
