using System.Collections.Concurrent;
using Obscuro.Client.Errors;
using Obscuro.Contracts.Bindings;
using Obscuro.Contracts.Deployment;
using Obscuro.Contracts.Rpc;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Queries;
using Obscuro.Protocol.Rollups;

namespace Obscuro.Client.L1;

/// <summary>
/// What a wallet learns from L1 and nowhere else: the network public key, which enclave keys are registered, whether a
/// rollup is published and where, the L2 fee, the allow-listed tokens and the rollups' withdrawal lists. The node is
/// never asked for any of these, so a dishonest host cannot substitute its own key or its own rollups.
/// </summary>
public sealed class L1Network
{
    /// <summary>Blocks per <c>eth_getLogs</c> request; public nodes refuse much larger ranges.</summary>
    private const ulong LogChunk = 5_000;

    private readonly ConcurrentDictionary<Address, DateTimeOffset> _trustedEnclaves = new();
    private readonly TimeProvider _time;
    private byte[]? _networkKey;

    public L1Network(NetworkDeployment deployment, EthRpcClient rpc, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(rpc);
        Deployment = deployment;
        Rpc = rpc;
        NetworkManagement = new NetworkManagementContract(deployment.NetworkManagement, rpc);
        RollupManagement = new RollupManagementContract(deployment.RollupManagement, rpc);
        Bridge = new BridgeContract(deployment.Bridge, rpc);
        _time = time ?? TimeProvider.System;
    }

    public NetworkDeployment Deployment { get; }

    public EthRpcClient Rpc { get; }

    /// <summary>Read-only binding of NetworkManagement.</summary>
    public NetworkManagementContract NetworkManagement { get; }

    /// <summary>Read-only binding of RollupManagement.</summary>
    public RollupManagementContract RollupManagement { get; }

    /// <summary>Read-only binding of the Bridge.</summary>
    public BridgeContract Bridge { get; }

    /// <summary>
    /// How long a positive "this enclave is registered" answer is reused. Short, so that a revoked measurement or
    /// authority stops being trusted within this time even in a long-running process.
    /// </summary>
    public TimeSpan EnclaveTrustCacheDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Checks that the L1 endpoint serves the deployment's chain and that NetworkManagement is deployed there.</summary>
    public async Task CheckChainAsync(CancellationToken cancellationToken = default)
    {
        var chainId = await Rpc.GetChainIdAsync(cancellationToken).ConfigureAwait(false);
        if (chainId != Deployment.L1ChainId)
        {
            throw new NotReadyException(
                $"The L1 at {Rpc.EndpointName} is chain {chainId}, but the deployment is on chain {Deployment.L1ChainId}.",
                "Pass --l1 with an endpoint of the deployment's chain, or --deployment with this chain's deployment file.");
        }

        var code = await Rpc.GetCodeAsync(Deployment.NetworkManagement, BlockTag.Latest, cancellationToken).ConfigureAwait(false);
        if (code.Length == 0)
        {
            throw new NotReadyException(
                $"There is no NetworkManagement contract at {Deployment.NetworkManagement.ToChecksumString()} on the L1 at {Rpc.EndpointName}.",
                "The deployment file belongs to another L1 (a restarted devnet?): use the current .devnet/deployment.json.");
        }

        // Reveal lengths decide which key opens which rollup: a deployment file that disagrees with governance's is wrong.
        if (await NetworkManagement.RevealParametersAsync(BlockTag.Latest, cancellationToken).ConfigureAwait(false) is { } reveal
            && !reveal.Lengths.SequenceEqual(Deployment.RevealLengths))
        {
            throw new NotReadyException(
                $"The deployment file's reveal lengths ({string.Join(", ", Deployment.RevealLengths)}) differ from those governance set on NetworkManagement ({string.Join(", ", reveal.Lengths)}).",
                "Use the deployment file published with this network.");
        }
    }

    /// <summary>The 64-byte network public key from NetworkManagement; refuses while the network is not initialised.</summary>
    public async Task<byte[]> GetNetworkPublicKeyAsync(CancellationToken cancellationToken = default)
    {
        if (_networkKey is { } cached)
        {
            return cached;
        }

        var key = await NetworkManagement.NetworkPublicKeyAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        if (key.Length == 0)
        {
            throw new NotReadyException(
                "The network is not initialised yet: NetworkManagement holds no network key.",
                "Wait until the first node has registered and initialised the network (the devnet does this at start), then try again.");
        }

        if (key.Length != Secp256k1.PublicKeySize || !Secp256k1.TryNormalizePublicKey(key, new byte[Secp256k1.PublicKeySize]))
        {
            throw new NotReadyException("NetworkManagement holds a network key that is not a secp256k1 point.", "This deployment is broken; contact the network's operators.");
        }

        _networkKey = key;
        return key;
    }

