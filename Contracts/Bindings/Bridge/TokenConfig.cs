using Obscuro.Protocol.Crypto;

namespace Obscuro.Contracts.Bindings;

/// <summary>A token's entry in the bridge's allow-list (the <c>tokens</c> view); a token never listed is not allowed, option XS.</summary>
public sealed record TokenConfig(bool Allowed, RevealOption RevealOption);
