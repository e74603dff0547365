using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Bindings;

/// <summary>Bridge <c>TokenAllowListChanged</c>: governance allowed or removed a token, with the reveal option of its transactions.</summary>
public sealed record TokenAllowListChangedEvent(Address Token, bool Allowed, RevealOption RevealOption, LogOrigin Origin) : IContractEvent;
