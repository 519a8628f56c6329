namespace DistillGuard.Simulation.Evaluation;

/// <summary>Counts one kind of finding completely and keeps the first few as examples.</summary>
internal sealed class IssueCollector(int maxExamples)
{
    private readonly List<LineIssue> _examples = [];

    public long Count { get; private set; }

    public void Add(string file, long line, string? account, string message)
    {
        Count++;
        if (_examples.Count < maxExamples)
        {
            _examples.Add(new LineIssue { File = file, Line = line, Account = account, Message = message });
        }
    }

    /// <summary>Adds a finding whose message is only built when it will be kept.</summary>
    public void Add<TState>(string file, long line, string? account, TState state, Func<TState, string> message)
    {
        Count++;
        if (_examples.Count < maxExamples)
        {
            _examples.Add(new LineIssue { File = file, Line = line, Account = account, Message = message(state) });
        }
    }

    public IssueSummary ToSummary() => Count == 0 ? IssueSummary.None : new IssueSummary { Count = Count, Examples = _examples.ToArray() };
}
