namespace DistillGuard.Core.Links;

/// <summary>
/// The accounts that share one value (a template cluster, an IP, a payment fingerprint, …) with how much each uses
/// it, and the weight of the link: base weight of the kind × rarity of the value × suspicion of the shared behaviour.
/// </summary>
public sealed class KeyGroup
{
    public KeyGroup(int id, LinkKind kind, ulong key, string value)
    {
        Id = id;
        Kind = kind;
        Key = key;
        Value = value;
    }

    public int Id { get; private set; }
    public LinkKind Kind { get; }
    public ulong Key { get; }
    /// <summary>Human-readable value (an IP, a prefix, a user agent, "template 3f2a…").</summary>
    public string Value { get; }
    public bool Hosting { get; set; }
    /// <summary>A hosting address or range most of whose holders nothing else ties to anyone: the shared egress of
    /// independent customers (an agent platform's, a cloud NAT's), not one operator's exit (KeyGroupBuilder.Weigh).
    /// Weighed like an address not known to be hosting.</summary>
    public bool Egress { get; set; }
    /// <summary>Hosting, and not a shared egress (<see cref="Egress"/>): an exit that says who runs its holders.</summary>
    public bool OperatorExit => Hosting && !Egress;
    /// <summary>How evidence names the key's network: "" when not known as hosting, else " (hosting/VPN{suffix})" with
    /// ", a shared egress" for a <see cref="Egress"/>.</summary>
    public string HostingNote(string suffix = "") => !Hosting ? "" : Egress ? $" (hosting/VPN{suffix}, a shared egress)" : $" (hosting/VPN{suffix})";
    public List<int> Members { get; } = new();
    /// <summary>Exchanges of each member on this key (parallel to <see cref="Members"/>).</summary>
    public List<int> Counts { get; } = new();
    /// <summary>Harvest exchanges of each member on this key, where the key kind tracks it (templates, system prompts); otherwise -1.</summary>
    public List<int> Harvest { get; } = new();
    /// <summary>Arena handles of example exchanges on the key (at most 5).</summary>
    public List<int> Examples { get; } = new();

    /// <summary>1 for a value only two accounts share, falling toward 0 as it becomes universal.</summary>
    public double Rarity { get; set; }
    /// <summary>Weighted share of members whose exchanges on this key are harvest.</summary>
    public double HarvestShare { get; set; }
    public Coordination Coordination { get; set; } = Coordination.None;
    public double Suspicion { get; set; }
    public double Weight { get; set; }

    /// <summary>Empties the group for another re-assembly (<see cref="KeyGroupPool"/>): as a new group of this value.</summary>
    internal void Reset(int id)
    {
        Id = id;
        Hosting = false;
        Egress = false;
        Members.Clear();
        Counts.Clear();
        Harvest.Clear();
        Examples.Clear();
        Rarity = 0;
        HarvestShare = 0;
        Coordination = Coordination.None;
        Suspicion = 0;
        Weight = 0;
    }

    internal void Add(int account, int count, int harvest, int exampleHandle)
    {
        if (Members.Count > 0 && Members[^1] == account)
        {
            Counts[^1] += count;
            if (harvest >= 0) Harvest[^1] += harvest;
        }
        else
        {
            Members.Add(account);
            Counts.Add(count);
            Harvest.Add(harvest);
        }
        if (exampleHandle != 0 && Examples.Count < 5) Examples.Add(exampleHandle);
    }

    public override string ToString() => $"{Kind.Id()} {Value} ({Members.Count} accounts, weight {Weight:0.###})";
}
