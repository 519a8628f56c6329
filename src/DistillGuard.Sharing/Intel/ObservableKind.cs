namespace DistillGuard.Sharing.Intel;

/// <summary>What an indicator is about.</summary>
public enum ObservableKind
{
    Ipv4,
    Ipv6,
    Prefix,
    Asn,
    Ja4,
    UserAgent,
    Template,
    AccountHmac,
    PaymentHmac,
}

public static class ObservableKinds
{
    public static string WireName(this ObservableKind k) => k switch
    {
        ObservableKind.Ipv4 => "ipv4",
        ObservableKind.Ipv6 => "ipv6",
        ObservableKind.Prefix => "prefix",
        ObservableKind.Asn => "asn",
        ObservableKind.Ja4 => "ja4",
        ObservableKind.UserAgent => "user-agent",
        ObservableKind.Template => "template",
        ObservableKind.AccountHmac => "account-hmac",
        ObservableKind.PaymentHmac => "payment-hmac",
        _ => throw new ArgumentOutOfRangeException(nameof(k)),
    };

    /// <summary>Content and registration indicators identify an operation; network and client ones only corroborate.</summary>
    public static bool IsStrong(this ObservableKind k) => k is ObservableKind.Template or ObservableKind.PaymentHmac or ObservableKind.AccountHmac;

    public static bool IsHashed(this ObservableKind k) => k is ObservableKind.AccountHmac or ObservableKind.PaymentHmac;
}
