using System.Diagnostics.CodeAnalysis;
using Obscuro.Contracts.Abi;
using Obscuro.Contracts.Artifacts;
using Obscuro.Contracts.L1;
using Obscuro.Contracts.Rpc;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Bindings;

/// <summary>
/// Typed binding of a deployed NetworkManagement (Contracts/Solidity/NetworkManagement.sol; formats in FORMATS.md):
/// attestation requirements, registration and provisioning of the shared secret, stakes, parameters and the one
/// governance address of the contract set. Views take the block to read at (latest when null; pass
/// <see cref="BlockTag.Pending"/> to see what the next transaction will see). Writes go through the sender given at
/// construction and throw <see cref="ContractRevertException"/> with the custom error decoded
/// (<see cref="NetworkManagementErrors"/>).
/// </summary>
public sealed class NetworkManagementContract
{
    private static readonly EventDecoder Events = new EventDecoder(Abi)
        .Add("SecretRequested", (a, o) => new SecretRequestedEvent(
            a.Address("enclaveAddress"), a.Address("operator"), a.Bytes("enclavePublicKey"), a.Hash("attestationHash"),
            a.Hash("measurement"), a.Hash("authority"), a.Bool("isAggregator"), a.String("endpoint"), a.UInt("stake"), o))
        .Add("NetworkInitialized", (a, o) => new NetworkInitializedEvent(a.Address("enclaveAddress"), a.Address("networkAddress"), a.Bytes("networkPublicKey"), o))
        .Add("SecretResponded", (a, o) => new SecretRespondedEvent(a.Address("requester"), a.Address("responder"), a.Address("responderOperator"), a.UInt("fee"), o))
        .Add("StakeAdded", (a, o) => new StakeAddedEvent(a.Address("enclaveAddress"), a.UInt("amount"), a.UInt("stake"), o))
        .Add("UnbondRequested", (a, o) => new UnbondRequestedEvent(a.Address("enclaveAddress"), a.ULong("withdrawableAtBlock"), o))
        .Add("StakeWithdrawn", (a, o) => new StakeWithdrawnEvent(a.Address("enclaveAddress"), a.Address("operator"), a.UInt("amount"), o))
        .Add("Slashed", (a, o) => new SlashedEvent(a.Address("enclaveAddress"), a.Address("recipient"), a.UInt("amount"), a.UInt("remainingStake"), o))
        .Add("EndpointChanged", (a, o) => new EndpointChangedEvent(a.Address("enclaveAddress"), a.String("endpoint"), o))
        .Add("MeasurementAcceptanceChanged", (a, o) => new MeasurementAcceptanceChangedEvent(a.Hash("measurement"), a.Bool("accepted"), o))
        .Add("AuthorityAcceptanceChanged", (a, o) => new AuthorityAcceptanceChangedEvent(a.Hash("authority"), a.Bool("accepted"), o))
        .Add("ParameterChanged", ParameterChangedEvent.From)
        .Add("RevealParametersSet", (a, o) => new RevealParametersSetEvent([a.ULong("xs"), a.ULong("s"), a.ULong("m"), a.ULong("l"), a.ULong("xl")], a.Enum<RevealOption>("defaultOption"), o))
        .Add("BreachDeclared", (a, o) => new BreachDeclaredEvent(a.Address("by"), o))
        .Add("BreachCleared", (a, o) => new BreachClearedEvent(a.Address("by"), o))
        .Add("GovernanceTransferStarted", (a, o) => new GovernanceTransferStartedEvent(a.Address("current"), a.Address("pending"), o))
        .Add("GovernanceTransferred", (a, o) => new GovernanceTransferredEvent(a.Address("previous"), a.Address("current"), o))
        .Complete();

    private readonly ContractInvoker _invoker;

    /// <param name="address">Where the contract is deployed.</param>
    /// <param name="rpc">The L1 node to read from.</param>
    /// <param name="sender">Sends the writes (its account is <c>msg.sender</c>); null for a read-only binding.</param>
    public NetworkManagementContract(Address address, EthRpcClient rpc, IL1TransactionSender? sender = null)
    {
        _invoker = new ContractInvoker(address, Abi, rpc, sender);
    }

    public static ContractArtifact Artifact => ContractArtifacts.Embedded.Get("NetworkManagement");

    /// <summary>The ABI, including the custom errors of the libraries the contract uses.</summary>
    public static ContractAbi Abi => Artifact.Abi;

    public Address Address => _invoker.Address;

