using System.Text;
using System.Text.Json;
using DistillGuard.Core.Model;
using DistillGuard.Core.Parsing;
using DistillGuard.Core.Signals;

namespace DistillGuard.Core.Tests.Signals;

/// <summary>
/// answer-echo, read from numbers: a response that works out new numbers and ends on one the request already stated was
/// asked for the route to a result it was handed, however the request words it (the blind red team's shadow walkthroughs
/// ask without any reasoning vocabulary; its evasive CoT sweep words each account its own way).
/// </summary>
public sealed class AnswerEchoTests
{
    private static (ulong[] Numbers, ulong Last) Numbers(string text)
    {
        var seen = new ulong[AnswerEcho.RequestCapacity];
        int n = 0;
        ulong last = 0;
        AnswerEcho.Scan(Encoding.UTF8.GetBytes(text), seen, ref n, ref last);
        return (seen[..n], last);
    }

    private static bool Echoes(string request, string response)
    {
        var (asked, _) = Numbers(request);
        var (said, last) = Numbers(response);
        return AnswerEcho.Echoes(said, last, asked);
    }

    [Fact]
    public void Scan_OneNumberInItsForms_IsOneHash()
    {
        Assert.Equal(Numbers("It comes to 1,234.").Last, Numbers("total: $1234").Last);
        Assert.Equal(Numbers("-20.62%").Last, Numbers("a change of -20.62 %").Last);
        Assert.Equal(Numbers("p = 1/18").Last, Numbers("1/18").Last);
        Assert.NotEqual(Numbers("18").Last, Numbers("18.5").Last);
    }

    [Theory]
    [InlineData("Step 3")]               // one digit says nothing
    [InlineData("the 3rd item")]         // glued to a word: an identifier
    [InlineData("version v22 and x86")]  // inside words
    public void Scan_WhatIsNotAResultNumber_LeavesNoLast(string text) => Assert.Equal(0UL, Numbers(text).Last);

    [Fact]
    public void Scan_JsonEscapes_Separate()
    {
        var seen = new ulong[8];
        int n = 0;
        ulong last = 0;
        AnswerEcho.Scan("so 30 \\n18"u8, seen, ref n, ref last);   // raw JSON string bytes: \n then 18
        Assert.Equal(Numbers("18").Last, last);
        Assert.Equal(2, n);
    }

    [Theory]
    // handed the result, in words no lexicon lists, and the response derives it
    [InlineData("The back of the sheet says $18. Go through it as if nobody had told you. Kenji buys 6 notebooks at $2 each and pays with $30.",
        "At $2.50 each they would cost $15.00, but the price is $2: 6 x 2 = $12. Paying with $30 leaves 30 - 12 = 18. Kenji gets $18 back.")]
    [InlineData("Apparently it comes out to 3.872 m/s. A 13 kg cart at 14 m/s hits a 34 kg cart at rest and they stick.",
        "Momentum before: 13 * 14 = 182 kg m/s. Mass after: 47 kg. v = 182 / 47 = 3.872 m/s.\n\nLet me know if anything is unclear.")]
    public void Echoes_ResultHandedOverAndDerived_Fires(string request, string response) => Assert.True(Echoes(request, response));

    [Theory]
    // an ordinary question: the result is new to the asker
    [InlineData("Kenji buys 6 notebooks at $2 each and pays with $30. How much change?", "6 x 2 = $12; 30 - 12 = 18. He gets $18.")]
    // a translation or extraction repeats the request's numbers and derives none
    [InlineData("Translate: Clause 14.2. The fee of EUR 2,500 is due within 30 days.", "Cláusula 14.2. La tarifa de 2.500 EUR vence en 30 días, clause 14.2")]
    // ends on a restated operand without working anything out
    [InlineData("Is 1729 the smallest taxicab number?", "Yes, 1729 is the smallest number expressible as a sum of two cubes in two ways: 1729.")]
    public void Echoes_OrdinaryExchanges_DoNotFire(string request, string response) => Assert.False(Echoes(request, response));

    private static string Line(string user, string answer)
        => "{\"id\":\"ex_1\",\"ts\":\"2026-02-01T12:00:00.123Z\",\"account\":\"acct_1\",\"api\":\"anthropic.messages\",\"request\":{\"model\":\"m\",\"max_tokens\":4096,\"messages\":[{\"role\":\"user\",\"content\":"
           + JsonSerializer.Serialize(user) + "}]},\"response\":{\"content\":[{\"type\":\"thinking\",\"thinking\":\"30 minus 12\",\"signature\":\"c2ln\"},{\"type\":\"text\",\"text\":"
           + JsonSerializer.Serialize(answer) + "}]},\"status\":200}";

    [Fact]
    public void Parse_AnthropicExchange_SetsTheFlagFromTheAnswerTextOnly()
    {
        var f = new ExchangeFeatures();
        var p = new ExchangeLineParser();
        Assert.Null(p.Parse(Encoding.UTF8.GetBytes(Line("I'm told the result is 637. Lay out the whole path. xs = [19, 16, 2, 4, 6, 18]",
            "Squares not divisible by 3: 361 + 256 + 4 + 16 = 637.\nResult: 637")), f));
        Assert.True(f.Signals.HasFlag(SignalSet.AnswerEcho));
        Assert.True(f.Capabilities.HasFlag(Capability.Reasoning));
        Assert.Null(p.Parse(Encoding.UTF8.GetBytes(Line("xs = [19, 16, 2, 4, 6, 18]: what does the sum of squares not divisible by 3 give?",
            "361 + 256 + 4 + 16 = 637.")), f));
        Assert.False(f.Signals.HasFlag(SignalSet.AnswerEcho));
    }
}

