using Obscuro.Protocol.Gossip;

namespace Obscuro.Silo.Gossip;

/// <summary>The wire contract of the gossip endpoint: two POST routes with raw bytes and two headers.</summary>
public static class GossipPaths
{
    public const string Candidates = "/gossip/v1/candidates";
    public const string Transactions = "/gossip/v1/transactions";

    /// <summary>The sender's request number: its clock in Unix milliseconds, strictly increasing per sender.</summary>
    public const string SequenceHeader = "Obscuro-Sequence";

    /// <summary>The operator's signature over <see cref="GossipSignature.Digest"/>, 65 bytes as 0x-hex.</summary>
    public const string SignatureHeader = "Obscuro-Signature";

    public static string Of(GossipKind kind) => kind == GossipKind.Candidate ? Candidates : Transactions;
}