    public IL1TransactionSender? Sender => _invoker.Sender;

    /// <summary>The same contract, with writes sent by <paramref name="sender"/>.</summary>
    public NetworkManagementContract WithSender(IL1TransactionSender sender)
    {
        ArgumentNullException.ThrowIfNull(sender);
        return new NetworkManagementContract(Address, _invoker.Rpc, sender);
    }

    // ---- registration and the shared secret ----

    /// <summary>
    /// Registers an enclave (<c>register</c>). <paramref name="payment"/> is exactly the registration fee for a verifier,
    /// the fee plus a stake of at least the minimum for an aggregator. <paramref name="enclaveSignature"/> is the
    /// enclave key's signature over <see cref="Protocol.Registration.RegistrationDigests.Register"/> with the
    /// sender's account as operator, where the attestation hash is keccak256 of <paramref name="attestationToken"/> (the
    /// token's UTF-8 bytes; the contract stores only the hash, the token stays readable in the call's input).
    /// </summary>
    public Task<L1TransactionResult> RegisterAsync(
        ReadOnlyMemory<byte> enclavePublicKey,
        ReadOnlyMemory<byte> attestationToken,
        Hash256 measurement,
        Hash256 authority,
        bool isAggregator,
        string endpoint,
        ReadOnlyMemory<byte> enclaveSignature,
        UInt256 payment,
        CancellationToken cancellationToken = default) =>
        _invoker.SendAsync("register", payment, cancellationToken, enclavePublicKey, attestationToken, measurement, authority, isAggregator, endpoint, enclaveSignature);

    /// <summary>Stores the network key and the seed encrypted to the first enclave (<c>initializeNetwork</c>); once, by that node's operator.</summary>
    public Task<L1TransactionResult> InitializeNetworkAsync(
        Address enclaveAddress,
        ReadOnlyMemory<byte> networkKey,
        ReadOnlyMemory<byte> encryptedSeed,
        ReadOnlyMemory<byte> enclaveSignature,
        ReadOnlyMemory<byte> networkSignature,
        CancellationToken cancellationToken = default) =>
        _invoker.SendAsync("initializeNetwork", UInt256.Zero, cancellationToken, enclaveAddress, networkKey, encryptedSeed, enclaveSignature, networkSignature);

    /// <summary>Delivers the seed encrypted to a pending node (<c>respondSecret</c>); anyone may send it, the first valid response counts.</summary>
    public Task<L1TransactionResult> RespondSecretAsync(
        Address requester,
        ReadOnlyMemory<byte> encryptedSeed,
        ReadOnlyMemory<byte> knowledgeSignature,
        ReadOnlyMemory<byte> responderSignature,
        CancellationToken cancellationToken = default) =>
        _invoker.SendAsync("respondSecret", UInt256.Zero, cancellationToken, requester, encryptedSeed, knowledgeSignature, responderSignature);

    public Task<L1TransactionResult> SetEndpointAsync(Address enclaveAddress, string endpoint, CancellationToken cancellationToken = default) =>
        _invoker.SendAsync("setEndpoint", UInt256.Zero, cancellationToken, enclaveAddress, endpoint);

    // ---- stakes ----

    public Task<L1TransactionResult> AddStakeAsync(Address enclaveAddress, UInt256 amount, CancellationToken cancellationToken = default) =>
        _invoker.SendAsync("addStake", amount, cancellationToken, enclaveAddress);

    public Task<L1TransactionResult> RequestUnbondAsync(Address enclaveAddress, CancellationToken cancellationToken = default) =>
        _invoker.SendAsync("requestUnbond", UInt256.Zero, cancellationToken, enclaveAddress);

    public Task<L1TransactionResult> WithdrawStakeAsync(Address enclaveAddress, CancellationToken cancellationToken = default) =>
        _invoker.SendAsync("withdrawStake", UInt256.Zero, cancellationToken, enclaveAddress);

    // ---- governance ----

    public Task<L1TransactionResult> SetMeasurementAcceptedAsync(Hash256 measurement, bool accepted, CancellationToken cancellationToken = default) =>
        _invoker.SendAsync("setMeasurementAccepted", UInt256.Zero, cancellationToken, measurement, accepted);

    public Task<L1TransactionResult> SetAuthorityAcceptedAsync(Hash256 authority, bool accepted, CancellationToken cancellationToken = default) =>
        _invoker.SendAsync("setAuthorityAccepted", UInt256.Zero, cancellationToken, authority, accepted);

