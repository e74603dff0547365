namespace Obscuro.Contracts.Rpc.Verification;

/// <summary>A block (with full transactions) and its receipts as the node returned them: unverified raw material.</summary>
public sealed record FetchedL1Block(RpcBlock Block, IReadOnlyList<RpcReceipt> Receipts)
{
    /// <summary>The consensus encodings, for <see cref="L1BlockVerifier"/> (see <see cref="RpcBlockConverter.ToUnverified"/>).</summary>
    public UnverifiedL1Block ToUnverified() => RpcBlockConverter.ToUnverified(Block, Receipts);
}
