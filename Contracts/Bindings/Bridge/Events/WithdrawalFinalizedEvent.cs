using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Bindings;

/// <summary>Bridge <c>WithdrawalFinalized</c>: entry <paramref name="Index"/> of the rollup's withdrawal list was paid to <paramref name="Recipient"/>.</summary>
public sealed record WithdrawalFinalizedEvent(Hash256 RollupHash, ulong Index, Address Recipient, Address Token, UInt256 Amount, LogOrigin Origin) : IContractEvent;
