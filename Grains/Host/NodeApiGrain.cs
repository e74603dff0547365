using Microsoft.Extensions.DependencyInjection;
using Obscuro.Grains.Node;
using Orleans.Concurrency;

namespace Obscuro.Grains.Host;

/// <summary>
/// The node's public API (the one interface clients may call besides the node summary): submissions go to the node's
/// mempool (and, once admitted, to the peer aggregators by gossip), queries to the enclave's query workers, status to
/// the coordinator, rounds to their round grains. It holds nothing, so it is a stateless worker on whichever host
/// silo's gateway a client reached.
/// </summary>
[StatelessWorker]
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

    Task<RoundView> INodeApiGrain.GetRoundAsync(ulong generation) =>
        GrainFactory.GetGrain<IRoundGrain>($"{this.GetPrimaryKeyString()}/{generation}").GetAsync();
}
