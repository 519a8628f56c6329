using DistillGuard.Simulation.Common;

namespace DistillGuard.Simulation.Content;

/// <summary>Generates word problems with computed answers, and multiple-choice items, into slot buffers.</summary>
internal static class MathProblems
{
    public static void English(ref SimRandom r, string[] names, CharBuffer q, CharBuffer a)
    {
        string n = names[r.Next(names.Length)];
        int A, B, C;
        switch (r.Next(12))
        {
            case 0:
                A = r.Next(12, 90); B = r.Next(3, 40);
                q.Append(n).Append(" sold ").Append(A).Append(" cupcakes on Monday and ").Append(B).Append(" more on Tuesday than on Monday. How many cupcakes did ").Append(n).Append(" sell in total?");
                a.Append(A + A + B); break;
            case 1:
                A = r.Next(40, 130); B = r.Next(2, 9);
                q.Append("A train travels at ").Append(A).Append(" km/h for ").Append(B).Append(" hours. How far does it travel?");
                a.Append(A * B).Append(" km"); break;
            case 2:
                B = r.Next(5, 60); C = r.Next(5, 80); A = B + 2 * C;
                q.Append(n).Append(" has $").Append(A).Append(". They spend $").Append(B).Append(" on books and half of the rest on lunch. How much money is left?");
                a.Append('$').Append(C); break;
            case 3:
                A = r.Next(3, 60); B = r.Next(2, 40);
                q.Append("A rectangle has a length of ").Append(A).Append(" cm and a width of ").Append(B).Append(" cm. What is its perimeter?");
                a.Append(2 * (A + B)).Append(" cm"); break;
            case 4:
                A = 20 * r.Next(1, 30); B = 5 * r.Next(1, 19);
                q.Append("There are ").Append(A).Append(" students in a school year. If ").Append(B).Append(" percent of them wear glasses, how many students wear glasses?");
                a.Append(A * B / 100); break;
            case 5:
                A = r.Next(8, 45); B = r.Next(3, 30); C = A * B;
                q.Append(n).Append(" reads ").Append(A).Append(" pages a day. How many days will it take to finish a book with ").Append(C).Append(" pages?");
                a.Append(B); break;
            case 6:
                A = r.Next(4, 13); B = r.Next(2, 20); C = A * B - r.Next(0, A - 1);
                q.Append("A shop sells pencils in packs of ").Append(A).Append(". ").Append(n).Append(" needs ").Append(C).Append(" pencils. How many packs must ").Append(n).Append(" buy?");
                a.Append((C + A - 1) / A); break;
            case 7:
                A = r.Next(10, 200);
                q.Append("What is the sum of all integers from 1 to ").Append(A).Append('?');
                a.Append(A * (A + 1) / 2); break;
            case 8:
                A = r.Next(2, 15); int x = r.Next(-20, 40); B = r.Next(-50, 60); C = A * x + B;
                q.Append("Solve for x: ").Append(A).Append("x ").Append(B < 0 ? "- " : "+ ").Append(Math.Abs(B)).Append(" = ").Append(C).Append('.');
                a.Append("x = ").Append(x); break;
            case 9:
                A = r.Next(4, 15); B = 100 * r.Next(1, 12);
                q.Append("A car uses ").Append(A).Append(" liters of fuel per 100 km. How many liters does it need for a trip of ").Append(B).Append(" km?");
                a.Append(A * B / 100).Append(" liters"); break;
            case 10:
                A = r.Next(10, 99); B = r.Next(10, 99); int y = r.Next(10, 99); C = A + B + y;
                if (C % 3 != 0) { y += 3 - C % 3; C = A + B + y; }
                q.Append("The average of ").Append(A).Append(", ").Append(B).Append(" and x is ").Append(C / 3).Append(". What is x?");
                a.Append(y); break;
            default:
                A = r.Next(2, 6); B = r.Next(2, 6); int m = r.Next(2, 6); C = B * m;
                q.Append("A recipe needs ").Append(A).Append(" eggs for ").Append(B).Append(" servings. How many eggs are needed for ").Append(C).Append(" servings?");
                a.Append(A * m); break;
        }
    }

