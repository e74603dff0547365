using Obscuro.Contracts.Abi;
using Obscuro.Contracts.Bindings;
using Obscuro.Contracts.Deployment;
using Obscuro.Contracts.L1;
using Obscuro.Contracts.Rpc;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Execution;
using Obscuro.Protocol.Registration;

namespace Obscuro.Contracts.Tests.Management;

/// <summary>
/// One test's view of the shared chain: a locally signing <see cref="L1Sender"/> per account (created fresh, since the
/// chain was just reverted), bindings as any account, and the protocol steps the tests are made of.
/// </summary>
public sealed class ManagementScenario : IDisposable
{
    private static readonly L1SenderOptions SenderOptions = new()
    {
        PollInterval = TimeSpan.FromMilliseconds(2),
        Timeout = TimeSpan.FromSeconds(30),
    };

    private readonly ManagementFixture _fixture;
    private readonly Dictionary<Address, L1Sender> _senders = [];

    public ManagementScenario(ManagementFixture fixture)
    {
        _fixture = fixture;
        Rollups = new RollupFactory(this);
    }

    public ManagementFixture Fixture => _fixture;

    public EthRpcClient Rpc => _fixture.Rpc;

    public ulong ChainId => _fixture.ChainId;

    public ManagementContractAddresses Addresses => _fixture.Addresses;

    public RollupFactory Rollups { get; }

    /// <summary>Read-only bindings.</summary>
    public ManagementContracts Reader => ManagementContracts.Bind(Addresses, Rpc);

    /// <summary>Bindings whose writes are signed and sent by <paramref name="account"/>.</summary>
    public ManagementContracts As(L1Account account) => ManagementContracts.Bind(Addresses, Rpc, SenderOf(account));

    /// <summary>Bindings whose writes are mined even if they revert (see <see cref="IncludeRevertingSender"/>).</summary>
    public ManagementContracts IncludedAs(L1Account account) => ManagementContracts.Bind(Addresses, Rpc, new IncludeRevertingSender(SenderOf(account)));

    public L1Sender SenderOf(L1Account account)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (!_senders.TryGetValue(account.Address, out var sender))
        {
            sender = new L1Sender(Rpc, account.PrivateKey, SenderOptions);
            _senders.Add(account.Address, sender);
        }

