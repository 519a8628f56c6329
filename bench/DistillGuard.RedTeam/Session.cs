namespace DistillGuard.RedTeam;

public sealed class Account
{
    public required string Id;
    public DateTime Created;
    public string Tier = "free";
    public string Org = "";
    public string Email = "gmail.com";
    public string Pay = "";
    public string Country = "US";
    public bool Verified;
    public string? Campaign;
    public required string Persona;
    public bool Dormant;          // bought account whose window traffic is only its former owner's
    public bool Allow;            // licensed distiller
    public List<string> Keys = [];
    public int Exchanges;
    public int HarvestExchanges;
}

public sealed class Params
{
    public int MaxTokens = 1024;
    public bool MaxCompletion;
    public double? Temp;
    public double? TopP;
    public int? Budget;           // anthropic thinking budget
    public string? Effort;        // openai reasoning effort
    public bool Logprobs;
    public int TopLogprobs;
    public int N = 1;
    public bool Stream;
    public int? Seed;
    public string? User;
    public bool JsonMode;
    public bool Store = true;
    public bool CacheControl;
    public bool Thinks => Budget != null || Effort != null;
}

public sealed class Session
{
    public required Account Acct;
    public string Key = "";
    public string Api = "openai.chat.completions";
    public string Model = "gpt-5.1";
    public string Ip = "";
    public string Ua = "";
    public string? Ja4;
    public string? Fwd;
    public bool FwdPerTurn;       // app relays: each exchange another end user
    public string Route = "direct";
    public Kind Kind;
    public string Lang = "en";
    public ulong Seed;
    public Voice? Voice;
    public bool Para;
    public long Item = -1;
    public Session? Src;
    public int SrcTurn;
    public string? AppSystem;
    public int AppIdx;
    public Params P = new();
    public long[] Times = [];
    public bool Harvest;          // campaign activity (as opposed to relayed / ordinary cover traffic)
    public double ErrRate = 0.006;
    public int MaxTurns = 99;
}
