using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Node;

/// <summary>A withdrawal entry of a rollup header (token zero = ETH).</summary>
[GenerateSerializer]
[Alias("Obscuro.WithdrawalEntry")]
public sealed record WithdrawalEntry([property: Id(0)] Address Recipient, [property: Id(1)] Address Token, [property: Id(2)] UInt256 Amount);

/// <summary>A reward entry of a rollup header.</summary>
[GenerateSerializer]
[Alias("Obscuro.RewardEntry")]
public sealed record RewardEntry([property: Id(0)] Address Recipient, [property: Id(1)] UInt256 Amount);

/// <summary>
/// A signed rollup as public data (all of it goes to L1 anyway): every header field, the encrypted blob and the
/// enclave's signature. Converts to and from Protocol's <c>SignedRollup</c>.
/// </summary>
[GenerateSerializer]
[Alias("Obscuro.RollupEnvelope")]
public sealed record RollupEnvelope(
    [property: Id(0)] Hash256 ParentHash,
    [property: Id(1)] ulong Generation,
    [property: Id(2)] ulong InclusionBlockNumber,
    [property: Id(3)] Hash256 InclusionBlockHash,
    [property: Id(4)] ulong DependencyBlockNumber,
    [property: Id(5)] Hash256 DependencyBlockHash,
    [property: Id(6)] Address Aggregator,
    [property: Id(7)] UInt256 Nonce,
    [property: Id(8)] Hash256 StateCommitment,
    [property: Id(9)] Hash256 BlobHash,
    [property: Id(10)] byte[] EncryptedLayout,
    [property: Id(11)] IReadOnlyList<WithdrawalEntry> Withdrawals,
    [property: Id(12)] IReadOnlyList<RewardEntry> Rewards,
    [property: Id(13)] byte[] Blob,
    [property: Id(14)] byte[] Signature,
    [property: Id(15)] Hash256 RollupHash);