        return sender;
    }

    // ---- registration and the shared secret ----

    /// <summary>What a node pays to register: the fee, plus the minimum stake for an aggregator.</summary>
    public static UInt256 RegistrationPayment(TestEnclave enclave)
    {
        ArgumentNullException.ThrowIfNull(enclave);
        var parameters = ManagementFixture.Parameters;
        return enclave.IsAggregator ? parameters.RegistrationFee + parameters.MinimumStake : parameters.RegistrationFee;
    }

    public Task<L1TransactionResult> RegisterAsync(TestEnclave enclave, L1Account operatorAccount, UInt256? payment = null) =>
        RegisterAsync(As(operatorAccount), enclave, payment);

    /// <summary>Registers <paramref name="enclave"/> through <paramref name="via"/>, whose sender is the operator the enclave signs for.</summary>
    public Task<L1TransactionResult> RegisterAsync(ManagementContracts via, TestEnclave enclave, UInt256? payment = null)
    {
        ArgumentNullException.ThrowIfNull(via);
        ArgumentNullException.ThrowIfNull(enclave);
        return via.NetworkManagement.RegisterAsync(
            enclave.PublicKey,
            enclave.AttestationToken,
            enclave.Measurement,
            enclave.Authority,
            enclave.IsAggregator,
            enclave.Endpoint,
            enclave.SignRegistration(ChainId, Addresses.NetworkManagement, OperatorOf(via)),
            payment ?? RegistrationPayment(enclave));
    }

    public Task<L1TransactionResult> InitializeNetworkAsync(TestEnclave first, L1Account operatorAccount) =>
        InitializeNetworkAsync(As(operatorAccount), first);

    /// <summary>The first node stores the network key and the seed encrypted to itself.</summary>
    public Task<L1TransactionResult> InitializeNetworkAsync(ManagementContracts via, TestEnclave first)
    {
        ArgumentNullException.ThrowIfNull(via);
        ArgumentNullException.ThrowIfNull(first);
        var encryptedSeed = _fixture.Secret.EncryptSeedTo(first, ChainId, Addresses.NetworkManagement);
        var (enclaveSignature, networkSignature) = _fixture.Secret.SignInitialization(first, encryptedSeed, ChainId, Addresses.NetworkManagement);
        return via.NetworkManagement.InitializeNetworkAsync(first.Address, _fixture.Secret.NetworkPublicKey, encryptedSeed, enclaveSignature, networkSignature);
    }

    public Task<L1TransactionResult> RespondSecretAsync(TestEnclave requester, TestEnclave responder, L1Account relayer) =>
        RespondSecretAsync(As(relayer), requester, responder);

    /// <summary>A provisioned responder hands the seed to a pending requester; <paramref name="via"/>'s sender relays it.</summary>
    public Task<L1TransactionResult> RespondSecretAsync(ManagementContracts via, TestEnclave requester, TestEnclave responder)
    {
        ArgumentNullException.ThrowIfNull(via);
        ArgumentNullException.ThrowIfNull(requester);
        ArgumentNullException.ThrowIfNull(responder);
        var encryptedSeed = _fixture.Secret.EncryptSeedTo(requester, ChainId, Addresses.NetworkManagement);
        var knowledge = _fixture.Secret.SignKnowledge(requester.Address, encryptedSeed, ChainId, Addresses.NetworkManagement);
        var response = RegistrationDigests.Sign(RegistrationDigests.SecretResponse(ChainId, Addresses.NetworkManagement, requester.Address, encryptedSeed), responder.Key);
        return via.NetworkManagement.RespondSecretAsync(requester.Address, encryptedSeed, knowledge, response);
    }

    /// <summary>Stage <see cref="ManagementStage.Network"/>: A initialises, B and C get the seed from A.</summary>
    public async Task ProvisionNetworkAsync()
    {
        var f = _fixture;
        await RegisterAsync(f.EnclaveA, f.Operator1);
        await InitializeNetworkAsync(f.EnclaveA, f.Operator1);
        await RegisterAsync(f.EnclaveB, f.Operator2);
        await RespondSecretAsync(f.EnclaveB, f.EnclaveA, f.Relayer);
        await RegisterAsync(f.EnclaveC, f.Operator3);
        await RespondSecretAsync(f.EnclaveC, f.EnclaveA, f.Relayer);
    }

    // ---- bridge ----

    private static Address OperatorOf(ManagementContracts via) =>
        via.NetworkManagement.Sender?.Account ?? throw new ArgumentException("The bindings have no sender.", nameof(via));

    /// <summary>Mints <paramref name="amount"/> test tokens to <paramref name="depositor"/>, approves the bridge and deposits them.</summary>
    public async Task<L1TransactionResult> DepositTokenAsync(L1Account depositor, UInt256 amount, Address l2Recipient)
    {
        var contracts = As(depositor);
        var token = contracts.TestToken ?? throw new InvalidOperationException("No test token was deployed.");
        await token.MintAsync(depositor.Address, amount);
        await token.ApproveAsync(Addresses.Bridge, amount);
        return await contracts.Bridge.DepositTokenAsync(token.Address, amount, l2Recipient);
    }

    // ---- blocks ----

    public Task<ulong> BlockNumberAsync() => Rpc.GetBlockNumberAsync();

    public async Task<RpcBlock> BlockAsync(ulong number) =>
        await Rpc.GetBlockByNumberAsync(BlockTag.At(number)) ?? throw new InvalidOperationException($"No block {number}.");

    /// <summary>Mines empty blocks so that the next transaction is executed in block <paramref name="target"/>.</summary>
    public async Task MineUntilNextBlockIsAsync(ulong target)
    {
        var latest = await BlockNumberAsync();
        if (target <= latest)
        {
            throw new InvalidOperationException($"Block {target} is already mined (latest is {latest}).");
        }

        if (target > latest + 1)
        {
            await Rpc.MineAsync(target - latest - 1);
        }
    }

    // ---- rejections ----

    /// <summary>
    /// Asserts that <paramref name="attack"/>, sent by <paramref name="caller"/>, is rejected with <paramref name="error"/>
    /// and <paramref name="expectedArguments"/>, and changes nothing. Two ways: first as the sender normally does it
    /// (the revert surfaces at estimation on the pending block, where <c>block.number</c> is that of the next block),
    /// then forced into a block with a fixed gas limit, where it must fail in the block and leave every probed view
    /// as it was. The in-block reason is the sender's replay on the previous block, so its arguments are compared only
    /// when they cannot depend on <c>block.number</c> (<paramref name="compareInBlockArguments"/>).
    /// </summary>
    public async Task AssertRejectedAsync(
        L1Account caller,
        Func<ManagementContracts, Task> attack,
        AbiError error,
        object?[] expectedArguments,
        ChainStateProbe? probe = null,
        bool compareInBlockArguments = true)
    {
        ArgumentNullException.ThrowIfNull(attack);
        probe ??= new ChainStateProbe(this);
        var before = await probe.CaptureAsync();

        var arguments = await RevertAssert.ThrowsAsync(error, () => attack(As(caller)));
        RevertAssert.ArgumentsEqual(error, expectedArguments, arguments);
        Assert.Equal(before, await probe.CaptureAsync());

        var latest = await BlockNumberAsync();
        var inBlock = await RevertAssert.ThrowsAsync(error, () => attack(IncludedAs(caller)));
        if (compareInBlockArguments)
        {
            RevertAssert.ArgumentsEqual(error, expectedArguments, inBlock);
        }

        var block = await BlockAsync(latest + 1);
        var receipt = Assert.Single((await Rpc.GetBlockReceiptsAsync(BlockTag.At(latest + 1)))!);
        Assert.False(receipt.Succeeded, $"The forced {error.Name} transaction did not fail in block {block.Number}.");
        Assert.Equal(caller.Address, receipt.From);
        Assert.Equal(before, await probe.CaptureAsync());
    }

    public void Dispose()
    {
        foreach (var sender in _senders.Values)
        {
            sender.Dispose();
        }

        _senders.Clear();
    }
}
