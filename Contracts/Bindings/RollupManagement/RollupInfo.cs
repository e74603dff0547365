using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Bindings;

/// <summary>
/// What RollupManagement stores about a published rollup (the <c>rollup</c> view). <paramref name="PublishedAt"/> is
/// the L1 block it was published in; <paramref name="WithdrawalsHash"/> is zero when it has no withdrawals;
/// <paramref name="Branch"/> is the contract's internal branch id (first children continue their parent's branch).
/// </summary>
public sealed record RollupInfo(
    Hash256 ParentHash,
    ulong Generation,
    Address Aggregator,
    UInt256 Nonce,
    ulong PublishedAt,
    Hash256 WithdrawalsHash,
    ulong Branch,
    bool IsHead,
    bool IsLiveHead);
