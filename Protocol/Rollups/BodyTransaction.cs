using Obscuro.Protocol.Crypto;

namespace Obscuro.Protocol.Rollups;

/// <summary>A signed transaction as it travels in a rollup body, with the reveal option of the contract it calls.</summary>
public readonly record struct BodyTransaction(RevealOption Option, byte[] Raw);
