using Obscuro.Protocol.Ethereum;

namespace Obscuro.Protocol.Execution;

/// <summary>An event emitted by a hard-coded contract, in Ethereum's log shape.</summary>
public sealed record L2Log(Address Address, IReadOnlyList<Hash256> Topics, byte[] Data);
