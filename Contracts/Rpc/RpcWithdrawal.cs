using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Rpc;

/// <summary>An EIP-4895 beacon-chain withdrawal credited by a block; <paramref name="AmountGwei"/> is in Gwei, not wei.</summary>
public sealed record RpcWithdrawal(ulong Index, ulong ValidatorIndex, Address Address, ulong AmountGwei);
