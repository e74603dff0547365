using Obscuro.Protocol.Ethereum;

namespace Obscuro.Protocol.Chain;

/// <summary>An L1 block's identity and place in the L1 tree.</summary>
public readonly record struct L1BlockRef(Hash256 Hash, Hash256 ParentHash, ulong Number);
