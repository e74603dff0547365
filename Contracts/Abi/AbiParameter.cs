namespace Obscuro.Contracts.Abi;

/// <summary>
/// One named input or output of a function, event or error, or one component of a tuple.
/// <paramref name="Indexed"/> applies to event parameters only; <paramref name="InternalType"/> is solc's Solidity
/// type name (e.g. <c>struct AbiProbe.Inner</c>), kept for messages and never used for encoding.
/// </summary>
public sealed record AbiParameter(string Name, AbiType Type, bool Indexed = false, string? InternalType = null);
