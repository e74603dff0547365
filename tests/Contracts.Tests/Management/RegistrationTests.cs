using Obscuro.Contracts.Bindings;
using Obscuro.Contracts.L1;
using Obscuro.Contracts.Rpc;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Registration;

namespace Obscuro.Contracts.Tests.Management;

/// <summary>
/// Registration, network initialisation and secret provisioning with real enclave keys, a real network key derived
/// from a master seed, and the seed ECIES-encrypted to each enclave; then the attacks on them.
/// </summary>
[Collection(SharedManagementChain.Name)]
public sealed class RegistrationTests(ManagementFixture fixture)
{
    private static readonly UInt256 Fee = ManagementFixture.Parameters.RegistrationFee;
    private static readonly UInt256 Stake = ManagementFixture.Parameters.MinimumStake;

    [Fact]
    public async Task Registers_initialises_and_provisions_the_network()
    {
        using var s = await fixture.StartAsync(ManagementStage.Deployed);
        var (a, b, c) = (fixture.EnclaveA, fixture.EnclaveB, fixture.EnclaveC);
        var nm = s.Reader.NetworkManagement;

        // A registers as an aggregator: fee + stake; the event asks the network for the secret.
        var registered = await s.RegisterAsync(a, fixture.Operator1);
        var request = Assert.Single(nm.DecodeEvents(registered.Receipt).OfType<SecretRequestedEvent>());
        Assert.Equal(a.Address, request.EnclaveAddress);
        Assert.Equal(fixture.Operator1.Address, request.Operator);
        Assert.Equal(a.PublicKey, request.EnclavePublicKey.ToArray());
        Assert.Equal(a.AttestationHash, request.AttestationHash);
        Assert.Equal((a.Measurement, a.Authority), (request.Measurement, request.Authority));
        Assert.True(request.IsAggregator);
        Assert.Equal(a.Endpoint, request.Endpoint);
        Assert.Equal(Stake, request.Stake);
        Assert.Equal(registered.Receipt.BlockNumber, request.Origin.BlockNumber);
        var pending = await nm.NodeInfoAsync(a.Address);
        Assert.Equal(NodeStatus.Pending, pending.Status);
        Assert.Equal((Stake, Fee, registered.Receipt.BlockNumber), (pending.Stake, pending.PendingFee, pending.RegisteredAt));
        Assert.False(pending.ActiveAggregator);

        // A initialises: the network key and the seed encrypted to A; A's fee comes back (nobody delivered to it).
        var operatorBefore = await s.Rpc.GetBalanceAsync(fixture.Operator1.Address, BlockTag.Latest);
        var initialised = await s.InitializeNetworkAsync(a, fixture.Operator1);
        var init = nm.DecodeNetworkInitialized(Assert.Single(initialised.Receipt.Logs));
        Assert.Equal((a.Address, fixture.Secret.NetworkKey.Address), (init.EnclaveAddress, init.NetworkAddress));
        Assert.Equal(fixture.Secret.NetworkPublicKey, init.NetworkPublicKey.ToArray());
        Assert.True(await nm.NetworkInitializedAsync());
        Assert.Equal(fixture.Secret.NetworkKey.Address, await nm.NetworkAddressAsync());
        Assert.Equal(fixture.Secret.NetworkPublicKey, await nm.NetworkPublicKeyAsync());
        Assert.Equal(operatorBefore + Fee - GasPaid(initialised), await s.Rpc.GetBalanceAsync(fixture.Operator1.Address, BlockTag.Latest));
        Assert.True(fixture.Secret.IsSeedFor(a, await nm.EncryptedSeedOfAsync(a.Address), s.ChainId, nm.Address));
        var provisioned = await nm.NodeInfoAsync(a.Address);
        Assert.Equal((NodeStatus.Provisioned, UInt256.Zero, true), (provisioned.Status, provisioned.PendingFee, provisioned.ActiveAggregator));

        // B (aggregator) and C (verifier) register; A delivers the seed to each; A's operator earns their fees.
        await s.RegisterAsync(b, fixture.Operator2);
        await s.RegisterAsync(c, fixture.Operator3);
        foreach (var requester in new[] { b, c })
        {
            var before = await s.Rpc.GetBalanceAsync(fixture.Operator1.Address, BlockTag.Latest);
            var responded = await s.RespondSecretAsync(requester, a, fixture.Relayer);
            var response = nm.DecodeSecretResponded(Assert.Single(responded.Receipt.Logs));
            Assert.Equal(new SecretRespondedEvent(requester.Address, a.Address, fixture.Operator1.Address, Fee, LogOrigin.Of(responded.Receipt.Logs[0])), response);
            Assert.Equal(before + Fee, await s.Rpc.GetBalanceAsync(fixture.Operator1.Address, BlockTag.Latest));
            Assert.True(await nm.IsProvisionedAsync(requester.Address));
            Assert.True(fixture.Secret.IsSeedFor(requester, await nm.EncryptedSeedOfAsync(requester.Address), s.ChainId, nm.Address));
        }

        // The seed sent to B opens only with B's key.
        var seedOfB = await nm.EncryptedSeedOfAsync(b.Address);
        Assert.Throws<CiphertextRejectedException>(() => Ecies.Decrypt(c.Key, seedOfB, NetworkSecret.SeedAssociatedData(s.ChainId, nm.Address, b.Address)));

        Assert.Equal(3UL, await nm.NodeCountAsync());
        Assert.Equal([a.Address, b.Address, c.Address], [await nm.NodeAtAsync(0), await nm.NodeAtAsync(1), await nm.NodeAtAsync(2)]);
        var aggregators = await nm.AggregatorsAsync();
        Assert.Equal(
            [new AggregatorInfo(a.Address, fixture.Operator1.Address, a.Endpoint, Stake, true, 0), new AggregatorInfo(b.Address, fixture.Operator2.Address, b.Endpoint, Stake, true, 0)],
            aggregators);
        Assert.Equal(2UL, await nm.AggregatorCountAsync());
        Assert.False(await nm.IsActiveAggregatorAsync(c.Address));
        Assert.Equal(Stake + Stake, await s.Rpc.GetBalanceAsync(nm.Address, BlockTag.Latest));
    }

