using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Obscuro.Contracts.Bindings;
using Obscuro.EndToEnd.Tests.Infrastructure;
using Obscuro.Grains.Attestation;
using Obscuro.Grains.Node;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Registration;
using Obscuro.Silo.Devnet;
using Obscuro.Silo.Tee;
using Obscuro.Silo.Tee.Simulated;

namespace Obscuro.EndToEnd.Tests.Join;

/// <summary>
/// Joining a running network (spec "Node Registration"): each node's enclave registers with a token from the devnet's
/// attestation authority, a provisioned enclave validates it from the verified L1 block and sends the seed encrypted to
/// the registered key; the newcomer checks it against the network key on L1 and replays L1 to the common head. Tokens
/// that fail validation get no seed, and both sides say why.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class JoinTests(JoinFixture devnet) : IClassFixture<JoinFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Three_nodes_join_one_after_another_and_reach_the_same_rollup_head()
    {
        var genesis = await DevnetFixture.WaitForStatusAsync(devnet.Aggregator, IsFollowing, Timeout, "provisioned, with a rollup head");
        var network = genesis.Enclave!.NetworkAddress;
        Assert.Equal(Address.FromPublicKey(await NetworkManagement.NetworkPublicKeyAsync()), network);

        var joiners = new[]
        {
            new DevnetFixtureNode("aggregator-2", true, false, 2),
            new DevnetFixtureNode("verifier-2", false, false, 3),
            new DevnetFixtureNode("aggregator-3", true, false, 4),
        };
        var nodes = new List<DevnetNode> { devnet.Aggregator };
        foreach (var joiner in joiners)
        {
            // One after another: each joins a network where every earlier node holds the seed and may answer first.
            var node = await devnet.StartNodeAsync(joiner);
            var status = await DevnetFixture.WaitForStatusAsync(node, IsFollowing, Timeout, "provisioned, with a rollup head");
            Assert.Equal(network, status.Enclave!.NetworkAddress);
            var onL1 = await NetworkManagement.NodeInfoAsync(status.Enclave.EnclaveAddress);
            Assert.Equal(Contracts.Bindings.NodeStatus.Provisioned, onL1.Status);
            nodes.Add(node);
        }

        // Every node, old and new, on one head: the newcomers caught up by replaying L1.
        var deadline = DateTime.UtcNow + Timeout;
        Grains.Node.NodeStatus[] statuses;
        while (true)
        {
            statuses = await Task.WhenAll(nodes.Select(n => n.Api.GetStatusAsync()));
            if (statuses.All(s => s.HeadRollup == statuses[0].HeadRollup && !s.HeadRollup.IsZero)) break;
            Assert.True(DateTime.UtcNow < deadline, "the nodes did not reach one rollup head: " + string.Join("; ", statuses.Select(s => $"{s.NodeId} {s.HeadGeneration} {s.HeadRollup}")));
            await Task.Delay(200);
        }

        Assert.All(statuses, s => Assert.Null(s.Enclave!.WaitingFor));
    }

    [Fact]
    public async Task Nodes_whose_attestation_fails_validation_get_no_seed_and_see_why()
    {
        await DevnetFixture.WaitForStatusAsync(devnet.Aggregator, IsFollowing, Timeout, "provisioned, with a rollup head");
        var authority = (await DevnetL1.AttestationAuthorityAsync()).Authority;
        await using var rogue = await SimulatedAttestationAuthorityHost.StartAsync(new IPEndPoint(IPAddress.Loopback, 0));
        var launch = SimulatedTeeSettings.DefaultLaunchMeasurement;

        var unknownAuthority = Spec("refused-authority", 5);
        var expired = Spec("refused-expired", 6);
        var wrongMeasurement = Spec("refused-measurement", 7);
        var keyMismatch = Spec("refused-key", 8);
        var expiredKey = EnclavePublicKey(expired);
        using var otherKey = Secp256k1KeyPair.Generate(SystemRandomSource.Instance);

        var cases = new (DevnetNodeSpec Spec, Dictionary<string, string?> Config, AttestationRejection Expected)[]
        {
            // (a) A TEE attested by an authority governance never accepted (the node registers the accepted id anyway).
            (unknownAuthority, new() { ["Obscuro:Simulated:AttestationAuthority"] = rogue.Authority.Issuer }, AttestationRejection.WrongIssuer),

            // (b) A token from the accepted authority, for this enclave's key, that expired before it was registered.
            (expired, new() { ["Obscuro:Node:Registration:AttestationToken"] = TokenHex(authority.IssueSimulatedToken(expiredKey, Nonce(expired), launch, DateTimeOffset.UtcNow.AddHours(-9))) },
                AttestationRejection.Expired),

            // (c) An enclave whose launch measurement governance did not accept.
            (wrongMeasurement, new() { ["Obscuro:Simulated:LaunchMeasurement"] = Convert.ToHexStringLower(SHA384.HashData("a modified enclave"u8)) }, AttestationRejection.MeasurementNotAllowed),

            // (d) A valid token for another enclave key than the one registered.
            (keyMismatch, new() { ["Obscuro:Node:Registration:AttestationToken"] = TokenHex(authority.IssueSimulatedToken(otherKey.PublicKey, Nonce(keyMismatch), launch)) },
                AttestationRejection.UserDataMismatch),
        };

        var started = new List<AttestedNode>();
        try
        {
            foreach (var (spec, config, _) in cases)
            {
                started.Add(await AttestedNode.StartAsync(spec, config));
            }

            // The requester's operator sees the refusal and its reason in the node's status.
            var refused = new List<Grains.Node.NodeStatus>();
            for (var i = 0; i < cases.Length; i++)
            {
                var expected = cases[i].Expected.ToString();
                refused.Add(await WaitForStatusAsync(
                    started[i], s => s.Enclave?.WaitingFor is { } w && w.Contains("refused", StringComparison.Ordinal) && w.Contains(expected, StringComparison.Ordinal),
                    $"a status naming the refusal ({expected})"));
            }

            // The responder records each refusal, in public words, in its log.
            var responderLog = Path.Combine(devnet.Aggregator.Spec.DataDirectory, "silo.log");
            foreach (var (status, expected) in refused.Zip(cases.Select(c => c.Expected)))
            {
                var line = $"Withholding the master seed from registered enclave {status.Enclave!.EnclaveAddress}";
                await PollAsync(() => Task.FromResult(ReadShared(responderLog)), log => log.Split('\n').Any(l => l.Contains(line, StringComparison.Ordinal) && l.Contains(expected.ToString(), StringComparison.Ordinal)),
                    $"the responder's log line for {status.NodeId}");
            }

            // No seed: several blocks later every one of them is still pending on L1 and unprovisioned.
            var from = (await devnet.Aggregator.Api.GetStatusAsync()).L1Head;
            await DevnetFixture.WaitForStatusAsync(devnet.Aggregator, s => s.L1Head >= from + 5, Timeout, "five more L1 blocks");
            foreach (var (node, status) in started.Zip(refused))
            {
                var now = await node.Api.GetStatusAsync();
                Assert.False(now.Enclave!.Provisioned, $"{node} was given the seed");
                Assert.Equal(Contracts.Bindings.NodeStatus.Pending, (await NetworkManagement.NodeInfoAsync(status.Enclave!.EnclaveAddress)).Status);
            }
        }
        finally
        {
            foreach (var node in started)
            {
                await node.DisposeAsync();
            }
        }
    }

    private NetworkManagementContract NetworkManagement => new(devnet.Deployment.NetworkManagement, devnet.Rpc);

    private static bool IsFollowing(Grains.Node.NodeStatus status) => status.Enclave is { Provisioned: true } && !status.HeadRollup.IsZero;

    private DevnetNodeSpec Spec(string nodeId, int operatorAccount)
    {
        var directory = Path.Combine(devnet.Root, "nodes", nodeId);
        Directory.CreateDirectory(directory);
        return new DevnetNodeSpec(nodeId, false, false, operatorAccount, FreePort(), FreePort(), directory, devnet.DeploymentFile);
    }

    private byte[] Nonce(DevnetNodeSpec spec) =>
        AttestationNonce.For(devnet.Deployment.L1ChainId, devnet.Deployment.NetworkManagement, DevnetAccounts.Address(spec.OperatorAccount));

    /// <summary>The enclave key the node will have: its simulated TEE is created now, in the data directory the node opens.</summary>
    private static byte[] EnclavePublicKey(DevnetNodeSpec spec)
    {
        using var tee = SimulatedTee.Open(spec.DataDirectory, NullLogger<SimulatedTee>.Instance);
        return tee.EnclaveKey.PublicKey.ToArray();
    }

    private static string TokenHex(string token) => Hex.Encode(System.Text.Encoding.UTF8.GetBytes(token));

    private static async Task<Grains.Node.NodeStatus> WaitForStatusAsync(AttestedNode node, Func<Grains.Node.NodeStatus, bool> condition, string what)
    {
        Grains.Node.NodeStatus? last = null;
        return await PollAsync(
            async () =>
            {
                try
                {
                    return last = await node.Api.GetStatusAsync();
                }
                catch (Exception e) when (e is OrleansException or TimeoutException)
                {
                    return last;
                }
            },
            s => s is not null && condition(s),
            $"{node}: {what}") ?? throw new InvalidOperationException("unreachable");
    }

    private static async Task<T> PollAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        T last;
        while (!done(last = await read()))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"Not reached in {Timeout}: {what}; last: {last}"));
            await Task.Delay(200);
        }

        return last;
    }

    private static string ReadShared(string path)
    {
        if (!File.Exists(path)) return string.Empty;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
