using System.Text.RegularExpressions;
using DistillGuard.Core.Model;
using DistillGuard.Simulation.Content;

namespace DistillGuard.Simulation.Tests;

public sealed partial class CodeSnippetLanguageTests
{
    [GeneratedRegex(@"(?<![\w+#])(TypeScript|JavaScript|Java|C\+\+|C#|Python|Go|Rust|SQL|Ruby)(?![\w+#])")]
    private static partial Regex LanguageName();

    /// <summary>How each language's snippet begins (Ruby and Python both start with <c>def</c>; Ruby ends with <c>end</c>).</summary>
    private static bool LooksLike(string language, string code) => language switch
    {
        "Python" => code.StartsWith("def ") && code.Contains("):\n"),
        "Ruby" => code.StartsWith("def ") && code.TrimEnd().EndsWith("end"),
        "JavaScript" => code.StartsWith("function "),
        "TypeScript" => code.StartsWith("export function ") && code.Contains(": number"),
        "Go" => code.StartsWith("func "),
        "Rust" => code.StartsWith("fn "),
        "Java" => code.StartsWith("public static List<"),
        "C#" => code.StartsWith("public static double"),
        "C++" => code.Contains("std::vector"),
        "SQL" => code.Contains("SELECT "),
        _ => false,
    };

    [Fact]
    public void CodingPrompt_NamingALanguage_QuotesCodeInThatLanguage()
    {
        var renderer = new TemplateContentRenderer(ContentTestSupport.BuiltIn);
        int checkedPrompts = 0;
        var seen = new HashSet<string>();
        for (int template = 0; template < 12; template++)
            for (ulong seed = 1; seed <= 60; seed++)
            {
                var intent = ContentTestSupport.Intent(ApiFormat.OpenAIChatCompletions, ContentKind.Coding, seed * 7919 + (ulong)template);
                intent.Template = template;
                string text = renderer.UserText(intent);
                int fence = text.IndexOf("```", StringComparison.Ordinal);
                if (fence < 0) continue;
                var names = LanguageName().Matches(text[..fence]).Select(m => m.Value).Distinct().ToList();
                if (names.Count != 1) continue;
                int start = text.IndexOf('\n', fence) + 1, end = text.IndexOf("```", start, StringComparison.Ordinal);
                string code = text[start..end];
                Assert.True(LooksLike(names[0], code), $"prompt names {names[0]} but quotes:\n{code}\n(full prompt: {text})");
                checkedPrompts++;
                seen.Add(names[0]);
            }
        Assert.True(checkedPrompts >= 50, $"only {checkedPrompts} prompts named a language and quoted code");
        Assert.True(seen.Count >= 6, $"only {string.Join(", ", seen)} seen");
    }
}