    [Fact]
    public async Task A_second_respondSecret_is_rejected()
    {
        using var s = await fixture.StartAsync(ManagementStage.Network);
        await s.AssertRejectedAsync(
            fixture.Relayer,
            c => s.RespondSecretAsync(c, fixture.EnclaveB, fixture.EnclaveA),
            NetworkManagementErrors.SecretAlreadyProvided,
            [fixture.EnclaveB.Address],
            new ChainStateProbe(s).WithAccounts(fixture.Operator1.Address, fixture.Operator2.Address));
    }

    [Fact]
    public async Task A_response_with_a_bad_knowledge_signature_is_rejected()
    {
        using var s = await fixture.StartAsync(ManagementStage.Network);
        using var d = TestEnclave.Create("D", isAggregator: false);
        await s.RegisterAsync(d, fixture.Outsider);

        // The responder is genuine, but the knowledge signature is by an enclave key, not the network key.
        await s.AssertRejectedAsync(
            fixture.Relayer,
            c =>
            {
                var seed = fixture.Secret.EncryptSeedTo(d, s.ChainId, s.Addresses.NetworkManagement);
                var forged = RegistrationDigests.Sign(RegistrationDigests.SecretKnowledge(s.ChainId, s.Addresses.NetworkManagement, d.Address, seed), fixture.EnclaveA.Key);
                var response = RegistrationDigests.Sign(RegistrationDigests.SecretResponse(s.ChainId, s.Addresses.NetworkManagement, d.Address, seed), fixture.EnclaveA.Key);
                return c.NetworkManagement.RespondSecretAsync(d.Address, seed, forged, response);
            },
            NetworkManagementErrors.InvalidKnowledgeSignature,
            [fixture.EnclaveA.Address, fixture.Secret.NetworkKey.Address],
            new ChainStateProbe(s).WithNodes(d.Address).WithAccounts(fixture.Operator1.Address));
    }

    [Fact]
    public async Task A_response_by_an_unprovisioned_enclave_is_rejected()
    {
        using var s = await fixture.StartAsync(ManagementStage.Network);
        using var d = TestEnclave.Create("D", isAggregator: false);
        using var e = TestEnclave.Create("E", isAggregator: false);
        await s.RegisterAsync(d, fixture.Outsider);
        await s.RegisterAsync(e, fixture.Attacker);

        // E knows the network key's signature (say, replayed) but is itself still pending.
        await s.AssertRejectedAsync(
            fixture.Attacker,
            c => s.RespondSecretAsync(c, d, e),
            NetworkManagementErrors.ResponderNotEligible,
            [e.Address],
            new ChainStateProbe(s).WithNodes(d.Address, e.Address).WithAccounts(fixture.Outsider.Address));
    }