    /// <summary>
    /// Null when <paramref name="enclave"/> is an enclave NetworkManagement knows as provisioned (it holds the network
    /// secret) whose measurement and attestation authority governance still accepts; otherwise why not.
    /// </summary>
    public async Task<string?> CheckEnclaveAsync(Address enclave, CancellationToken cancellationToken = default)
    {
        if (_trustedEnclaves.TryGetValue(enclave, out var until) && until > _time.GetUtcNow())
        {
            return null;
        }

        var management = NetworkManagement;
        var info = await management.NodeInfoAsync(enclave, cancellationToken: cancellationToken).ConfigureAwait(false);
        var problem = info.Status switch
        {
            NodeStatus.None => "is not registered on L1",
            NodeStatus.Pending => "is registered on L1 but not provisioned with the network secret",
            _ => !await management.AcceptedMeasurementsAsync(info.Measurement, cancellationToken: cancellationToken).ConfigureAwait(false)
                ? "runs an enclave measurement that governance no longer accepts"
                : !await management.AcceptedAuthoritiesAsync(info.Authority, cancellationToken: cancellationToken).ConfigureAwait(false)
                    ? "was attested by an authority that governance no longer accepts"
                    : null,
        };
        if (problem is null)
        {
            _trustedEnclaves[enclave] = _time.GetUtcNow() + EnclaveTrustCacheDuration;
        }

        return problem;
    }

    /// <summary>
    /// Checks that an answer's rollup is on L1 as stated: published per RollupManagement with that generation, in the
    /// stated L1 block, and that block is on the L1 chain the endpoint follows now. Both reads are pinned to one L1 head
    /// so a reorganisation between them cannot mix two chains.
    /// </summary>
    public async Task CheckAnchorAsync(RollupAnchor anchor, CancellationToken cancellationToken = default)
    {
        if (anchor.RollupHash.IsZero)
        {
            throw new AnswerVerificationException(VerificationFailure.RollupNotOnL1, "The answer is not based on any rollup.");
        }

        var head = await Rpc.GetBlockNumberAsync(cancellationToken).ConfigureAwait(false);
        var at = BlockTag.At(head);
        var rollups = RollupManagement;
        if (!await rollups.IsPublishedAsync(anchor.RollupHash, at, cancellationToken).ConfigureAwait(false))
        {
            throw new AnswerVerificationException(VerificationFailure.RollupNotOnL1, $"The answer is based on rollup {anchor.RollupHash}, which is not published on L1.");
        }

        var info = await rollups.RollupAsync(anchor.RollupHash, at, cancellationToken).ConfigureAwait(false);
        if (info.Generation != anchor.Generation)
        {
            throw new AnswerVerificationException(VerificationFailure.RollupNotOnL1, $"The answer says rollup {anchor.RollupHash} has generation {anchor.Generation}; on L1 it has {info.Generation}.");
        }

        if (info.PublishedAt != anchor.L1BlockNumber)
        {
            throw new AnswerVerificationException(VerificationFailure.L1BlockNotCanonical, $"The answer says rollup {anchor.RollupHash} is in L1 block {anchor.L1BlockNumber}; L1 has it in block {info.PublishedAt}.");
        }

        var block = await Rpc.GetBlockByNumberAsync(BlockTag.At(anchor.L1BlockNumber), cancellationToken).ConfigureAwait(false);
        if (block is null || block.Hash != anchor.L1BlockHash)
        {
            throw new AnswerVerificationException(VerificationFailure.L1BlockNotCanonical, $"The answer's L1 block {anchor.L1BlockNumber} ({anchor.L1BlockHash}) is not on the current L1 chain.");
        }
    }

    /// <summary>The L2 fee per gas unit that governance set on NetworkManagement (wei).</summary>
    public Task<UInt256> GetL2FeePerGasAsync(CancellationToken cancellationToken = default) =>
        NetworkManagement.L2TransactionFeeAsync(cancellationToken: cancellationToken);

