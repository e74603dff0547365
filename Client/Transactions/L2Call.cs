using Obscuro.Protocol.Ethereum;

namespace Obscuro.Client.Transactions;

/// <summary>What an L2 transaction does: its recipient, ETH value and calldata, with a description for people.</summary>
public sealed record L2Call(Address To, UInt256 Value, byte[] Data, string Description);
