using System.Buffers.Binary;
using System.Text;
using Obscuro.Contracts.Abi;
using Obscuro.Contracts.Rpc.Verification;
using Obscuro.Grains.Conversions;
using Obscuro.Grains.Node;
using Obscuro.Grains.Placement;
using Obscuro.Grains.Tee;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Execution;
using Obscuro.Protocol.Registration;
using Obscuro.Protocol.Reveal;
using Obscuro.Protocol.Rollups;
using Obscuro.Protocol.State;
using NetworkManagementContract = Obscuro.Contracts.Bindings.NetworkManagementContract;
using RollupManagementContract = Obscuro.Contracts.Bindings.RollupManagementContract;

namespace Obscuro.Grains.Tests.Host.StandIns;

/// <summary>
/// Stands in for the node's enclave in host-side tests, speaking the same protocol with the host grains as the real
/// one: placed on the TEE silo, it fetches each block from the host's block source and verifies it (header hash,
/// roots, parent link) before using it; as a genesis node it asks the host to send its registration and the network
/// initialisation (real calldata, signed with the TEE's enclave key); once L1 shows it initialised, it reports a new
/// head; its candidates are genuine rollups from the Protocol's builder, signed by the enclave key. What it does not do
/// is the ledger: it decrypts nothing, and a candidate claims to include the pending transactions it was offered
/// (a child is produced only when some are pending). State is in memory; no test restarts it.
/// </summary>
[TeeOnly]
public sealed class StandInEnclaveGrain(ITeeEnvironment tee) : Grain, IEnclaveGrain, IStandInEnclaveProbe
{
    private const string Canonical = "canonical";
    private readonly List<L1BlockNotice> _ingested = [];
    private readonly Dictionary<Hash256, (BuiltRollup Built, IReadOnlyList<Hash256> Included)> _built = [];
    private readonly Dictionary<Hash256, CandidateResult> _candidateOn = [];
    private readonly Dictionary<Hash256, L1BlockNotice> _publishedIn = [];
    private NetworkSettings? _settings;
    private byte[]? _initializeCall;
    private bool _callsRequested;
    private bool _provisioned;
    private bool _held;
    private Hash256 _head;
    private ulong _generation;

    private NetworkSettings Settings => _settings ?? throw new InvalidOperationException("The stand-in enclave was not started.");

    Task<EnclaveStatus> IEnclaveGrain.StartAsync(NetworkSettings settings)
    {
        _settings ??= settings;
        if (_ingested.Count == 0)
        {
            _ingested.Add(settings.Anchor);
        }

        return Task.FromResult(Status());
    }

    async Task<IngestOutcome> IEnclaveGrain.IngestAsync(L1BlockNotice block)
    {
        var settings = Settings;
        if (_held)
        {
            throw new InvalidOperationException($"The stand-in enclave holds ingestion; block {block.Number} is not taken.");
        }

        var parentAt = _ingested.FindLastIndex(ingested => ingested.Hash == block.ParentHash);
        if (parentAt < 0)
        {
            throw new InvalidOperationException($"Block {block.Number} does not follow any ingested block.");
        }

        var material = await GrainFactory.GetGrain<IL1BlockSourceGrain>(this.GetPrimaryKeyString()).GetBlockAsync(block);
        var content = L1BlockVerifier.VerifyChild(material.ToUnverified(), block.ParentHash, block.Number - 1);
        _ingested.RemoveRange(parentAt + 1, _ingested.Count - parentAt - 1);
        _ingested.Add(block);

        var calls = new List<L1Call>();
        var rollups = new List<RollupStandingReport>();
        var included = new List<Hash256>();
        var headChanged = false;
        if (settings.IsGenesisNode && !_callsRequested)
        {
            calls.Add(RegisterCall(settings));
            calls.Add(InitializeCall(settings));
            _callsRequested = true;
        }

        foreach (var transaction in content.Transactions.Where(t => t.Receipt.Succeeded == true))
        {
            var to = transaction.Transaction.To;
            if (to == settings.NetworkManagement && _initializeCall is not null && transaction.Transaction.Data.Span.SequenceEqual(_initializeCall))
            {
                _provisioned = true;
                headChanged = true;
            }
            else if (to == settings.RollupManagement && TryDecodeRollup(transaction.Transaction.Data, out var header) && _built.TryGetValue(header.Hash, out var ours))
            {
                _head = header.Hash;
                _generation = header.Generation;
                _publishedIn[header.Hash] = block;
                rollups.Add(new RollupStandingReport(header.Hash, header.Generation, Canonical, null));
                included.AddRange(ours.Included);
                headChanged = true;
            }
        }

        return new IngestOutcome(block, _head, _generation, rollups, included, calls, headChanged);
    }

    Task<CandidateResult> IEnclaveGrain.ProduceCandidateOnAsync(Hash256 pendingAsOf, IReadOnlyList<SealedTransaction> pending) =>
        _provisioned && !_candidateOn.ContainsKey(_head) && pendingAsOf != _head
            ? Task.FromResult(new CandidateResult(null, [], $"The pending list reflects {pendingAsOf}, not the head {_head}."))
            : ((IEnclaveGrain)this).ProduceCandidateAsync(pending);

