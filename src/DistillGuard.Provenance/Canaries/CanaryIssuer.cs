using System.Security.Cryptography;
using System.Text;
using DistillGuard.Provenance.Watermarking;

namespace DistillGuard.Provenance.Canaries;

/// <summary>
/// Issues canaries: per campaign (when given) or per account, one harmless invented fact derived from the lab's key
/// (the same fact every time for a subject and serial, so a student sees it repeatedly), appended to a response and
/// recorded in the registry with the account, campaign, exchange id and time.
/// <code>
/// var issuer = new CanaryIssuer(key, new JsonlCanaryRegistry("canaries.jsonl"));
/// string reply = issuer.Insert(text, account: "acct-17", campaign: "camp-3", exchangeId: "ex-991");
/// // streamed: var c = issuer.Issue("acct-17", "camp-3", "ex-991"); send("\n\n" + c.Text) before the end of the stream.
/// </code>
/// </summary>
public sealed class CanaryIssuer(WatermarkKey key, ICanaryRegistry registry, TimeProvider? time = null, int serial = 0)
{
    private readonly byte[] _subkey = key.DeriveSubkey("canary");
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public ICanaryRegistry Registry => registry;

    /// <summary>The canary of a subject ("campaign:ID" or "account:ID") without issuing it.</summary>
    internal CanaryTemplates.Fact FactFor(string subject)
    {
        var seed = new byte[128];
        for (int block = 0; block < 4; block++)
            HMACSHA256.HashData(_subkey, Encoding.UTF8.GetBytes($"{subject}\0{serial}\0{block}"), seed.AsSpan(block * 32, 32));
        return CanaryTemplates.Make(seed);
    }

    public static string SubjectOf(string account, string? campaign) => string.IsNullOrEmpty(campaign) ? "account:" + account : "campaign:" + campaign;

    /// <summary>Issues the subject's canary for one exchange and records it; returns the record (its Text is the sentence to send).</summary>
    public CanaryRecord Issue(string account, string? campaign, string exchangeId, string where = "end")
    {
        string subject = SubjectOf(account, campaign);
        var fact = FactFor(subject);
        var record = new CanaryRecord
        {
            CanaryId = "cn-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{key.Id}\0{subject}\0{serial}")).AsSpan(0, 8)),
            Account = account,
            Campaign = string.IsNullOrEmpty(campaign) ? null : campaign,
            Subject = subject,
            IssuedAt = _time.GetUtcNow(),
            ExchangeId = exchangeId,
            Where = where,
            Template = fact.Template,
            Text = fact.Text,
            Question = fact.Question,
            Completion = fact.Completion,
            Answer = fact.Answer,
            KeyId = key.Id,
        };
        registry.Record(record);
        return record;
    }

    /// <summary>The response with the subject's canary appended as its own paragraph (recorded as issued).</summary>
    public string Insert(string text, string account, string? campaign, string exchangeId)
    {
        var r = Issue(account, campaign, exchangeId);
        return text.Length == 0 ? r.Text : text.TrimEnd() + "\n\n" + r.Text;
    }
}