    /// <summary>A multiple-choice item: the question with options (A)–(D) into <paramref name="q"/>, the letter into <paramref name="a"/>.</summary>
    public static void MultipleChoice(ref SimRandom r, string[] names, CharBuffer q, CharBuffer a, CharBuffer scratch)
    {
        if (r.Chance(0.4))
        {
            var (question, options, correct) = Facts[r.Next(Facts.Length)];
            q.Append(question);
            for (int i = 0; i < 4; i++) q.Append("\n(").Append((char)('A' + i)).Append(") ").Append(options[i]);
            a.Append((char)('A' + correct));
            return;
        }
        scratch.Clear();
        English(ref r, names, q, scratch);
        // Options: the true answer and three near misses.
        int correctIndex = r.Next(4);
        long value = ParseLeadingNumber(scratch.Span, out int numStart, out int numEnd);
        for (int i = 0; i < 4; i++)
        {
            q.Append("\n(").Append((char)('A' + i)).Append(") ");
            long v = i == correctIndex ? value : value + (i - correctIndex) * (1 + r.Next(1, 7));
            q.Append(scratch.Span[..numStart]).Append(v).Append(scratch.Span[numEnd..]);
        }
        a.Append((char)('A' + correctIndex));
    }

    private static long ParseLeadingNumber(ReadOnlySpan<char> s, out int start, out int end)
    {
        start = 0;
        while (start < s.Length && !char.IsDigit(s[start]) && s[start] != '-') start++;
        end = start;
        if (end < s.Length && s[end] == '-') end++;
        while (end < s.Length && char.IsDigit(s[end])) end++;
        return long.TryParse(s[start..end], out long v) ? v : 0;
    }

    /// <summary>Fills a language pack's "op|text" pattern (#N name, #A/#B numbers) and its answer.</summary>
    public static void Pattern(ref SimRandom r, LanguagePack lang, CharBuffer q, CharBuffer a)
    {
        string p = lang.MathPatterns[r.Next(lang.MathPatterns.Length)];
        char op = p[0];
        int A = r.Next(10, 90), B = r.Next(2, 9);
        if (op == '-' && B > A) (A, B) = (B, A);
        string name = lang.Names[r.Next(lang.Names.Length)];
        var text = p.AsSpan(2);
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '#' && i + 1 < text.Length)
            {
                char c = text[i + 1];
                if (c == 'N') { q.Append(name); i++; continue; }
                if (c == 'A') { q.Append(A); i++; continue; }
                if (c == 'B') { q.Append(B); i++; continue; }
            }
            q.Append(text[i]);
        }
        a.Append(op switch { '+' => A + B, '-' => A - B, '*' => A * B, _ => A / Math.Max(1, B) });
    }

    private static readonly (string, string[], int)[] Facts =
    [
        ("Which gas makes up most of Earth's atmosphere?", ["Oxygen", "Nitrogen", "Carbon dioxide", "Argon"], 1),
        ("What is the time complexity of binary search on a sorted array?", ["O(n)", "O(n log n)", "O(log n)", "O(1)"], 2),
        ("Which organelle produces most of a cell's ATP?", ["Nucleus", "Ribosome", "Golgi apparatus", "Mitochondrion"], 3),
        ("In economics, what does GDP measure?", ["The total value of goods and services produced", "Government debt", "The money supply", "Average wages"], 0),
        ("Which of these is a prime number?", ["21", "39", "47", "51"], 2),
        ("Which data structure uses first-in, first-out order?", ["Stack", "Queue", "Tree", "Hash map"], 1),
        ("What is the derivative of x^2?", ["x", "2x", "x^3/3", "2"], 1),
        ("Which planet has the shortest year?", ["Mercury", "Venus", "Earth", "Mars"], 0),
        ("A valid argument with true premises is called:", ["Sound", "Circular", "Inductive", "Fallacious"], 0),
        ("Which unit measures electrical resistance?", ["Volt", "Ampere", "Ohm", "Watt"], 2),
        ("Which law says that for every action there is an equal and opposite reaction?", ["Newton's first law", "Newton's second law", "Newton's third law", "Hooke's law"], 2),
        ("Which regression problem arises when predictors are highly correlated?", ["Heteroskedasticity", "Multicollinearity", "Autocorrelation", "Endogeneity"], 1),
    ];
}
