using Obscuro.Protocol.Ethereum;

namespace Obscuro.Protocol.Queries;

/// <summary>The L1-included rollup an answer is based on: the client checks it is canonical on L1 before trusting it.</summary>
public readonly record struct RollupAnchor(Hash256 RollupHash, ulong Generation, ulong L1BlockNumber, Hash256 L1BlockHash);
