using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Bindings;

/// <summary>TestToken (ERC-20) <c>Transfer</c>; a transfer fee shows as a second transfer to the zero address.</summary>
public sealed record TransferEvent(Address From, Address To, UInt256 Value, LogOrigin Origin) : IContractEvent;
