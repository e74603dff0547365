namespace Obscuro.Protocol.Gossip;

/// <summary>Why a gossip message was refused. Each maps to one HTTP status on the wire (see the Silo's gossip endpoint).</summary>
public enum GossipRejection : byte
{
    None = 0,

    /// <summary>No sequence or signature, or a signature that recovers nobody.</summary>
    Unauthenticated,

    /// <summary>The signature recovers an operator that is not a registered aggregator on L1.</summary>
    UnknownPeer,

    /// <summary>The body exceeds the limit for its kind.</summary>
    Oversized,

    /// <summary>This (peer, sequence) was already accepted, or the sequence is outside the freshness window.</summary>
    Replay,

    /// <summary>The peer sent more than its rate allows.</summary>
    RateLimited,

    /// <summary>The body does not decode as its kind.</summary>
    Malformed,

    /// <summary>A candidate whose enclave signature or signer is not a registered, provisioned aggregator enclave.</summary>
    InvalidCandidate,
}
