namespace Obscuro.Protocol.Ethereum.Transactions;

/// <summary>One EIP-2930 access list entry: an address and the storage slots of it the transaction pre-declares.</summary>
public readonly record struct AccessListItem(Address Address, IReadOnlyList<Hash256> StorageKeys);
