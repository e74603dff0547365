using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Bindings;

/// <summary>NetworkManagement <c>BreachCleared</c>: the bridge and stake withdrawals work again.</summary>
public sealed record BreachClearedEvent(Address By, LogOrigin Origin) : IContractEvent;
