using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Bindings;

/// <summary>NetworkManagement <c>BreachDeclared</c>: deposits, withdrawals and stake withdrawals stop until cleared.</summary>
public sealed record BreachDeclaredEvent(Address By, LogOrigin Origin) : IContractEvent;
