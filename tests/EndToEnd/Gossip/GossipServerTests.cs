using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Obscuro.Grains.Node;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Gossip;
using Obscuro.Silo.Gossip;

namespace Obscuro.EndToEnd.Tests.Gossip;

/// <summary>The gossip endpoint over real HTTP (Kestrel on a free loopback port): status codes and error bodies on the wire.</summary>
public sealed class GossipServerTests : IAsyncLifetime, IDisposable
{
    private const ulong ChainId = 31337;
    private static readonly Address NetworkManagement = Address.Parse("0x1000000000000000000000000000000000000001");
    private static readonly Address RollupManagement = Address.Parse("0x2000000000000000000000000000000000000002");

    private readonly Protocol.Crypto.Secp256k1KeyPair _operator = GossipInboxTests.Key(5);
    private readonly Protocol.Crypto.Secp256k1KeyPair _enclave = GossipInboxTests.Key(6);
    private readonly GossipInboxTests.RecordingSink _sink = new();
    private readonly HttpClient _http = new();
    private GossipServer? _server;

    public async Task InitializeAsync()
    {
        var peers = new GossipInboxTests.StaticPeers { Peers = [new PeerInfo(_enclave.Address, _operator.Address, true, true, "http://127.0.0.1:1")] };
        var options = new GossipOptions { MaxTransactionBytes = 1024, MaxCandidateBytes = 64 * 1024 };
        var inbox = new GossipInbox(peers, _sink, options, ChainId, NetworkManagement, RollupManagement, TimeProvider.System);
        _server = new GossipServer(inbox, new IPEndPoint(IPAddress.Loopback, 0), NullLogger<GossipServer>.Instance);
        await _server.StartAsync(default);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.StopAsync(default);
            await _server.DisposeAsync();
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _operator.Dispose();
        _enclave.Dispose();
    }

    [Fact]
    public async Task A_signed_transaction_is_202_and_a_replay_of_it_is_409_with_a_reason()
    {
        var sequence = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        using (var first = await PostAsync(GossipKind.Transaction, [1, 2, 3], sequence))
        {
            Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        }

        using var replay = await PostAsync(GossipKind.Transaction, [1, 2, 3], sequence);
        Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
        using var error = JsonDocument.Parse(await replay.Content.ReadAsStringAsync());
        Assert.Equal("Replay", error.RootElement.GetProperty("error").GetString());
        Assert.Single(_sink.Transactions);
    }

    [Fact]
    public async Task A_candidate_travels_as_publishRollup_calldata()
    {
        using var response = await PostAsync(GossipKind.Candidate, GossipInboxTests.Candidate(_enclave), (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(_enclave.Address, Assert.Single(_sink.Candidates).Aggregator);
    }

    [Fact]
    public async Task An_oversized_body_is_413_and_an_unsigned_request_401()
    {
        using (var oversized = await PostAsync(GossipKind.Transaction, new byte[4096], (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversized.StatusCode);
        }

        using var unsigned = await _http.PostAsync(new Uri(_server!.BaseUri!, GossipPaths.Transactions), new ByteArrayContent([1]));
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Empty(_sink.Transactions);
    }

    private async Task<HttpResponseMessage> PostAsync(GossipKind kind, byte[] body, ulong sequence)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_server!.BaseUri!, GossipPaths.Of(kind))) { Content = new ByteArrayContent(body) };
        request.Headers.Add(GossipPaths.SequenceHeader, sequence.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(GossipPaths.SignatureHeader, Hex.Encode(GossipSignature.Sign(_operator, ChainId, NetworkManagement, kind, sequence, body)));
        return await _http.SendAsync(request);
    }
}
