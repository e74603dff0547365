using Obscuro.Protocol.Crypto;

namespace Obscuro.Contracts.Deployment;

/// <summary>A TestToken to deploy and allow-list with the management contracts (devnet and tests only).</summary>
public sealed record TestTokenParameters(string Name = "Obscuro Test Token", string Symbol = "OTT", RevealOption RevealOption = RevealOption.S);