    [Fact]
    public async Task A_registration_copied_by_another_operator_is_rejected()
    {
        using var s = await fixture.StartAsync(ManagementStage.Deployed);
        var a = fixture.EnclaveA;
        var signature = a.SignRegistration(s.ChainId, s.Addresses.NetworkManagement, fixture.Operator1.Address);

        // The attacker front-runs A's registration with A's own signature: the digest names the attacker as operator.
        var digest = RegistrationDigests.Register(s.ChainId, s.Addresses.NetworkManagement, fixture.Attacker.Address, a.PublicKey, a.AttestationHash, a.Measurement, a.Authority, true, a.Endpoint);
        var recovered = Recover(digest, signature);
        Assert.NotEqual(a.Address, recovered);
        await s.AssertRejectedAsync(
            fixture.Attacker,
            c => c.NetworkManagement.RegisterAsync(a.PublicKey, a.AttestationToken, a.Measurement, a.Authority, true, a.Endpoint, signature, ManagementScenario.RegistrationPayment(a)),
            NetworkManagementErrors.SignerMismatch,
            [a.Address, recovered]);
    }

    [Fact]
    public async Task Registration_needs_an_attestation_token_of_bounded_length()
    {
        using var s = await fixture.StartAsync(ManagementStage.Deployed);
        var a = fixture.EnclaveA;
        var maximum = await s.Reader.NetworkManagement.MaxAttestationLengthAsync();
        foreach (var token in new[] { Array.Empty<byte>(), new byte[maximum + 1] })
        {
            var signature = RegistrationDigests.Sign(
                RegistrationDigests.Register(s.ChainId, s.Addresses.NetworkManagement, fixture.Operator1.Address, a.PublicKey, Keccak256.Hash(token), a.Measurement, a.Authority, true, a.Endpoint),
                a.Key);
            await s.AssertRejectedAsync(
                fixture.Operator1,
                c => c.NetworkManagement.RegisterAsync(a.PublicKey, token, a.Measurement, a.Authority, true, a.Endpoint, signature, ManagementScenario.RegistrationPayment(a)),
                NetworkManagementErrors.InvalidAttestationLength,
                [new UInt256((ulong)token.Length)],
                new ChainStateProbe(s).WithNodes(a.Address));
        }
    }

    [Fact]
    public async Task Registration_needs_an_accepted_measurement_and_enough_stake()
    {
        using var s = await fixture.StartAsync(ManagementStage.Deployed);
        var unknown = Keccak256.Hash("an enclave build nobody accepted"u8);
        using var rogue = TestEnclave.Create("rogue", isAggregator: true, measurement: unknown);
        await s.AssertRejectedAsync(
            fixture.Attacker,
            c => s.RegisterAsync(c, rogue),
            NetworkManagementErrors.MeasurementNotAccepted,
            [unknown],
            new ChainStateProbe(s).WithNodes(rogue.Address));

        using var poor = TestEnclave.Create("poor", isAggregator: true);
        await s.AssertRejectedAsync(
            fixture.Outsider,
            c => s.RegisterAsync(c, poor, Fee + Stake - UInt256.One),
            NetworkManagementErrors.InsufficientStake,
            [Stake, Stake - UInt256.One],
            new ChainStateProbe(s).WithNodes(poor.Address));
    }

    [Fact]
    public async Task Only_the_first_node_operator_initialises_and_only_once()
    {
        using var s = await fixture.StartAsync(ManagementStage.Deployed);
        await s.RegisterAsync(fixture.EnclaveA, fixture.Operator1);
        await s.AssertRejectedAsync(
            fixture.Attacker,
            c => s.InitializeNetworkAsync(c, fixture.EnclaveA),
            NetworkManagementErrors.NotNodeOperator,
            [fixture.EnclaveA.Address, fixture.Attacker.Address]);

        await s.InitializeNetworkAsync(fixture.EnclaveA, fixture.Operator1);
        await s.RegisterAsync(fixture.EnclaveB, fixture.Operator2);
        await s.AssertRejectedAsync(
            fixture.Operator2,
            c => s.InitializeNetworkAsync(c, fixture.EnclaveB),
            NetworkManagementErrors.NetworkAlreadyInitialized,
            []);
    }

    private static UInt256 GasPaid(L1TransactionResult result) => new UInt256(result.Receipt.GasUsed) * result.Receipt.EffectiveGasPrice;

    private static Address Recover(Hash256 digest, byte[] signature)
    {
        var compact = (byte[])signature.Clone();
        compact[64] -= 27;
        Assert.True(Secp256k1.TryRecoverAddress(digest.ToArray(), compact, out var signer));
        return signer;
    }
}
