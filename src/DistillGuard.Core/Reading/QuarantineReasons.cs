namespace DistillGuard.Core.Reading;

/// <summary>The stable reason codes a quarantined line carries (keys of <see cref="ReaderStats.QuarantineReasons"/>).</summary>
public static class QuarantineReasons
{
    public const string InvalidUtf8 = "invalid-utf8";
    public const string InvalidJson = "invalid-json";
    public const string NotAnObject = "not-an-object";
    public const string MissingId = "missing-id";
    public const string MissingTs = "missing-ts";
    public const string BadTs = "bad-ts";
    public const string MissingAccount = "missing-account";
    public const string MissingApi = "missing-api";
    public const string UnknownApi = "unknown-api";
    public const string MissingRequest = "missing-request";
    /// <summary>The request body does not have its API's shape (Chat Completions or Anthropic without <c>messages</c>, Responses without <c>input</c>).</summary>
    public const string BodyMismatch = "body-mismatch";
    /// <summary>A known field has the wrong JSON type (e.g. <c>status</c> as a string, <c>request</c> not an object).</summary>
    public const string BadField = "bad-field";
}
