using Obscuro.Grains.Node;

namespace Obscuro.Silo.Gossip;

/// <summary>The registered nodes (from the enclave's verified L1 view); <paramref name="refresh"/> asks for a fresh read.</summary>
public interface IPeerSource
{
    Task<IReadOnlyList<PeerInfo>> GetPeersAsync(bool refresh, CancellationToken cancellationToken);
}

/// <summary>Where verified gossip goes: candidates into rounds, transactions into the mempool (which admits them in the enclave).</summary>
public interface IGossipSink
{
    Task AcceptCandidateAsync(RollupEnvelope candidate);

    Task AcceptTransactionAsync(byte[] ciphertext);
}
