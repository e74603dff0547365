using Obscuro.Contracts.Bindings;
using Obscuro.Grains.Node;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Gossip;
using Obscuro.Protocol.Rollups;
using Obscuro.Silo.Gossip;

namespace Obscuro.EndToEnd.Tests.Gossip;

/// <summary>Every rejection of the gossip endpoint's verification, each with its precise status, and that nothing rejected is used.</summary>
public sealed class GossipInboxTests : IDisposable
{
    private const ulong ChainId = 31337;
    private static readonly Address NetworkManagement = Address.Parse("0x1000000000000000000000000000000000000001");
    private static readonly Address RollupManagement = Address.Parse("0x2000000000000000000000000000000000000002");

    private readonly Secp256k1KeyPair _peerOperator = Key(1);
    private readonly Secp256k1KeyPair _peerEnclave = Key(2);
    private readonly Secp256k1KeyPair _stranger = Key(3);
    private readonly Secp256k1KeyPair _unprovisionedEnclave = Key(4);
    private readonly FakeClock _clock = new(DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000));
    private readonly RecordingSink _sink = new();
    private readonly StaticPeers _peers = new();
    private readonly GossipOptions _options = new() { MaxCandidateBytes = 4096, MaxTransactionBytes = 256, RatePerSecond = 1, Burst = 3, Freshness = TimeSpan.FromMinutes(2) };

    public GossipInboxTests()
    {
        _peers.Peers =
        [
            new PeerInfo(_peerEnclave.Address, _peerOperator.Address, IsAggregator: true, Provisioned: true, "http://127.0.0.1:1"),
            new PeerInfo(_unprovisionedEnclave.Address, _stranger.Address, IsAggregator: false, Provisioned: false, string.Empty),
        ];
    }

    private GossipInbox Inbox => new(_peers, _sink, _options, ChainId, NetworkManagement, RollupManagement, _clock);

    public void Dispose()
    {
        _peerOperator.Dispose();
        _peerEnclave.Dispose();
        _stranger.Dispose();
        _unprovisionedEnclave.Dispose();
    }

    [Fact]
    public async Task A_signed_transaction_from_a_registered_aggregator_is_accepted_and_passed_to_the_mempool()
    {
        var verdict = await SendAsync(Inbox, GossipKind.Transaction, [1, 2, 3], _peerOperator);
        Assert.Equal(202, verdict.Status);
        Assert.Single(_sink.Transactions);
    }

    [Fact]
    public async Task A_valid_candidate_is_accepted_and_entered_in_its_round()
    {
        var verdict = await SendAsync(Inbox, GossipKind.Candidate, Candidate(_peerEnclave), _peerOperator);
        Assert.Equal(202, verdict.Status);
        var candidate = Assert.Single(_sink.Candidates);
        Assert.Equal(_peerEnclave.Address, candidate.Aggregator);
        Assert.Equal(7UL, candidate.Generation);
    }

    [Fact]
    public async Task An_oversized_body_is_413_before_anything_else_is_checked()
    {
        var verdict = await Inbox.ReceiveAsync(GossipKind.Transaction, null, null, new byte[257], default);
        Assert.Equal((413, GossipRejection.Oversized), (verdict.Status, verdict.Rejection));
        Assert.Empty(_sink.Transactions);
    }

    [Fact]
    public async Task Missing_or_malformed_authentication_is_401()
    {
        var inbox = Inbox;
        Assert.Equal(401, (await inbox.ReceiveAsync(GossipKind.Transaction, null, "0x00", [1], default)).Status);
        Assert.Equal(401, (await inbox.ReceiveAsync(GossipKind.Transaction, "12", "not hex", [1], default)).Status);
        Assert.Equal(401, (await inbox.ReceiveAsync(GossipKind.Transaction, "12", "0x" + new string('1', 130), [1], default)).Status);
        Assert.Equal(GossipRejection.Unauthenticated, (await inbox.ReceiveAsync(GossipKind.Transaction, "12", null, [1], default)).Rejection);
        Assert.Empty(_sink.Transactions);
    }

    [Fact]
    public async Task A_signature_over_other_bytes_recovers_someone_unknown_and_is_403()
    {
        var sequence = Now;
        var signature = GossipSignature.Sign(_peerOperator, ChainId, NetworkManagement, GossipKind.Transaction, sequence, [9, 9]);
        var verdict = await Inbox.ReceiveAsync(GossipKind.Transaction, sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), Hex.Encode(signature), [1, 2], default);
        Assert.Equal((403, GossipRejection.UnknownPeer), (verdict.Status, verdict.Rejection));
        Assert.Empty(_sink.Transactions);
    }

    [Fact]
    public async Task An_operator_that_registered_no_aggregator_is_an_unknown_peer()
    {
        var verdict = await SendAsync(Inbox, GossipKind.Transaction, [1], _stranger);
        Assert.Equal((403, GossipRejection.UnknownPeer), (verdict.Status, verdict.Rejection));
        Assert.True(_peers.Refreshes > 0, "an unknown sender makes the inbox read the registry again before refusing");
    }

    [Fact]
    public async Task A_repeated_sequence_and_one_outside_the_freshness_window_are_replays_409()
    {
        var inbox = Inbox;
        var sequence = Now;
        Assert.Equal(202, (await SendAsync(inbox, GossipKind.Transaction, [1], _peerOperator, sequence)).Status);
        var again = await SendAsync(inbox, GossipKind.Transaction, [1], _peerOperator, sequence);
        Assert.Equal((409, GossipRejection.Replay), (again.Status, again.Rejection));
        var stale = await SendAsync(inbox, GossipKind.Transaction, [2], _peerOperator, Now - 3 * 60 * 1000);
        Assert.Equal((409, GossipRejection.Replay), (stale.Status, stale.Rejection));
        Assert.Single(_sink.Transactions);
    }

    [Fact]
    public async Task A_peer_over_its_rate_is_429_until_its_bucket_refills()
    {
        var inbox = Inbox;
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(202, (await SendAsync(inbox, GossipKind.Transaction, [(byte)i], _peerOperator, Now + (ulong)i)).Status);
        }

        var limited = await SendAsync(inbox, GossipKind.Transaction, [3], _peerOperator, Now + 3);
        Assert.Equal((429, GossipRejection.RateLimited), (limited.Status, limited.Rejection));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(202, (await SendAsync(inbox, GossipKind.Transaction, [4], _peerOperator, Now)).Status);
    }

    [Fact]
    public async Task A_body_that_is_not_publishRollup_calldata_is_400()
    {
        var verdict = await SendAsync(Inbox, GossipKind.Candidate, [1, 2, 3, 4, 5], _peerOperator);
        Assert.Equal((400, GossipRejection.Malformed), (verdict.Status, verdict.Rejection));
        Assert.Empty(_sink.Candidates);
    }

    [Fact]
    public async Task Candidates_signed_by_an_unregistered_or_unprovisioned_enclave_or_not_by_their_aggregator_are_422()
    {
        var inbox = Inbox;
        var unregistered = await SendAsync(inbox, GossipKind.Candidate, Candidate(_stranger), _peerOperator, Now);
        Assert.Equal((422, GossipRejection.InvalidCandidate), (unregistered.Status, unregistered.Rejection));
        Assert.Contains("not a registered, provisioned aggregator", unregistered.Message, StringComparison.Ordinal);

        var unprovisioned = await SendAsync(inbox, GossipKind.Candidate, Candidate(_unprovisionedEnclave), _peerOperator, Now + 1);
        Assert.Equal(422, unprovisioned.Status);

        var forged = await SendAsync(inbox, GossipKind.Candidate, Candidate(_stranger, claimedAggregator: _peerEnclave.Address), _peerOperator, Now + 2);
        Assert.Equal(422, forged.Status);
        Assert.Contains("not by the aggregator", forged.Message, StringComparison.Ordinal);

        _clock.Advance(TimeSpan.FromSeconds(1)); // the peer's burst is 3
        var wrongBlob = await SendAsync(inbox, GossipKind.Candidate, Candidate(_peerEnclave, tamperBlob: true), _peerOperator, Now);
        Assert.Equal(422, wrongBlob.Status);
        Assert.Contains("blob", wrongBlob.Message, StringComparison.Ordinal);
        Assert.Empty(_sink.Candidates);
    }

    [Fact]
    public async Task Before_the_node_has_read_the_registry_everything_is_503()
    {
        _peers.Peers = [];
        var verdict = await SendAsync(Inbox, GossipKind.Transaction, [1], _peerOperator);
        Assert.Equal(503, verdict.Status);
        Assert.Empty(_sink.Transactions);
    }

    private ulong Now => (ulong)_clock.GetUtcNow().ToUnixTimeMilliseconds();

    private Task<GossipVerdict> SendAsync(GossipInbox inbox, GossipKind kind, byte[] body, ISigner sender, ulong? sequence = null)
    {
        var number = sequence ?? Now;
        var signature = GossipSignature.Sign(sender, ChainId, NetworkManagement, kind, number, body);
        return inbox.ReceiveAsync(kind, number.ToString(System.Globalization.CultureInfo.InvariantCulture), Hex.Encode(signature), body, default);
    }

    /// <summary>publishRollup calldata of a generation-7 candidate signed by <paramref name="enclave"/>.</summary>
    internal static byte[] Candidate(Secp256k1KeyPair enclave, Address? claimedAggregator = null, bool tamperBlob = false)
    {
        byte[] blob = [0xB1, 0x0B];
        var header = new RollupHeader(
            Keccak256.Hash("parent"u8), 7, 100, Keccak256.Hash("inclusion"u8), 101, Keccak256.Hash("dependency"u8),
            claimedAggregator ?? enclave.Address, new UInt256(42), Keccak256.Hash("state"u8), Keccak256.Hash(blob), [1, 2, 3], [], []);
        var signature = enclave.Sign(header.SigningHash(ChainId, RollupManagement).ToArray());
        signature[64] += 27;
        return RollupManagementContract.EncodePublishRollupCall(header, tamperBlob ? [0xFF] : blob, signature);
    }

    internal static Secp256k1KeyPair Key(byte seed)
    {
        var key = new byte[32];
        key[31] = seed;
        key[0] = 0x11;
        return Secp256k1KeyPair.FromPrivateKey(key);
    }

    internal sealed class StaticPeers : IPeerSource
    {
        public IReadOnlyList<PeerInfo> Peers { get; set; } = [];

        public int Refreshes { get; private set; }

        public Task<IReadOnlyList<PeerInfo>> GetPeersAsync(bool refresh, CancellationToken cancellationToken)
        {
            if (refresh)
            {
                Refreshes++;
            }

            return Task.FromResult(Peers);
        }
    }

    internal sealed class RecordingSink : IGossipSink
    {
        public List<RollupEnvelope> Candidates { get; } = [];

        public List<byte[]> Transactions { get; } = [];

        public Task AcceptCandidateAsync(RollupEnvelope candidate)
        {
            Candidates.Add(candidate);
            return Task.CompletedTask;
        }

        public Task AcceptTransactionAsync(byte[] ciphertext)
        {
            Transactions.Add(ciphertext);
            return Task.CompletedTask;
        }
    }

    internal sealed class FakeClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
