namespace Obscuro.Protocol.Crypto;

/// <summary>
/// How long a contract's transactions stay secret before their interval key is released (spec "Symmetric key
/// revealing"). The numeric values are part of the formats: they are the byte used in key derivation and in the
/// rollup group's associated data, and the value the L1 bridge's token allow-list stores (Contracts/Solidity/FORMATS.md).
/// The interval lengths themselves belong to the reveal schedule, not to this enum.
/// </summary>
public enum RevealOption : byte
{
    /// <summary>About 12 seconds: one rollup.</summary>
    XS = 0,

    /// <summary>About an hour.</summary>
    S = 1,

    /// <summary>About a day.</summary>
    M = 2,

    /// <summary>About a month.</summary>
    L = 3,

    /// <summary>About a year.</summary>
    XL = 4,
}
