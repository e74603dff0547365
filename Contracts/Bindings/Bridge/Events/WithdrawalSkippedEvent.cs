using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Bindings;

/// <summary>Bridge <c>WithdrawalSkipped</c>: a batch could not pay entry <paramref name="Index"/> now; it stays payable.</summary>
public sealed record WithdrawalSkippedEvent(Hash256 RollupHash, ulong Index, SkipReason Reason, LogOrigin Origin) : IContractEvent;
