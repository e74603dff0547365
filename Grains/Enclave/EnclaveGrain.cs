using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Obscuro.Grains.Conversions;
using Obscuro.Grains.Enclave.Provisioning;
using Obscuro.Grains.Host;
using Obscuro.Grains.L1;
using Obscuro.Grains.Node;
using Obscuro.Grains.Placement;
using Obscuro.Grains.Tee;
using Obscuro.Grains.Vault;
using Obscuro.Protocol.Chain;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Pobi;
using Orleans.Placement;
using Orleans.Serialization;

namespace Obscuro.Grains.Enclave;

/// <summary>
/// A node's enclave (ARCHITECTURE §7), keyed by node id, on the node's primary TEE silo. It follows the L1 through
/// blocks it verifies itself, registers the enclave and obtains the master seed through NetworkManagement, keeps the
/// ledger (rollup tree with state per L1 block), produces at most one candidate per parent, and releases account data
/// to the account grains only from rollups that are in verified L1 blocks. Everything it returns is public or signed.
/// <para>
/// State: only TEE-sealed blobs (<see cref="EnclaveGrainState"/>). The ledger is never stored: it is rebuilt by
/// replaying the recorded L1 path from the anchor through the host's block source and re-verifying every block, so a
/// host that tampers with storage can at most make the enclave forget, never believe something the L1 did not say.
/// </para>
/// <para>
/// Plaintext travels from here to the account grains and to the silo-local <see cref="EnclaveVault"/> only inside the
/// TEE silo: <see cref="TeeOnlyAttribute"/> places every enclave grain of the node on the same primary TEE silo, so
/// those calls never cross the network.
/// </para>
/// </summary>
[TeeOnly]
[Immovable]
public sealed partial class EnclaveGrain(
    ITeeEnvironment tee,
    EnclaveVault vaults,
    Serializer serializer,
    IOptions<EnclaveOptions> options,
    ISecretRequestValidator secretRequests,
    ILogger<EnclaveGrain> logger,
    [PersistentState("enclave")] IPersistentState<EnclaveGrainState> state)
    : TeeGrain(tee), IEnclaveGrain, IDisposable
{
    private readonly EnclaveOptions _options = options.Value;
    private CandidateBook _book = new();
    private readonly Dictionary<Hash256, IReadOnlyList<Hash256>> _candidateTransactions = [];
    private string _nodeId = string.Empty;
    private bool _started;
    private Task? _starting;
    private NodeVault? _vault;
    private NodeNetwork? _network;
    private ManagementEventExtractor? _extractor;
    private EnclaveChain? _chain;
    private Ledger? _ledger;
    private MasterSeed? _seed;
    private RegistrationPlanner? _planner;
    private byte[] _startupProof = [];
    private List<PendingAccountUpdate> _pendingUpdates = [];

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        _nodeId = this.GetPrimaryKeyString();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Dispose();
        return base.OnDeactivateAsync(reason, cancellationToken);
    }

    /// <summary>Zeroes this activation's copy of the seed; the vault keeps the derived keys for the workers.</summary>
    public void Dispose()
    {
        _seed?.Dispose();
        _seed = null;
        _planner?.Dispose();
        _planner = null;
    }

    async Task<EnclaveStatus> IEnclaveGrain.StartAsync(NetworkSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        await EnsureStartedAsync(settings);
        return Status();
    }

    /// <summary>
    /// Interleaves with everything else (see the interface), and reads only: a start it finds under way is reported, not
    /// awaited; a stopped enclave with sealed state is started, since its host expects it running.
    /// </summary>
    async Task<EnclaveStatus> IEnclaveGrain.GetStatusAsync()
    {
        if (!_started && _starting is null && state.State.Record is not null)
        {
            await EnsureStartedAsync(null);
        }

        return Status();
    }

    /// <summary>The registry of this enclave's verified L1 view; empty until the enclave has started (reads only, like the status).</summary>
    Task<IReadOnlyList<PeerInfo>> IEnclaveGrain.GetPeersAsync()
    {
        if (!_started || _chain is null)
        {
            return Task.FromResult<IReadOnlyList<PeerInfo>>([]);
        }

        var registry = _chain.Registry;
        IReadOnlyList<PeerInfo> peers = [.. registry.Nodes.Values
            .OrderBy(node => node.RegisteredAt).ThenBy(node => node.EnclaveAddress)
            .Select(node => new PeerInfo(node.EnclaveAddress, node.Operator, node.IsAggregator, registry.Provisioned.Contains(node.EnclaveAddress), node.Endpoint))];
        return Task.FromResult(peers);
    }

    /// <summary>
    /// Starts this activation once (concurrent callers share the one start): the start-up delay, then the sealed state,
    /// then the replay of the recorded L1 path. Later calls only check that the settings did not change. Without sealed
    /// state, only StartAsync may start it.
    /// </summary>
    private async Task EnsureStartedAsync(NetworkSettings? given)
    {
        if (!_started)
        {
            var starting = _starting ??= StartOnceAsync(given);
            try
            {
                await starting;
            }
            catch
            {
                if (ReferenceEquals(_starting, starting))
                {
                    _starting = null;
                }

                throw;
            }
        }

        if (given is not null && !NetworkSettingsComparison.Same(given, _network!.Settings))
        {
            throw new InvalidOperationException($"The enclave of node {_nodeId} runs with other network settings; settings must not change.");
        }
    }

    private async Task StartOnceAsync(NetworkSettings? given)
    {
        var record = ReadRecord();
        if (record is null && given is null)
        {
            throw new InvalidOperationException($"The enclave of node {_nodeId} has not been started: the host calls StartAsync with the network settings first.");
        }

        if (record?.Settings is { } saved && given is not null && !NetworkSettingsComparison.Same(saved, given))
        {
            throw new InvalidOperationException($"The enclave of node {_nodeId} was started with other network settings; settings must not change.");
        }

        var settings = given ?? record!.Settings ?? throw new InvalidOperationException($"The sealed state of node {_nodeId} has no network settings.");
        await RunStartupDelayAsync();

        _vault = vaults.Open(_nodeId);
        _network = _vault.Configure(settings);
        _extractor = new ManagementEventExtractor(settings.NetworkManagement, settings.RollupManagement, settings.Bridge);
        _chain = new EnclaveChain(new L1BlockRef(settings.Anchor.Hash, settings.Anchor.ParentHash, settings.Anchor.Number));
        _planner?.Dispose();
        _planner = new RegistrationPlanner(Tee, secretRequests, _options.CallRetryBlocks, logger);
        if (state.State.Seed is { } sealedSeed)
        {
            _seed = UnsealSeed(sealedSeed);
            CreateLedger(_vault.Provision(_seed));
        }

        RestoreCandidates(record?.Candidates ?? []);
        var replayed = await ReplayAsync(record?.Path ?? []);
        _started = true;
        _pendingUpdates = [.. record?.PendingUpdates ?? [], .. ToPending(replayed.Updates)];
        await PersistAsync();
        PublishHead();
        await PushPendingUpdatesAsync();
        LogStarted(logger, _nodeId, Tee.EnclaveKey.Address, _chain.Tip.Number, _seed is not null);
    }

    private async Task RunStartupDelayAsync()
    {
        var iterations = _options.StartupDelayIterations;
        if (Tee.Kind is TeeKind.SevSnp or TeeKind.Tdx && iterations < StartupDelay.ProductionIterations)
        {
            // The host writes the configuration; only a simulated TEE may shorten what bounds a restart's nonce fishing.
            LogDelayRaised(logger, iterations, StartupDelay.ProductionIterations);
            iterations = StartupDelay.ProductionIterations;
        }

        // A serial hash chain that would hold a scheduler thread for seconds runs on the thread pool; the grain is not
        // reentrant, so nothing interleaves meanwhile.
        _startupProof = await Task.Run(() => StartupDelay.Run(Math.Max(0, iterations)));
    }

    private void CreateLedger(NodeSecrets secrets)
    {
        var network = _network!;
        _ledger = new Ledger(network.Context, secrets.Keys, network.Admission, _chain!.Anchor, Math.Max(8, _options.RetainedBlocks));
    }

    private EnclaveRecord? ReadRecord()
    {
        if (state.State.Record is not { } sealedRecord)
        {
            return null;
        }

        var bytes = Unseal(sealedRecord, EnclaveGrainState.RecordPurpose);
        try
        {
            var record = serializer.Deserialize<EnclaveRecord>(bytes);
            return record is not null && string.Equals(record.NodeId, _nodeId, StringComparison.Ordinal)
                ? record
                : throw new InvalidOperationException($"The sealed state offered to the enclave of node {_nodeId} belongs to another node.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>Seals and stores the record; called before anything the record protects leaves the grain.</summary>
    private async Task PersistAsync()
    {
        var record = new EnclaveRecord
        {
            NodeId = _nodeId,
            Settings = _network!.Settings,
            Path = [.. _chain!.Path],
            Candidates = [.. _book.Candidates.Select(c => new CandidateRecord(c.ToEnvelope(), _candidateTransactions.GetValueOrDefault(c.Header.Hash) ?? []))],
            PendingUpdates = _pendingUpdates,
        };
        var bytes = serializer.SerializeToArray(record);
        try
        {
            state.State.Record = Tee.Seal(bytes, EnclaveGrainState.RecordPurpose);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }

        await state.WriteStateAsync();
    }

    private byte[] Unseal(byte[] sealedBlob, string purpose)
    {
        try
        {
            return Tee.Unseal(sealedBlob, purpose);
        }
        catch (CryptographicException e)
        {
            // Fail closed: state this TEE cannot open was altered, or sealed by another TEE (another enclave key, so
            // another node identity on L1). Starting over would let a host reset the candidate book at will.
            throw new InvalidOperationException($"The sealed state of node {_nodeId} cannot be unsealed by this TEE ({purpose}); it was altered or sealed by another TEE.", e);
        }
    }

    private MasterSeed UnsealSeed(byte[] sealedSeed)
    {
        var bytes = Unseal(sealedSeed, EnclaveGrainState.SeedPurpose);
        try
        {
            var node = Encoding.UTF8.GetBytes(_nodeId);
            if (bytes.Length != MasterSeed.Size + node.Length || !bytes.AsSpan(MasterSeed.Size).SequenceEqual(node))
            {
                throw new InvalidOperationException($"The sealed master seed offered to the enclave of node {_nodeId} belongs to another node.");
            }

            return MasterSeed.FromBytes(bytes.AsSpan(0, MasterSeed.Size));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    private void SealSeed(MasterSeed seed)
    {
        var node = Encoding.UTF8.GetBytes(_nodeId);
        var bytes = new byte[MasterSeed.Size + node.Length];
        try
        {
            seed.CopyTo(bytes.AsSpan(0, MasterSeed.Size));
            node.CopyTo(bytes, MasterSeed.Size);
            state.State.Seed = Tee.Seal(bytes, EnclaveGrainState.SeedPurpose);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    private List<PendingAccountUpdate> ToPending(IEnumerable<KeyValuePair<Address, AccountUpdate>> updates)
    {
        var secrets = _vault?.Secrets;
        return secrets is null ? [] : [.. updates.Select(u => new PendingAccountUpdate(secrets.AccountGrainKey(_nodeId, u.Key), u.Value))];
    }

    /// <summary>
    /// Sends the pending updates: in order per account, accounts in parallel. They are absolute, so sending them again
    /// after a crash (they stay in the sealed record until the next write) changes nothing.
    /// </summary>
    private async Task PushPendingUpdatesAsync()
    {
        var pending = _pendingUpdates;
        if (pending.Count == 0)
        {
            return;
        }

        var sealer = _vault!.Secrets!.StateSealer;
        await Task.WhenAll(pending.GroupBy(u => u.GrainKey, StringComparer.Ordinal).Select(async account =>
        {
            var grain = GrainFactory.GetGrain<IAccountGrain>(account.Key);
            foreach (var update in account)
            {
                await grain.ApplyAsync(AccountSealing.Seal(sealer, serializer, AccountSealing.UpdatePurpose, account.Key, update.Update));
            }
        }));
        _pendingUpdates = [];
    }

    private void PublishHead() => _vault!.PublishHead(new VaultHead(_ledger?.Head, _chain!.LastIngested));

    private EnclaveStatus Status()
    {
        var head = _ledger?.Head.Head;
        return new EnclaveStatus(
            _nodeId,
            Tee.EnclaveKey.Address,
            _seed is not null,
            _vault?.Secrets?.NetworkAddress,
            _chain?.LastIngested,
            head?.Header.Hash ?? Hash256.Zero,
            head?.Header.Generation ?? 0,
            WaitingFor());
    }

    /// <summary>What the enclave needs next from the outside world, in words an operator can act on; null when it is operating.</summary>
    private string? WaitingFor()
    {
        if (!_started && _starting is not null)
        {
            return "the enclave to finish starting (start-up delay, sealed state, replay of the L1 path)";
        }

        if (!_started || _chain is null || _network is null)
        {
            return "the host to start the enclave (StartAsync)";
        }

        var registry = _chain.Registry;
        var me = Tee.EnclaveKey.Address;
        if (!registry.IsRegistered(me))
        {
            return AwaitingRegistration(me);
        }

        if (_seed is null)
        {
            return registry.Network is not null
                ? AwaitingSeed(registry)
                : _network.Settings.IsGenesisNode
                    ? "the network's initialisation (the host sends the requested initializeNetwork call)"
                    : "the network's initialisation by its genesis node";
        }

        return _ledger?.Head.Head is null ? "the genesis rollup" : null;
    }
}
