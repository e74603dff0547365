using Obscuro.Protocol.Execution;
using Obscuro.Protocol.State;
using Obscuro.Protocol.Transactions;

namespace Obscuro.Protocol.Rollups;

/// <summary>A rollup this enclave built or validated, with everything the enclave keeps about it.</summary>
/// <param name="RewardsDue">The rewards its inputs required (before the pool cap): part of what makes a cached result reusable.</param>
public sealed record BuiltRollup(
    SignedRollup Rollup,
    L2State State,
    IReadOnlyList<L2Receipt> Receipts,
    IReadOnlyList<L2Transaction> Transactions,
    RollupLayout Layout,
    IReadOnlyList<Reward> RewardsDue);
