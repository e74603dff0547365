using Microsoft.Extensions.DependencyInjection;
using Obscuro.Grains.Node;
using Obscuro.Protocol.Crypto;
using Orleans.Concurrency;

namespace Obscuro.Grains.Host;

/// <summary>
/// The node's public API (the one interface clients may call besides the node summary): submissions go to the node's
/// mempool (and, once admitted, to the peer aggregators by gossip), queries to the enclave's query workers, status to
/// the coordinator, rounds to their round grains, reveal requests to the interval's enclave grain. It holds nothing, so it is a stateless worker on whichever host
/// silo's gateway a client reached. It only forwards and awaits, so it is reentrant: a non-reentrant stateless worker
/// handles one request per activation (at most one activation per core), which capped the whole node at two
/// submissions in flight, each waiting for admission and the mempool's storage write (measured by the benchmark suite
/// <c>node</c>: 30–190 tx/s through the gateway against 1,850–2,700 tx/s for the admission workers alone).
/// </summary>
[StatelessWorker]
[Reentrant]
public sealed class NodeApiGrain : Grain, INodeApiGrain
{
    async Task<SubmissionResult> INodeApiGrain.SubmitTransactionAsync(byte[] ciphertext)
    {
        var result = await GrainFactory.GetGrain<IMempoolGrain>(this.GetPrimaryKeyString()).SubmitAsync(ciphertext);
        if (result.Accepted)
        {
            // Only what this node's enclave admitted is passed on; what arrives by gossip is not gossiped again.
            (ServiceProvider.GetService<IGossipOutbox>() ?? NoGossip.Instance).Transaction(ciphertext);
        }

        return result;
    }

    Task<QueryReply> INodeApiGrain.QueryAsync(byte[] encryptedRequest) =>
        GrainFactory.GetGrain<IQueryGrain>(0).AnswerAsync(this.GetPrimaryKeyString(), encryptedRequest);

    Task<NodeStatus> INodeApiGrain.GetStatusAsync() =>
        GrainFactory.GetGrain<INodeCoordinatorGrain>(this.GetPrimaryKeyString()).GetStatusAsync();

    Task<RevealReply> INodeApiGrain.RevealAsync(RevealOption revealOption, ulong interval) =>
        revealOption > RevealOption.XL
            ? Task.FromResult(new RevealReply(null, $"{(byte)revealOption} is not a reveal option (XS, S, M, L or XL).", 0, null))
            : GrainFactory.GetGrain<IRevealIntervalGrain>(RevealIntervalKey.Format(this.GetPrimaryKeyString(), revealOption, interval)).ReleaseAsync();

    Task<RollupRecord?> INodeApiGrain.GetRollupAsync(Protocol.Ethereum.Hash256 rollupHash) =>
        GrainFactory.GetGrain<IRollupGrain>($"{this.GetPrimaryKeyString()}/{rollupHash}").GetAsync();

    Task<RoundView> INodeApiGrain.GetRoundAsync(ulong generation) =>
        GrainFactory.GetGrain<IRoundGrain>($"{this.GetPrimaryKeyString()}/{generation}").GetAsync();
}
