using System.Globalization;
using System.Text;

namespace DistillGuard.Sharing.Stix;

/// <summary>One comparison of a STIX pattern: <c>type:path op literal</c>.</summary>
public sealed record PatternComparison(string ObjectType, IReadOnlyList<string> Path, string Operator, string Value, bool IsNumber)
{
    public string PathText => string.Join(".", Path);
}

/// <summary>A parsed STIX 2.1 pattern, restricted to the subset DistillGuard emits and matches: one observation
/// expression <c>[ ... ]</c> of comparisons joined by AND/OR; operators <c>=</c>, <c>!=</c>, <c>ISSUBSET</c>,
/// <c>ISSUPERSET</c>; string literals in single quotes (\' and \\ escaped) and integers; object paths with dotted
/// and quoted components (<c>extensions.'http-request-ext'.request_header.'User-Agent'</c>).</summary>
public sealed record StixPattern(IReadOnlyList<PatternComparison> Comparisons, string Joiner)
{
    public static StixPattern Parse(string text)
    {
        if (!TryParse(text, out var p, out var error)) throw new FormatException($"STIX pattern: {error} in {text}");
        return p!;
    }

    public static bool TryParse(string text, out StixPattern? pattern, out string error)
    {
        pattern = null;
        var s = new Scanner(text);
        var list = new List<PatternComparison>();
        string joiner = "AND";
        s.Ws();
        if (!s.Eat('[')) { error = "expected '['"; return false; }
        while (true)
        {
            s.Ws();
            var type = s.Ident(allowDash: true);
            if (type.Length == 0) { error = $"expected an object type at {s.Pos}"; return false; }
            if (!s.Eat(':')) { error = $"expected ':' at {s.Pos}"; return false; }
            var path = new List<string>();
            do
            {
                string comp;
                if (s.Peek == '\'') { if (!s.Quoted(out comp)) { error = $"unterminated quoted path at {s.Pos}"; return false; } }
                else comp = s.Ident(allowDash: false);
                if (comp.Length == 0) { error = $"expected a property name at {s.Pos}"; return false; }
                path.Add(comp);
            } while (s.Eat('.'));
            s.Ws();
            string op;
            if (s.Eat('=')) op = "=";
            else if (s.Eat('!')) { if (!s.Eat('=')) { error = $"expected '!=' at {s.Pos}"; return false; } op = "!="; }
            else
            {
                op = s.Ident(allowDash: false).ToUpperInvariant();
                if (op is not ("ISSUBSET" or "ISSUPERSET")) { error = $"unsupported operator '{op}' at {s.Pos}"; return false; }
            }
            s.Ws();
            string value; bool number = false;
            if (s.Peek == '\'') { if (!s.Quoted(out value)) { error = $"unterminated string at {s.Pos}"; return false; } }
            else
            {
                value = s.Number();
                number = true;
                if (value.Length == 0 || !long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)) { error = $"expected a literal at {s.Pos}"; return false; }
            }
            list.Add(new PatternComparison(type, path, op, value, number));
            s.Ws();
            if (s.Eat(']')) break;
            var j = s.Ident(allowDash: false).ToUpperInvariant();
            if (j is not ("AND" or "OR")) { error = $"expected AND, OR or ']' at {s.Pos}"; return false; }
            if (list.Count > 1 && j != joiner) { error = "mixed AND/OR without parentheses is not supported"; return false; }
            joiner = j;
        }
        s.Ws();
        if (!s.End) { error = $"unexpected text after ']' at {s.Pos}"; return false; }
        pattern = new StixPattern(list, joiner);
        error = "";
        return true;
    }

    /// <summary>A STIX string literal: single-quoted, with backslash and quote escaped.</summary>
    public static string Quote(string value) => "'" + value.Replace("\\", "\\\\").Replace("'", "\\'") + "'";

    private sealed class Scanner(string text)
    {
        public int Pos;
        public bool End => Pos >= text.Length;
        public char Peek => End ? '\0' : text[Pos];
        public void Ws() { while (!End && char.IsWhiteSpace(text[Pos])) Pos++; }
        public bool Eat(char c) { if (Peek != c) return false; Pos++; return true; }

        public string Ident(bool allowDash)
        {
            int start = Pos;
            while (!End && (char.IsAsciiLetterOrDigit(text[Pos]) || text[Pos] == '_' || (allowDash && text[Pos] == '-'))) Pos++;
            return text[start..Pos];
        }

        public string Number()
        {
            int start = Pos;
            if (Peek is '-' or '+') Pos++;
            while (!End && char.IsAsciiDigit(text[Pos])) Pos++;
            return text[start..Pos];
        }

        public bool Quoted(out string value)
        {
            var sb = new StringBuilder();
            value = "";
            Pos++; // opening quote
            while (!End)
            {
                char c = text[Pos++];
                if (c == '\\')
                {
                    if (End) return false;
                    char e = text[Pos++];
                    if (e is not ('\\' or '\'')) return false;
                    sb.Append(e);
                }
                else if (c == '\'') { value = sb.ToString(); return true; }
                else sb.Append(c);
            }
            return false;
        }
    }
}
