namespace DistillGuard.Simulation.World;

/// <summary>How an actor spreads its requests over time.</summary>
public enum TimingMode : byte
{
    /// <summary>Sessions at human hours of the actor's local day, weekday/weekend rhythm.</summary>
    Diurnal,
    /// <summary>A Poisson process around the clock (batch jobs, relays with users everywhere).</summary>
    AroundClock,
    /// <summary>A fixed clock shared by a campaign, accounts served round-robin with tiny jitter.</summary>
    Synchronized,
}
