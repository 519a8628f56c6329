using System.Reflection;

namespace DistillGuard.Provenance.Tests.Support;

/// <summary>Text for tests: assistant-style samples written for these tests, and the repository's own documentation.</summary>
internal static class TestText
{
    public const string Assistant =
        "Sure, I can help you with that. I don't have access to your account, but I'll walk you through it. " +
        "First, make sure that you're signed in. Additionally, it's important to check the settings before you begin. " +
        "If you have any other questions, feel free to ask. For example, you can't change the plan while a payment is pending. " +
        "However, you may need to wait a few minutes. Unfortunately, I cannot confirm the refund myself. " +
        "I think it is a good idea to keep a copy. Thank you for your patience!";

    /// <summary>Paragraphs of the README and docs/*.md embedded in this assembly.</summary>
    public static List<string> Docs()
    {
        var asm = Assembly.GetExecutingAssembly();
        var list = new List<string>();
        foreach (var name in asm.GetManifestResourceNames().Where(n => n.StartsWith("builtin/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var s = asm.GetManifestResourceStream(name)!;
            using var r = new StreamReader(s);
            list.AddRange(r.ReadToEnd().Split("\n\n").Where(p => p.Trim().Length > 0));
        }
        return list;
    }
}
