using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Rpc;

/// <summary>One EIP-7702 authorization: the signer lets <paramref name="Address"/>'s code run for its account.</summary>
public sealed record RpcAuthorization(UInt256 ChainId, Address Address, ulong Nonce, byte YParity, UInt256 R, UInt256 S);