    public Task<L1TransactionResult> SetRegistrationFeeAsync(UInt256 fee, CancellationToken cancellationToken = default) =>
        _invoker.SendAsync("setRegistrationFee", UInt256.Zero, cancellationToken, fee);

    public Task<L1TransactionResult> SetMinimumStakeAsync(UInt256 stake, CancellationToken cancellationToken = default) =>
        _invoker.SendAsync("setMinimumStake", UInt256.Zero, cancellationToken, stake);

    public Task<L1TransactionResult> SetUnbondingDelayAsync(ulong blocks, CancellationToken cancellationToken = default) =>
        _invoker.SendAsync("setUnbondingDelay", UInt256.Zero, cancellationToken, blocks);

    /// <summary>Fixes the reveal interval lengths (rollups, XS to XL) and the default option; only before the network is initialised.</summary>
    public Task<L1TransactionResult> SetRevealParametersAsync(IReadOnlyList<ulong> lengths, RevealOption defaultOption, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lengths);
        if (lengths.Count != 5) throw new ArgumentException("Five reveal interval lengths (XS, S, M, L, XL) are needed.", nameof(lengths));
        return _invoker.SendAsync("setRevealParameters", UInt256.Zero, cancellationToken, lengths[0], lengths[1], lengths[2], lengths[3], lengths[4], (byte)defaultOption);
    }

    public Task<L1TransactionResult> SetL2TransactionFeeAsync(UInt256 fee, CancellationToken cancellationToken = default) =>
        _invoker.SendAsync("setL2TransactionFee", UInt256.Zero, cancellationToken, fee);

    public Task<L1TransactionResult> SlashAsync(Address enclaveAddress, UInt256 amount, Address recipient, CancellationToken cancellationToken = default) =>
        _invoker.SendAsync("slash", UInt256.Zero, cancellationToken, enclaveAddress, amount, recipient);

    public Task<L1TransactionResult> DeclareBreachAsync(CancellationToken cancellationToken = default) =>
        _invoker.SendAsync("declareBreach", UInt256.Zero, cancellationToken);

    public Task<L1TransactionResult> ClearBreachAsync(CancellationToken cancellationToken = default) =>
        _invoker.SendAsync("clearBreach", UInt256.Zero, cancellationToken);

    /// <summary>First step of handing over governance of the whole set; <see cref="Address.Zero"/> cancels a pending hand-over.</summary>
    public Task<L1TransactionResult> TransferGovernanceAsync(Address newGovernance, CancellationToken cancellationToken = default) =>
        _invoker.SendAsync("transferGovernance", UInt256.Zero, cancellationToken, newGovernance);

    public Task<L1TransactionResult> AcceptGovernanceAsync(CancellationToken cancellationToken = default) =>
        _invoker.SendAsync("acceptGovernance", UInt256.Zero, cancellationToken);

    // ---- views ----

    public async Task<Address> GovernanceAsync(BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("governance", block, cancellationToken).ConfigureAwait(false)).Address(0);

    public async Task<Address> PendingGovernanceAsync(BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("pendingGovernance", block, cancellationToken).ConfigureAwait(false)).Address(0);

    public async Task<bool> BreachedAsync(BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("breached", block, cancellationToken).ConfigureAwait(false)).Bool(0);

    public async Task<bool> AcceptedMeasurementsAsync(Hash256 measurement, BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("acceptedMeasurements", block, cancellationToken, measurement).ConfigureAwait(false)).Bool(0);

    public async Task<bool> AcceptedAuthoritiesAsync(Hash256 authority, BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("acceptedAuthorities", block, cancellationToken, authority).ConfigureAwait(false)).Bool(0);

    public async Task<UInt256> RegistrationFeeAsync(BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("registrationFee", block, cancellationToken).ConfigureAwait(false)).UInt(0);

    public async Task<UInt256> MinimumStakeAsync(BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("minimumStake", block, cancellationToken).ConfigureAwait(false)).UInt(0);

    public async Task<ulong> UnbondingDelayAsync(BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("unbondingDelay", block, cancellationToken).ConfigureAwait(false)).ULong(0);

    public async Task<UInt256> L2TransactionFeeAsync(BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("l2TransactionFee", block, cancellationToken).ConfigureAwait(false)).UInt(0);

    /// <summary>The interval length of one reveal option in rollups (zero until governance sets the reveal parameters).</summary>
    public async Task<ulong> RevealLengthsAsync(RevealOption option, BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("revealLengths", block, cancellationToken, new UInt256((ulong)option)).ConfigureAwait(false)).ULong(0);

    public async Task<RevealOption> DefaultRevealOptionAsync(BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (RevealOption)(await _invoker.CallAsync("defaultRevealOption", block, cancellationToken).ConfigureAwait(false)).ULong(0);

    public async Task<bool> RevealParametersSetAsync(BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("revealParametersSet", block, cancellationToken).ConfigureAwait(false)).Bool(0);

    /// <summary>All five lengths (XS to XL) and the default option, read at one block; null until governance set them.</summary>
    public async Task<(IReadOnlyList<ulong> Lengths, RevealOption DefaultOption)?> RevealParametersAsync(BlockTag block, CancellationToken cancellationToken = default)
    {
        if (!await RevealParametersSetAsync(block, cancellationToken).ConfigureAwait(false)) return null;
        var lengths = new List<ulong>();
        for (var option = RevealOption.XS; option <= RevealOption.XL; option++)
        {
            lengths.Add(await RevealLengthsAsync(option, block, cancellationToken).ConfigureAwait(false));
        }

        return (lengths, await DefaultRevealOptionAsync(block, cancellationToken).ConfigureAwait(false));
    }

    public async Task<bool> NetworkInitializedAsync(BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("networkInitialized", block, cancellationToken).ConfigureAwait(false)).Bool(0);

    /// <summary>The network key's address (zero before initialisation).</summary>
    public async Task<Address> NetworkAddressAsync(BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("networkAddress", block, cancellationToken).ConfigureAwait(false)).Address(0);

    /// <summary>The 64-byte network public key that clients encrypt to (empty before initialisation).</summary>
    public async Task<byte[]> NetworkPublicKeyAsync(BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("networkPublicKey", block, cancellationToken).ConfigureAwait(false)).Bytes(0);

    public async Task<bool> IsActiveAggregatorAsync(Address enclaveAddress, BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("isActiveAggregator", block, cancellationToken, enclaveAddress).ConfigureAwait(false)).Bool(0);

    public async Task<bool> IsProvisionedAsync(Address enclaveAddress, BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("isProvisioned", block, cancellationToken, enclaveAddress).ConfigureAwait(false)).Bool(0);

    public async Task<NodeInfo> NodeInfoAsync(Address enclaveAddress, BlockTag? block = null, CancellationToken cancellationToken = default)
    {
        var info = (await _invoker.CallAsync("nodeInfo", block, cancellationToken, enclaveAddress).ConfigureAwait(false)).Get<AbiTuple>(0);
        return new NodeInfo(
            info.Address("enclaveAddress"),
            info.Address("operator"),
            info.Enum<NodeStatus>("status"),
            info.Bool("isAggregator"),
            info.Bool("activeAggregator"),
            info.ULong("registeredAt"),
            info.ULong("unbondingSince"),
            info.UInt("stake"),
            info.UInt("pendingFee"),
            info.Hash("measurement"),
            info.Hash("authority"),
            info.Hash("attestationHash"),
            info.Bytes("publicKey"),
            info.String("endpoint"));
    }

    /// <summary>The master seed encrypted to the node's enclave key (empty until it is provisioned).</summary>
    public async Task<byte[]> EncryptedSeedOfAsync(Address enclaveAddress, BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("encryptedSeedOf", block, cancellationToken, enclaveAddress).ConfigureAwait(false)).Bytes(0);

    public async Task<ulong> NodeCountAsync(BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("nodeCount", block, cancellationToken).ConfigureAwait(false)).ULong(0);

    public async Task<Address> NodeAtAsync(ulong index, BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("nodeAt", block, cancellationToken, index).ConfigureAwait(false)).Address(0);

    public async Task<ulong> AggregatorCountAsync(BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("aggregatorCount", block, cancellationToken).ConfigureAwait(false)).ULong(0);

    public async Task<Address> AggregatorAtAsync(ulong index, BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("aggregatorAt", block, cancellationToken, index).ConfigureAwait(false)).Address(0);

    /// <summary>Every aggregator that still holds a stake, with endpoint, stake and whether it is active.</summary>
    public async Task<IReadOnlyList<AggregatorInfo>> AggregatorsAsync(BlockTag? block = null, CancellationToken cancellationToken = default)
    {
        var list = (await _invoker.CallAsync("aggregators", block, cancellationToken).ConfigureAwait(false)).List(0);
        return list.Cast<AbiTuple>().Select(a => new AggregatorInfo(
            a.Address("enclaveAddress"), a.Address("operator"), a.String("endpoint"), a.UInt("stake"), a.Bool("active"), a.ULong("unbondingSince"))).ToArray();
    }

    public async Task<ulong> PublicKeyLengthAsync(BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("PUBLIC_KEY_LENGTH", block, cancellationToken).ConfigureAwait(false)).ULong(0);

    public async Task<ulong> MaxEndpointLengthAsync(BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("MAX_ENDPOINT_LENGTH", block, cancellationToken).ConfigureAwait(false)).ULong(0);

    public async Task<ulong> MaxAttestationLengthAsync(BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("MAX_ATTESTATION_LENGTH", block, cancellationToken).ConfigureAwait(false)).ULong(0);

    public async Task<ulong> MaxEncryptedSeedLengthAsync(BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("MAX_ENCRYPTED_SEED_LENGTH", block, cancellationToken).ConfigureAwait(false)).ULong(0);

    // ---- signing digests, computed by the contract (for cross-checking Protocol.Registration.RegistrationDigests) ----

    public async Task<Hash256> RegisterDigestAsync(
        Address operatorAccount,
        ReadOnlyMemory<byte> enclavePublicKey,
        Hash256 attestationHash,
        Hash256 measurement,
        Hash256 authority,
        bool isAggregator,
        string endpoint,
        BlockTag? block = null,
        CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("registerDigest", block, cancellationToken, operatorAccount, enclavePublicKey, attestationHash, measurement, authority, isAggregator, endpoint).ConfigureAwait(false)).Hash(0);

    public async Task<Hash256> InitializeDigestAsync(Address enclaveAddress, ReadOnlyMemory<byte> networkKey, ReadOnlyMemory<byte> encryptedSeed, BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("initializeDigest", block, cancellationToken, enclaveAddress, networkKey, encryptedSeed).ConfigureAwait(false)).Hash(0);

    public async Task<Hash256> SecretKnowledgeDigestAsync(Address requester, ReadOnlyMemory<byte> encryptedSeed, BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("secretKnowledgeDigest", block, cancellationToken, requester, encryptedSeed).ConfigureAwait(false)).Hash(0);

    public async Task<Hash256> SecretResponseDigestAsync(Address requester, ReadOnlyMemory<byte> encryptedSeed, BlockTag? block = null, CancellationToken cancellationToken = default) =>
        (await _invoker.CallAsync("secretResponseDigest", block, cancellationToken, requester, encryptedSeed).ConfigureAwait(false)).Hash(0);

    // ---- events ----

    /// <summary>The typed event of a log of this contract; null for another contract's log.</summary>
    public IContractEvent? DecodeEvent(RpcLog log) => Events.Decode(Address, log);

    /// <summary>The typed events of this contract in a receipt, in log order.</summary>
    public IReadOnlyList<IContractEvent> DecodeEvents(RpcReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return Events.DecodeAll(Address, receipt.Logs);
    }

    /// <summary>The typed events of this contract in a block range (<c>eth_getLogs</c>), in chain order.</summary>
    public async Task<IReadOnlyList<IContractEvent>> GetEventsAsync(BlockTag fromBlock, BlockTag toBlock, CancellationToken cancellationToken = default) =>
        Events.DecodeAll(Address, await _invoker.GetLogsAsync(fromBlock, toBlock, cancellationToken).ConfigureAwait(false));

    public SecretRequestedEvent DecodeSecretRequested(RpcLog log) => Events.DecodeRequired<SecretRequestedEvent>(Address, log);

    public bool TryDecodeSecretRequested(RpcLog log, [NotNullWhen(true)] out SecretRequestedEvent? @event) => Events.TryDecode(Address, log, out @event);

    public NetworkInitializedEvent DecodeNetworkInitialized(RpcLog log) => Events.DecodeRequired<NetworkInitializedEvent>(Address, log);

    public bool TryDecodeNetworkInitialized(RpcLog log, [NotNullWhen(true)] out NetworkInitializedEvent? @event) => Events.TryDecode(Address, log, out @event);

    public SecretRespondedEvent DecodeSecretResponded(RpcLog log) => Events.DecodeRequired<SecretRespondedEvent>(Address, log);

    public bool TryDecodeSecretResponded(RpcLog log, [NotNullWhen(true)] out SecretRespondedEvent? @event) => Events.TryDecode(Address, log, out @event);

    public StakeAddedEvent DecodeStakeAdded(RpcLog log) => Events.DecodeRequired<StakeAddedEvent>(Address, log);

    public bool TryDecodeStakeAdded(RpcLog log, [NotNullWhen(true)] out StakeAddedEvent? @event) => Events.TryDecode(Address, log, out @event);

    public UnbondRequestedEvent DecodeUnbondRequested(RpcLog log) => Events.DecodeRequired<UnbondRequestedEvent>(Address, log);

    public bool TryDecodeUnbondRequested(RpcLog log, [NotNullWhen(true)] out UnbondRequestedEvent? @event) => Events.TryDecode(Address, log, out @event);

    public StakeWithdrawnEvent DecodeStakeWithdrawn(RpcLog log) => Events.DecodeRequired<StakeWithdrawnEvent>(Address, log);

    public bool TryDecodeStakeWithdrawn(RpcLog log, [NotNullWhen(true)] out StakeWithdrawnEvent? @event) => Events.TryDecode(Address, log, out @event);

    public SlashedEvent DecodeSlashed(RpcLog log) => Events.DecodeRequired<SlashedEvent>(Address, log);

    public bool TryDecodeSlashed(RpcLog log, [NotNullWhen(true)] out SlashedEvent? @event) => Events.TryDecode(Address, log, out @event);

    public RevealParametersSetEvent DecodeRevealParametersSet(RpcLog log) => Events.DecodeRequired<RevealParametersSetEvent>(Address, log);

    public bool TryDecodeRevealParametersSet(RpcLog log, [NotNullWhen(true)] out RevealParametersSetEvent? @event) => Events.TryDecode(Address, log, out @event);

    public EndpointChangedEvent DecodeEndpointChanged(RpcLog log) => Events.DecodeRequired<EndpointChangedEvent>(Address, log);

    public bool TryDecodeEndpointChanged(RpcLog log, [NotNullWhen(true)] out EndpointChangedEvent? @event) => Events.TryDecode(Address, log, out @event);

    public MeasurementAcceptanceChangedEvent DecodeMeasurementAcceptanceChanged(RpcLog log) => Events.DecodeRequired<MeasurementAcceptanceChangedEvent>(Address, log);

    public bool TryDecodeMeasurementAcceptanceChanged(RpcLog log, [NotNullWhen(true)] out MeasurementAcceptanceChangedEvent? @event) => Events.TryDecode(Address, log, out @event);

    public AuthorityAcceptanceChangedEvent DecodeAuthorityAcceptanceChanged(RpcLog log) => Events.DecodeRequired<AuthorityAcceptanceChangedEvent>(Address, log);

    public bool TryDecodeAuthorityAcceptanceChanged(RpcLog log, [NotNullWhen(true)] out AuthorityAcceptanceChangedEvent? @event) => Events.TryDecode(Address, log, out @event);

    public ParameterChangedEvent DecodeParameterChanged(RpcLog log) => Events.DecodeRequired<ParameterChangedEvent>(Address, log);

    public bool TryDecodeParameterChanged(RpcLog log, [NotNullWhen(true)] out ParameterChangedEvent? @event) => Events.TryDecode(Address, log, out @event);

    public BreachDeclaredEvent DecodeBreachDeclared(RpcLog log) => Events.DecodeRequired<BreachDeclaredEvent>(Address, log);

    public bool TryDecodeBreachDeclared(RpcLog log, [NotNullWhen(true)] out BreachDeclaredEvent? @event) => Events.TryDecode(Address, log, out @event);

    public BreachClearedEvent DecodeBreachCleared(RpcLog log) => Events.DecodeRequired<BreachClearedEvent>(Address, log);

    public bool TryDecodeBreachCleared(RpcLog log, [NotNullWhen(true)] out BreachClearedEvent? @event) => Events.TryDecode(Address, log, out @event);

    public GovernanceTransferStartedEvent DecodeGovernanceTransferStarted(RpcLog log) => Events.DecodeRequired<GovernanceTransferStartedEvent>(Address, log);

    public bool TryDecodeGovernanceTransferStarted(RpcLog log, [NotNullWhen(true)] out GovernanceTransferStartedEvent? @event) => Events.TryDecode(Address, log, out @event);

    public GovernanceTransferredEvent DecodeGovernanceTransferred(RpcLog log) => Events.DecodeRequired<GovernanceTransferredEvent>(Address, log);

    public bool TryDecodeGovernanceTransferred(RpcLog log, [NotNullWhen(true)] out GovernanceTransferredEvent? @event) => Events.TryDecode(Address, log, out @event);
}
