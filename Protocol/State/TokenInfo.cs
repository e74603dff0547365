using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Protocol.State;

/// <summary>An L1 token the bridge allow-lists, its wrapped L2 contract and the reveal option fixed at listing.</summary>
public sealed record TokenInfo(Address L1Token, Address L2Address, RevealOption RevealOption);
