using DistillGuard.Core.Model;

namespace DistillGuard.Core.Signals;

/// <summary>
/// Decides <c>answer-echo</c> in the account stage, against the population of the log as it streams in. The reader marks
/// every exchange whose response ends on a number the request stated after working out new ones; anyone who checks a
/// result they were given does that now and then (a student with the book's answer), an operation that turns answered
/// problems into reasoning traces does it on a large share of its traffic. An echo stands only when the account's echoes
/// so far are more than the log's echo rate would give it by chance: the binomial upper tail of its count, at the rate
/// of the whole log so far, is below <see cref="Alpha"/>. The rate is the log's own, so one large sweep raises it
/// against itself. Until the log has <see cref="MinExchanges"/> exchanges no echo stands.
/// <para>Runs in the account stage's single thread, in file order, so it is deterministic; batch, streaming and the
/// gateway tap call the same <see cref="Judge"/>.</para>
/// </summary>
public sealed class EchoPopulation
{
    /// <summary>How unlikely an account's echo count must be at the log's rate: one account in ten thousand.</summary>
    public const double Alpha = 1e-4;
    /// <summary>Exchanges the log needs before its echo rate is read.</summary>
    public const int MinExchanges = 1000;

    private readonly bool _off;
    private readonly List<int> _echoes = new();   // per account index: echo candidates so far
    private long _exchanges, _candidates;

    public EchoPopulation(bool off = false) => _off = off;

    /// <summary>Counts <paramref name="f"/> and clears its <see cref="SignalSet.AnswerEcho"/> unless the account
    /// (<paramref name="account"/>, with <paramref name="accountExchanges"/> before this one) echoes beyond chance.</summary>
    public void Judge(ExchangeFeatures f, int account, int accountExchanges)
    {
        _exchanges++;
        if ((f.Signals & SignalSet.AnswerEcho) == 0) return;
        _candidates++;
        while (_echoes.Count <= account) _echoes.Add(0);
        int k = ++_echoes[account];
        if (_off || _exchanges < MinExchanges || !BeyondChance(k, accountExchanges + 1, (double)_candidates / _exchanges))
            f.Signals &= ~SignalSet.AnswerEcho;
    }

    /// <summary>Whether k or more of n at rate p has probability below <see cref="Alpha"/> (binomial upper tail).</summary>
    internal static bool BeyondChance(int k, int n, double p)
    {
        if (k <= 0) return false;
        if (p <= 0) return true;
        if (p >= 1) return false;
        // P(X >= k) = 1 - sum_{i<k} C(n,i) p^i (1-p)^(n-i), summed in log space term by term
        double logP = Math.Log(p), logQ = Math.Log(1 - p), below = 0, logTerm = n * logQ;   // i = 0
        for (int i = 0; i < k; i++)
        {
            below += Math.Exp(logTerm);
            if (i + 1 <= n) logTerm += Math.Log((double)(n - i) / (i + 1)) + logP - logQ;
        }
        return 1 - below < Alpha;
    }
}
