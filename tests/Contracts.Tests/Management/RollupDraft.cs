using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Execution;
using Obscuro.Protocol.Rollups;

namespace Obscuro.Contracts.Tests.Management;

/// <summary>The fields of a rollup header before hashing, so a test can change any one of them (with <c>with</c>).</summary>
public sealed record RollupDraft(
    Hash256 ParentHash,
    ulong Generation,
    ulong InclusionBlockNumber,
    Hash256 InclusionBlockHash,
    ulong DependencyBlockNumber,
    Hash256 DependencyBlockHash,
    Address Aggregator,
    UInt256 Nonce,
    Hash256 StateCommitment,
    byte[] Blob,
    byte[] EncryptedLayout,
    IReadOnlyList<Withdrawal> Withdrawals,
    IReadOnlyList<Reward> Rewards)
{
    /// <summary>The protocol header of this draft; its blob hash is the Keccak-256 of <see cref="Blob"/>.</summary>
    public RollupHeader ToHeader() => new(
        ParentHash,
        Generation,
        InclusionBlockNumber,
        InclusionBlockHash,
        DependencyBlockNumber,
        DependencyBlockHash,
        Aggregator,
        Nonce,
        StateCommitment,
        Keccak256.Hash(Blob),
        EncryptedLayout,
        Withdrawals,
        Rewards);
}
