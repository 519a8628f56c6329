namespace DistillGuard.Sharing.Intel;

/// <summary>One account's use of one value: exchanges on it (for templates also the harvest exchanges).</summary>
public readonly record struct AccountObservation(int Account, ObservableKind Kind, string Value, int Count, int Harvest);
