using System.Globalization;
using DistillGuard.Sharing.Intel;

namespace DistillGuard.Sharing.Stix;

/// <summary>The STIX pattern of each indicator kind DistillGuard emits, and the way back from a parsed pattern.</summary>
public static class IndicatorPatterns
{
    public const string TemplateType = "x-distillguard-template-fp";
    public const string PaymentType = "x-distillguard-payment";
    public const string Ja4Property = "x_distillguard_ja4";
    public const string AccountHmacProperty = "x_distillguard_hmac";

    public static string For(ObservableKind kind, string value) => kind switch
    {
        ObservableKind.Ipv4 => $"[ipv4-addr:value = {StixPattern.Quote(value)}]",
        ObservableKind.Ipv6 => $"[ipv6-addr:value = {StixPattern.Quote(value)}]",
        ObservableKind.Prefix => value.Contains(':')
            ? $"[ipv6-addr:value ISSUBSET {StixPattern.Quote(value)}]"
            : $"[ipv4-addr:value ISSUBSET {StixPattern.Quote(value)}]",
        ObservableKind.Asn => $"[autonomous-system:number = {long.Parse(value, CultureInfo.InvariantCulture)}]",
        ObservableKind.Ja4 => $"[network-traffic:{Ja4Property} = {StixPattern.Quote(value)}]",
        ObservableKind.UserAgent => $"[network-traffic:extensions.'http-request-ext'.request_header.'User-Agent' = {StixPattern.Quote(value)}]",
        ObservableKind.Template => $"[{TemplateType}:simhash_hex = {StixPattern.Quote(value)}]",
        ObservableKind.AccountHmac => $"[user-account:{AccountHmacProperty} = {StixPattern.Quote(value)}]",
        ObservableKind.PaymentHmac => $"[{PaymentType}:fingerprint_hmac = {StixPattern.Quote(value)}]",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The kind and value a pattern of the emitted subset describes; false for anything else (other
    /// producers' indicators we do not match).</summary>
    public static bool TryRead(string pattern, out ObservableKind kind, out string value)
    {
        kind = default; value = "";
        if (!StixPattern.TryParse(pattern, out var p, out _) || p!.Comparisons.Count != 1) return false;
        var c = p.Comparisons[0];
        string path = c.PathText;
        switch (c.ObjectType, path, c.Operator)
        {
            case ("ipv4-addr", "value", "="): kind = ObservableKind.Ipv4; break;
            case ("ipv6-addr", "value", "="): kind = ObservableKind.Ipv6; break;
            case ("ipv4-addr" or "ipv6-addr", "value", "ISSUBSET"): kind = ObservableKind.Prefix; break;
            case ("autonomous-system", "number", "=") when c.IsNumber: kind = ObservableKind.Asn; break;
            case ("network-traffic", Ja4Property, "="): kind = ObservableKind.Ja4; break;
            case ("network-traffic", "extensions.http-request-ext.request_header.User-Agent", "="): kind = ObservableKind.UserAgent; break;
            case (TemplateType, "simhash_hex", "="): kind = ObservableKind.Template; break;
            case ("user-account", AccountHmacProperty, "="): kind = ObservableKind.AccountHmac; break;
            case (PaymentType, "fingerprint_hmac", "="): kind = ObservableKind.PaymentHmac; break;
            default: return false;
        }
        value = c.Value;
        return true;
    }
}
