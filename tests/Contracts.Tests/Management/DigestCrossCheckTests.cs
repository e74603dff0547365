using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Execution;
using Obscuro.Protocol.Registration;
using Obscuro.Protocol.Rollups;

namespace Obscuro.Contracts.Tests.Management;

/// <summary>
/// The C# computations the enclave signs (Protocol: RegistrationDigests, RollupHeader.Hash and SigningHash) against
/// the contracts' own digest views on a real chain, so neither side can drift from FORMATS.md alone.
/// </summary>
[Collection(SharedManagementChain.Name)]
public sealed class DigestCrossCheckTests(ManagementFixture fixture)
{
    public static TheoryData<bool, string> Registrations => new()
    {
        { true, "a.example:7100" },
        { false, string.Empty },
        { true, "ünïcödé-endpoint.example:1" },
        { false, new string('x', 256) },
    };

    [Theory]
    [MemberData(nameof(Registrations))]
    public async Task Register_digest_matches_the_contract(bool isAggregator, string endpoint)
    {
        using var s = await fixture.StartAsync(ManagementStage.Deployed);
        var e = fixture.EnclaveA;
        var nm = s.Reader.NetworkManagement;
        var expected = await nm.RegisterDigestAsync(fixture.Operator1.Address, e.PublicKey, e.AttestationHash, e.Measurement, e.Authority, isAggregator, endpoint);
        var computed = RegistrationDigests.Register(s.ChainId, nm.Address, fixture.Operator1.Address, e.PublicKey, e.AttestationHash, e.Measurement, e.Authority, isAggregator, endpoint);
        Assert.Equal(expected, computed);

        // Each field is bound: another operator, role or endpoint is another digest.
        Assert.NotEqual(computed, RegistrationDigests.Register(s.ChainId, nm.Address, fixture.Operator2.Address, e.PublicKey, e.AttestationHash, e.Measurement, e.Authority, isAggregator, endpoint));
        Assert.NotEqual(computed, RegistrationDigests.Register(s.ChainId, nm.Address, fixture.Operator1.Address, e.PublicKey, e.AttestationHash, e.Measurement, e.Authority, !isAggregator, endpoint));
        Assert.NotEqual(computed, RegistrationDigests.Register(s.ChainId + 1, nm.Address, fixture.Operator1.Address, e.PublicKey, e.AttestationHash, e.Measurement, e.Authority, isAggregator, endpoint));
    }

    [Fact]
    public async Task Initialize_and_secret_digests_match_the_contract()
    {
        using var s = await fixture.StartAsync(ManagementStage.Deployed);
        var nm = s.Reader.NetworkManagement;
        var seed = fixture.Secret.EncryptSeedTo(fixture.EnclaveB, s.ChainId, nm.Address);

        Assert.Equal(
            await nm.InitializeDigestAsync(fixture.EnclaveA.Address, fixture.Secret.NetworkPublicKey, seed),
            RegistrationDigests.Initialize(s.ChainId, nm.Address, fixture.EnclaveA.Address, fixture.Secret.NetworkPublicKey, seed));
        Assert.Equal(
            await nm.SecretKnowledgeDigestAsync(fixture.EnclaveB.Address, seed),
            RegistrationDigests.SecretKnowledge(s.ChainId, nm.Address, fixture.EnclaveB.Address, seed));
        Assert.Equal(
            await nm.SecretResponseDigestAsync(fixture.EnclaveB.Address, seed),
            RegistrationDigests.SecretResponse(s.ChainId, nm.Address, fixture.EnclaveB.Address, seed));

        // The two secret digests differ only by their tag: a knowledge signature is never a response signature.
        Assert.NotEqual(
            RegistrationDigests.SecretKnowledge(s.ChainId, nm.Address, fixture.EnclaveB.Address, seed),
            RegistrationDigests.SecretResponse(s.ChainId, nm.Address, fixture.EnclaveB.Address, seed));
    }

    public static TheoryData<int, int, int> HeaderShapes => new()
    {
        { 0, 0, 0 },
        { 1, 1, 5 },
        { 3, 2, 200 },
        { 17, 0, 1 },
    };

    [Theory]
    [MemberData(nameof(HeaderShapes))]
    public async Task Rollup_hash_and_signing_hash_match_the_contract(int withdrawals, int rewards, int layoutSize)
    {
        using var s = await fixture.StartAsync(ManagementStage.Deployed);
        var rm = s.Reader.RollupManagement;
        var header = Header(withdrawals, rewards, layoutSize);

        Assert.Equal(await rm.RollupHashOfAsync(header), header.Hash);
        Assert.Equal(await rm.SigningHashOfAsync(header.Hash), header.SigningHash(s.ChainId, rm.Address));
        Assert.NotEqual(header.SigningHash(s.ChainId, rm.Address), header.SigningHash(s.ChainId, fixture.Addresses.Bridge));
    }

    private static RollupHeader Header(int withdrawals, int rewards, int layoutSize)
    {
        static Hash256 H(string label) => Keccak256.Hash(System.Text.Encoding.UTF8.GetBytes(label));
        static Address A(string label) => new(H(label).ToArray().AsSpan(12));
        return new RollupHeader(
            H("parent"),
            uint.MaxValue,
            ulong.MaxValue,
            H("inclusion"),
            ulong.MaxValue - 1,
            H("dependency"),
            A("aggregator"),
            UInt256.MaxValue,
            H("state"),
            H("blob"),
            RollupFactory.Blob("layout", layoutSize),
            Enumerable.Range(0, withdrawals).Select(i => new Withdrawal(A($"recipient {i}"), i % 2 == 0 ? Address.Zero : A("token"), new UInt256((ulong)i * 1_000_000_007UL))).ToArray(),
            Enumerable.Range(0, rewards).Select(i => new Reward(A($"rewarded {i}"), UInt256.MaxValue - new UInt256((ulong)i))).ToArray());
    }
}