    /// <summary>The tokens the bridge allow-lists now, from its allow-list events since the deployment.</summary>
    public async Task<IReadOnlyList<Address>> GetAllowListedTokensAsync(CancellationToken cancellationToken = default)
    {
        var bridge = Bridge;
        var topic = BridgeContract.Abi.GetEvent("TokenAllowListChanged").Topic0;
        var allowed = new List<Address>();
        foreach (var log in await GetLogsAsync(bridge.Address, [[topic]], cancellationToken).ConfigureAwait(false))
        {
            var change = bridge.DecodeTokenAllowListChanged(log);
            allowed.Remove(change.Token);
            if (change.Allowed)
            {
                allowed.Add(change.Token);
            }
        }

        return allowed;
    }

    /// <summary>The RollupPublished event of one rollup (its withdrawal list), or null if it was never published.</summary>
    public async Task<RollupPublishedEvent?> FindRollupAsync(Hash256 rollupHash, CancellationToken cancellationToken = default)
    {
        var rollups = RollupManagement;
        var topic = RollupManagementContract.Abi.GetEvent("RollupPublished").Topic0;
        var logs = await GetLogsAsync(rollups.Address, [[topic], [rollupHash]], cancellationToken).ConfigureAwait(false);
        return logs.Select(rollups.DecodeRollupPublished).LastOrDefault();
    }

    /// <summary>Every published rollup with at least one withdrawal, oldest first.</summary>
    public async Task<IReadOnlyList<RollupPublishedEvent>> GetRollupsWithWithdrawalsAsync(CancellationToken cancellationToken = default)
    {
        var rollups = RollupManagement;
        var topic = RollupManagementContract.Abi.GetEvent("RollupPublished").Topic0;
        var logs = await GetLogsAsync(rollups.Address, [[topic]], cancellationToken).ConfigureAwait(false);
        return logs.Select(rollups.DecodeRollupPublished).Where(e => e.Withdrawals.Count > 0).ToList();
    }

    /// <summary>
    /// The published rollups (header, blob, signature) with these hashes, read from the calldata of the transactions
    /// whose RollupPublished events name them; a hash with no such event is left out. Each rollup returned hashes to the
    /// hash asked for and its blob to the header's blob hash, so whoever serves the L1 data cannot substitute a rollup.
    /// </summary>
    public async Task<IReadOnlyList<SignedRollup>> GetPublishedRollupsAsync(IReadOnlyCollection<Hash256> rollupHashes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rollupHashes);
        var wanted = rollupHashes.ToHashSet();
        if (wanted.Count == 0) return [];
        var rollups = RollupManagement;
        var topic = RollupManagementContract.Abi.GetEvent("RollupPublished").Topic0;
        var found = new Dictionary<Hash256, SignedRollup>();
        foreach (var log in await GetLogsAsync(rollups.Address, [[topic], [.. wanted]], cancellationToken).ConfigureAwait(false))
        {
            if (log.TransactionHash is not { } transactionHash || !rollups.TryDecodeRollupPublished(log, out var published) || found.ContainsKey(published.RollupHash)) continue;
            var transaction = await Rpc.GetTransactionByHashAsync(transactionHash, cancellationToken).ConfigureAwait(false);
            if (transaction?.To != rollups.Address) continue;
            PublishRollupCall call;
            try
            {
                call = RollupManagementContract.DecodePublishRollupCall(transaction.Input.Span);
            }
            catch (Contracts.Abi.AbiException)
            {
                continue;
            }

            var blob = call.EncryptedBlob.ToArray();
            if (call.Header.Hash == published.RollupHash && wanted.Contains(call.Header.Hash) && Keccak256.Hash(blob) == call.Header.BlobHash)
            {
                found[call.Header.Hash] = new SignedRollup(call.Header, blob, call.Signature.ToArray());
            }
        }

        return [.. found.Values.OrderBy(r => r.Header.Generation)];
    }

    private async Task<IReadOnlyList<RpcLog>> GetLogsAsync(Address contract, Hash256[][] topics, CancellationToken cancellationToken)
    {
        var head = await Rpc.GetBlockNumberAsync(cancellationToken).ConfigureAwait(false);
        var logs = new List<RpcLog>();
        // Nothing of the contract set is older than the block after the anchor (the deployment).
        for (var from = Deployment.AnchorNumber + 1; from <= head; from += LogChunk)
        {
            var to = Math.Min(head, from + LogChunk - 1);
            var filter = LogFilter.ForRange(BlockTag.At(from), BlockTag.At(to)).WithAddresses(contract).WithTopics(topics);
            logs.AddRange((await Rpc.GetLogsAsync(filter, cancellationToken).ConfigureAwait(false)).Where(log => !log.Removed));
        }

        return logs;
    }
}
