namespace Obscuro.Protocol.Gossip;

/// <summary>What a gossip message carries; part of the signed digest, so a signature for one kind cannot be replayed as another.</summary>
public enum GossipKind : byte
{
    /// <summary>A client's transaction, encrypted to the network key (the ciphertext a wallet submits).</summary>
    Transaction = 1,

    /// <summary>A signed rollup candidate, as <c>publishRollup</c> calldata (the exact bytes L1 would see).</summary>
    Candidate = 2,
}
