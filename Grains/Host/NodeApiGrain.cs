using Obscuro.Grains.Node;
using Obscuro.Protocol.Crypto;
using Orleans.Concurrency;

namespace Obscuro.Grains.Host;

/// <summary>
/// The node's public API (the one interface clients may call besides the node summary): submissions go to the node's
/// mempool, queries to the enclave's query workers, status to the coordinator, reveal requests to the interval's enclave grain. It holds nothing, so it is a stateless
/// worker on whichever host silo's gateway a client reached.
/// </summary>
[StatelessWorker]
public sealed class NodeApiGrain : Grain, INodeApiGrain
{
    Task<SubmissionResult> INodeApiGrain.SubmitTransactionAsync(byte[] ciphertext) =>
        GrainFactory.GetGrain<IMempoolGrain>(this.GetPrimaryKeyString()).SubmitAsync(ciphertext);

    Task<QueryReply> INodeApiGrain.QueryAsync(byte[] encryptedRequest) =>
        GrainFactory.GetGrain<IQueryGrain>(0).AnswerAsync(this.GetPrimaryKeyString(), encryptedRequest);

    Task<NodeStatus> INodeApiGrain.GetStatusAsync() =>
        GrainFactory.GetGrain<INodeCoordinatorGrain>(this.GetPrimaryKeyString()).GetStatusAsync();

    Task<RevealReply> INodeApiGrain.RevealAsync(RevealOption revealOption, ulong interval) =>
        revealOption > RevealOption.XL
            ? Task.FromResult(new RevealReply(null, $"{(byte)revealOption} is not a reveal option (XS, S, M, L or XL).", 0, null))
            : GrainFactory.GetGrain<IRevealIntervalGrain>(RevealIntervalKey.Format(this.GetPrimaryKeyString(), revealOption, interval)).ReleaseAsync();
}