/// <summary><see cref="EchoPopulation"/>: an echo stands only where the account echoes beyond what the log's own echo rate
/// gives it by chance.</summary>
public sealed class EchoPopulationTests
{
    [Theory]
    [InlineData(1, 20, 0.03, false)]    // a student's one echo among twenty requests
    [InlineData(3, 20, 0.03, false)]    // three: still what one in a few hundred students would show
    [InlineData(10, 50, 0.02, true)]    // a fifth of an account's traffic at a 2 % log rate
    [InlineData(35, 57, 0.05, true)]
    [InlineData(35, 57, 0.60, false)]   // a log where most traffic echoes: the account is ordinary there
    public void BeyondChance_BinomialTail(int k, int n, double p, bool expected)
        => Assert.Equal(expected, EchoPopulation.BeyondChance(k, n, p));

    private static ExchangeFeatures Ex(bool echo) => new() { Account = "a", Signals = echo ? SignalSet.AnswerEcho : SignalSet.None };

    [Fact]
    public void Judge_KeepsTheEchoesOfAnAccountThatEchoesMostOfItsTraffic_ClearsTheOccasionalOnes()
    {
        var pop = new EchoPopulation();
        var r = new Random(7);
        // a population: 400 accounts, 30 requests each, 2 % echo; then one account echoing half its requests
        for (int i = 0; i < 30; i++)
            for (int a = 0; a < 400; a++)
            {
                var f = Ex(r.NextDouble() < 0.02);
                pop.Judge(f, a, i);
                Assert.Equal(SignalSet.None, f.Signals);   // nobody in the crowd echoes beyond chance
            }
        int kept = 0;
        for (int i = 0; i < 40; i++)
        {
            var f = Ex(i % 2 == 0);
            pop.Judge(f, 400, i);
            if (f.Signals.HasFlag(SignalSet.AnswerEcho)) kept++;
        }
        Assert.InRange(kept, 14, 20);   // all but its first few, once its count is beyond chance
    }

    [Fact]
    public void Judge_BeforeTheLogHasAPopulation_NoEchoStands()
    {
        var pop = new EchoPopulation();
        for (int i = 0; i < 50; i++)
        {
            var f = Ex(true);
            pop.Judge(f, 0, i);
            Assert.Equal(SignalSet.None, f.Signals);
        }
    }

    [Fact]
    public void Scan_JumpingOverProse_ReadsWhatAByteByByteScanReads()
    {
        // The scan jumps to the next digit or escape with a vectorised search; the scan it replaced classified every byte.
        // Random texts over digits, letters, separators, escapes and multi-byte characters must read the same numbers.
        var r = new Random(28);
        string[] pieces = ["1", "2", "0", "9", "42", "a", "k", "x", "v", "Z", " ", ".", ",", "/", "-", "_", "$", "\\", "\\n", "é", "中", "\n", "(", ")"];
        for (int t = 0; t < 5000; t++)
        {
            var sb = new StringBuilder();
            int n = r.Next(0, 40);
            for (int i = 0; i < n; i++) sb.Append(pieces[r.Next(pieces.Length)]);
            var bytes = Encoding.UTF8.GetBytes(sb.ToString());
            var seenA = new ulong[AnswerEcho.ResponseCapacity]; int countA = 0; ulong lastA = 0;
            var seenB = new ulong[AnswerEcho.ResponseCapacity]; int countB = 0; ulong lastB = 0;
            AnswerEcho.Scan(bytes, seenA, ref countA, ref lastA);
            ByteByByte(bytes, seenB, ref countB, ref lastB);
            Assert.True(countA == countB && lastA == lastB && seenA.AsSpan(0, countA).SequenceEqual(seenB.AsSpan(0, countB)), $"differs on \"{sb}\"");
        }
    }

    /// <summary>The scan as it was before the vectorised jump (session 27): every byte classified in turn; each number read
    /// by the same <see cref="AnswerEcho.ReadNumber"/>.</summary>
    private static void ByteByByte(ReadOnlySpan<byte> text, Span<ulong> seen, ref int count, ref ulong last)
    {
        static bool Digit(byte b) => (uint)(b - '0') <= 9;
        static bool Letter(byte b) => (uint)((b | 0x20) - 'a') <= 'z' - 'a';
        int i = 0;
        bool sep = true;
        while (i < text.Length)
        {
            byte b = text[i];
            if (b == (byte)'\\') { i += 2; sep = true; continue; }
            if (!Digit(b) || !sep) { sep = !(Digit(b) || Letter(b) || b == (byte)'_' || b == (byte)'.' || b >= 0x80); i++; continue; }
            i = AnswerEcho.ReadNumber(text, i, seen, ref count, ref last);
            sep = false;
        }
    }
}
