using Obscuro.Grains.Node;
using Obscuro.Grains.Placement;
using Obscuro.Grains.Tee;
using Obscuro.Grains.Vault;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Queries;
using Orleans.Concurrency;
using Orleans.Placement;
using Orleans.Serialization;

namespace Obscuro.Grains.Enclave;

/// <summary>
/// Answers an encrypted, signed account query: decrypts it with the network key, checks chain, viewing-key grant and
/// signature, asks the account's grain, and returns the answer signed by the enclave key and encrypted to the viewing
/// key. A request that cannot be decrypted or verified is refused in the clear with the <see cref="QueryRejection"/>
/// (there is nobody to encrypt to). Only L1-confirmed data exists in the account grains, so a pending transaction is
/// unknown to every query, its sender's included (front-running protection). An account whose anchor the current L1
/// fork no longer has is answered from the head instead (see <see cref="AccountViews"/>).
/// </summary>
[StatelessWorker]
[TeeOnly]
[Immovable]
public sealed class QueryGrain(ITeeEnvironment tee, EnclaveVault vaults, Serializer serializer) : TeeGrain(tee), IQueryGrain
{
    async Task<QueryReply> IQueryGrain.AnswerAsync(string nodeId, byte[] encryptedRequest)
    {
        ArgumentException.ThrowIfNullOrEmpty(nodeId);
        ArgumentNullException.ThrowIfNull(encryptedRequest);
        var vault = vaults.Find(nodeId);
        if (vault?.Network is not { } network || vault.Secrets is not { } secrets)
        {
            return new QueryReply(null, (byte)QueryRejection.NotDecryptable, $"Node {nodeId}'s enclave does not hold the network key yet (it is not provisioned); ask again later.");
        }

        var chainId = network.Settings.L2ChainId;
        QueryRequest request;
        Address account;
        try
        {
            request = QueryEnvelope.DecryptRequest(encryptedRequest, secrets.NetworkKey, chainId);
            account = request.Verify(chainId);
        }
        catch (QueryRejectedException e)
        {
            return new QueryReply(null, (byte)e.Reason, e.Message);
        }

        var grainKey = secrets.AccountGrainKey(nodeId, account);
        var sealedSnapshot = await GrainFactory.GetGrain<IAccountGrain>(grainKey).GetSealedSnapshotAsync();
        var snapshot = AccountSealing.Open<AccountSnapshot>(secrets.StateSealer, serializer, AccountSealing.SnapshotPurpose, grainKey, sealedSnapshot);
        var view = AccountViews.AgainstHead(snapshot, vault.Head, account);
        var (ok, error, payload) = QueryAnswers.Answer(request, view);
        var anchor = view.Anchor ?? default;
        var response = QueryResponse.Create(request.RequestId, ok, error, anchor, payload, Tee.EnclaveKey);
        return new QueryReply(QueryEnvelope.EncryptResponse(response, request.Grant.ViewingPublicKey, SystemRandomSource.Instance), (byte)QueryRejection.None, string.Empty);
    }
}
