using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Bindings;

/// <summary>TestToken (ERC-20) <c>Approval</c>.</summary>
public sealed record ApprovalEvent(Address Owner, Address Spender, UInt256 Value, LogOrigin Origin) : IContractEvent;
