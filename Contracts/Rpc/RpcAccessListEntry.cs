using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Rpc;

/// <summary>One entry of an EIP-2930 access list: an address and the storage slots the transaction declares it touches.</summary>
public sealed record RpcAccessListEntry(Address Address, IReadOnlyList<Hash256> StorageKeys);
