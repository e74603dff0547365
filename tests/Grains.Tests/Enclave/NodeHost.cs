using Obscuro.Grains.Conversions;
using Obscuro.Grains.Tests.Host.Infrastructure;
using Obscuro.Contracts.Bindings;
using Obscuro.Contracts.L1;
using Obscuro.Contracts.Rpc;
using Obscuro.Grains.Node;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Tests.Enclave;

/// <summary>
/// The test plays one node's host: it tells the enclave about L1 blocks in canonical order (from the common ancestor
/// after a reorg), sends the L1 calls the enclave asks for from the node's operator account, publishes candidates,
/// and reaches the admission and query workers, all through the host silo's grain factory. Each L1 transaction goes
/// through a new sender, which reads the account's nonce from the node: after an anvil reorg a cached nonce is stale.
/// </summary>
public sealed class NodeHost(string nodeId, EnclaveCluster cluster, NetworkSettings settings, TestAccount operatorAccount, EthRpcClient rpc)
{
    private readonly Dictionary<ulong, Hash256> _delivered = [];

    public string NodeId { get; } = nodeId;

    public NetworkSettings Settings { get; } = settings;

    public EnclaveCluster Cluster { get; } = cluster;

    public IEnclaveGrain Enclave => Cluster.Grains.GetGrain<IEnclaveGrain>(NodeId);

    public List<IngestOutcome> Outcomes { get; } = [];

    /// <summary>Calls the L1 refused (a repeat that raced an earlier one): what a real host would log.</summary>
    public List<string> RefusedCalls { get; } = [];

    public Task<EnclaveStatus> StartAsync() => Enclave.StartAsync(Settings);

    /// <summary>Delivers every L1 block the enclave has not ingested, up to the L1 head; returns their outcomes.</summary>
    public async Task<List<IngestOutcome>> SyncAsync()
    {
        var head = await rpc.GetBlockNumberAsync();
        var from = _delivered.Count == 0 ? Settings.Anchor.Number : _delivered.Keys.Max();
        while (from > Settings.Anchor.Number)
        {
            var canonical = await rpc.GetBlockByNumberAsync(BlockTag.At(from));
            if (canonical is not null && canonical.Hash == _delivered[from])
            {
                break;
            }

            _delivered.Remove(from);
            from--;
        }

        var outcomes = new List<IngestOutcome>();
        for (var number = from + 1; number <= head; number++)
        {
            var block = await rpc.GetBlockByNumberAsync(BlockTag.At(number)) ?? throw new InvalidOperationException($"anvil has no block {number}.");
            outcomes.Add(await Enclave.IngestAsync(new L1BlockNotice(block.Hash, block.ParentHash, block.Number)));
            _delivered[number] = block.Hash;
        }

        Outcomes.AddRange(outcomes);
        return outcomes;
    }

    /// <summary>One turn of the host loop: sync, then send what the enclave asked for.</summary>
    public async Task<List<IngestOutcome>> StepAsync()
    {
        var outcomes = await SyncAsync();
        await SendCallsAsync(outcomes.SelectMany(o => o.Calls));
        return outcomes;
    }

    public async Task SendCallsAsync(IEnumerable<L1Call> calls)
    {
        foreach (var call in calls)
        {
            try
            {
                using var sender = TestNetwork.SenderFor(rpc, operatorAccount);
                await sender.SendAsync(new L1TransactionRequest(call.To, call.Data, call.Value, NetworkManagementContract.Abi));
            }
            catch (ContractRevertException e)
            {
                RefusedCalls.Add($"{call.Purpose}: {e.Message}");
            }
        }
    }

    public async Task<L1TransactionResult> PublishAsync(RollupEnvelope rollup)
    {
        var signed = rollup.ToSignedRollup();
        using var sender = TestNetwork.SenderFor(rpc, operatorAccount);
        return await new RollupManagementContract(Settings.RollupManagement, rpc, sender).PublishRollupAsync(signed.Header, signed.Blob, signed.Signature);
    }

    public Task<AdmissionVerdict> AdmitAsync(byte[] ciphertext) => Cluster.Grains.GetGrain<IAdmissionGrain>(0).AdmitAsync(NodeId, ciphertext);

    public Task<QueryReply> QueryAsync(byte[] encryptedRequest) => Cluster.Grains.GetGrain<IQueryGrain>(0).AnswerAsync(NodeId, encryptedRequest);
}
