using Obscuro.Grains.Node;

namespace Obscuro.Grains.Host;

/// <summary>
/// Hands messages to the silo's gossip sender (Silo/Gossip), which delivers them to every registered peer aggregator in
/// the background, retrying a peer that is down with backoff. Enqueuing never waits for a peer, so gossip never blocks
/// a round. A silo without gossip (tests, a verifier) has <see cref="NoGossip"/>.
/// </summary>
public interface IGossipOutbox
{
    void Candidate(RollupEnvelope candidate);

    void Transaction(byte[] ciphertext);
}

/// <summary>No peers: messages go nowhere.</summary>
public sealed class NoGossip : IGossipOutbox
{
    public static NoGossip Instance { get; } = new();

    public void Candidate(RollupEnvelope candidate)
    {
    }

    public void Transaction(byte[] ciphertext)
    {
    }
}
