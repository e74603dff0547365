namespace Obscuro.Protocol.Pobi;

/// <summary>What a rollup that reached L1 earns from the reward pool (spec "Incentives for publishing").</summary>
public enum RewardClass : byte
{
    /// <summary>Front-runner, redundant publication, or too late: nothing.</summary>
    None = 0,

    /// <summary>The round's lowest published nonce, one or more blocks late: enough to cover gas.</summary>
    Minimal = 1,

    /// <summary>The round's lowest published nonce, in the L1 block right after the parent's.</summary>
    Full = 2,
}
