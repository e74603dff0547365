using Obscuro.Protocol.Crypto;

namespace Obscuro.Contracts.Bindings;

/// <summary>NetworkManagement <c>RevealParametersSet</c>: governance fixed the reveal interval lengths (rollups, XS to XL) and the default reveal option before initialisation.</summary>
public sealed record RevealParametersSetEvent(IReadOnlyList<ulong> Lengths, RevealOption DefaultOption, LogOrigin Origin) : IContractEvent;