    Task<CandidateResult> IEnclaveGrain.ProduceCandidateAsync(IReadOnlyList<SealedTransaction> pending)
    {
        var settings = Settings;
        if (!_provisioned)
        {
            return Task.FromResult(new CandidateResult(null, [], "Not provisioned yet."));
        }

        if (_candidateOn.TryGetValue(_head, out var candidate))
        {
            return Task.FromResult(candidate);
        }

        if (!_head.IsZero && pending.Count == 0)
        {
            return Task.FromResult(new CandidateResult(null, [], "Nothing to include."));
        }

        var parent = _head.IsZero ? null : _built[_head].Built;
        var inclusion = _head.IsZero ? null : _publishedIn[_head];
        var dependency = _ingested[^1];
        var inputs = new RollupInputs(
            parent?.Rollup.Header,
            parent?.State ?? L2State.Genesis,
            inclusion?.Number ?? 0,
            inclusion?.Hash ?? Hash256.Zero,
            dependency.Number,
            dependency.Hash,
            [],
            [],
            []);
        var lengths = settings.RevealLengths;
        var network = new NetworkContext(settings.L1ChainId, settings.RollupManagement, NetworkRules.Devnet, new RevealSchedule(lengths[0], lengths[1], lengths[2], lengths[3], lengths[4]));
        using var seed = Seed();
        using var keys = new KeySchedule(seed);
        var built = RollupBuilder.Build(inputs, [], 0, new UInt256(7), network, keys, tee.EnclaveKey);
        var claimed = pending.Select(transaction => transaction.TransactionHash).ToList();
        _built[built.Rollup.Header.Hash] = (built, claimed);
        candidate = new CandidateResult(built.Rollup.ToEnvelope(), claimed, null);
        _candidateOn[_head] = candidate;
        return Task.FromResult(candidate);
    }

    Task<EnclaveStatus> IEnclaveGrain.GetStatusAsync() => Task.FromResult(Status());

    Task<IReadOnlyList<PeerInfo>> IEnclaveGrain.GetPeersAsync() => Task.FromResult<IReadOnlyList<PeerInfo>>([]);

    Task<IReadOnlyList<L1BlockNotice>> IStandInEnclaveProbe.GetIngestedAsync() => Task.FromResult<IReadOnlyList<L1BlockNotice>>([.. _ingested]);

    Task<bool> IStandInEnclaveProbe.IsProvisionedAsync() => Task.FromResult(_provisioned);

    Task IStandInEnclaveProbe.HoldIngestionAsync(bool held)
    {
        _held = held;
        return Task.CompletedTask;
    }

    private EnclaveStatus Status() => new(
        this.GetPrimaryKeyString(),
        tee.EnclaveKey.Address,
        _provisioned,
        null,
        _ingested.Count > 1 ? _ingested[^1] : null,
        _head,
        _generation,
        _provisioned ? null : "provisioning");

    private L1Call RegisterCall(NetworkSettings settings)
    {
        var registration = settings.Registration;
        var publicKey = tee.EnclaveKey.PublicKey.ToArray();
        var attestationHash = Keccak256.Hash(registration.AttestationToken);
        var digest = RegistrationDigests.Register(
            settings.L1ChainId, settings.NetworkManagement, settings.Operator, publicKey, attestationHash,
            registration.Measurement, registration.Authority, settings.IsAggregator, registration.Endpoint);
        var data = NetworkManagementContract.Abi.GetFunction("register").EncodeCall(
            publicKey, registration.AttestationToken, registration.Measurement, registration.Authority, settings.IsAggregator, registration.Endpoint, Sign(digest));
        return new L1Call(settings.NetworkManagement, data, registration.Fee + registration.Stake, "register");
    }

    private L1Call InitializeCall(NetworkSettings settings)
    {
        using var seed = Seed();
        using var keys = new KeySchedule(seed);
        using var networkKey = keys.NetworkKeyPair();
        var enclave = tee.EnclaveKey.Address;
        var plain = new byte[MasterSeed.Size];
        seed.CopyTo(plain);
        var associatedData = new byte[8 + Address.Size + Address.Size];
        BinaryPrimitives.WriteUInt64BigEndian(associatedData, settings.L1ChainId);
        settings.NetworkManagement.CopyTo(associatedData.AsSpan(8));
        enclave.CopyTo(associatedData.AsSpan(8 + Address.Size));
        var encryptedSeed = Ecies.Encrypt(tee.EnclaveKey.PublicKey.Span, plain, associatedData, SystemRandomSource.Instance);
        var networkPublicKey = networkKey.PublicKey.ToArray();
        var digest = RegistrationDigests.Initialize(settings.L1ChainId, settings.NetworkManagement, enclave, networkPublicKey, encryptedSeed);
        _initializeCall = NetworkManagementContract.Abi.GetFunction("initializeNetwork").EncodeCall(
            enclave, networkPublicKey, encryptedSeed, Sign(digest), RegistrationDigests.Sign(digest, networkKey));
        return new L1Call(settings.NetworkManagement, _initializeCall, UInt256.Zero, "initializeNetwork");
    }

    private byte[] Sign(Hash256 digest)
    {
        var signature = tee.EnclaveKey.Sign(digest.ToArray());
        signature[64] += 27;
        return signature;
    }

    private MasterSeed Seed() =>
        MasterSeed.Generate(new DeterministicRandomSource(Encoding.UTF8.GetBytes("Obscuro.Tests.StandInEnclave." + this.GetPrimaryKeyString())));

    private static bool TryDecodeRollup(ReadOnlyMemory<byte> data, out RollupHeader header)
    {
        try
        {
            header = RollupManagementContract.DecodePublishRollupCall(data.Span).Header;
            return true;
        }
        catch (AbiException)
        {
            header = null!;
            return false;
        }
    }
}
