using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Obscuro.Grains.Enclave;
using Obscuro.Grains.Host;
using Obscuro.Grains.Placement;
using Obscuro.Protocol.Ethereum;
using Orleans.Configuration;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement.Filtering;
using Orleans.TestingHost;

namespace Obscuro.Grains.Tests;

[Collection(SharedClusterDefinition.Name)]
public sealed class PlacementTests(TeeClusterFixture fixture)
{
    private const int Keys = 40;

    [Fact]
    public async Task Enclave_grains_called_from_the_client_activate_only_on_the_tee_silo()
    {
        var tee = fixture.TeeSilo;
        var expectedKey = TeeClusterFixture.TeeOf(tee).EnclaveKey.PublicKey.ToArray();
        var nodeIds = UniqueNodeIds();

        var identities = await Task.WhenAll(nodeIds.Select(id => fixture.Client.GetGrain<IEnclaveIdentityGrain>(id).GetIdentityAsync()));

        Assert.All(identities, identity =>
        {
            Assert.Equal(expectedKey, identity.PublicKey);
            Assert.Equal("simulated", identity.Tee);
        });
        Assert.All(nodeIds, id => Assert.Equal(tee.SiloAddress, SiloOf(fixture.Client.GetGrain<IEnclaveIdentityGrain>(id))));
    }

    [Fact]
    public async Task Enclave_grains_called_from_grains_on_host_silos_activate_only_on_the_tee_silo()
    {
        var tee = fixture.TeeSilo;
        var hostSilos = fixture.HostSilos.Select(silo => silo.SiloAddress).ToList();
        var nodeIds = UniqueNodeIds();

        var infos = await Task.WhenAll(nodeIds.Select(id => fixture.Client.GetGrain<INodeInfoGrain>(id).GetNodeInfoAsync()));

        Assert.All(infos, info =>
        {
            Assert.Equal(2, info.HostSilos);
            Assert.Equal(1, info.EnclaveSilos);
            Assert.NotNull(info.Enclave);
            Assert.Equal(info.NodeId, info.Enclave.NodeId);
        });

        // The callers ran on host silos (the enclave silo does not even have the class), the enclave grains on the TEE.
        Assert.All(nodeIds, id => Assert.Contains(SiloOf(fixture.Client.GetGrain<INodeInfoGrain>(id)), hostSilos));
        Assert.All(nodeIds, id => Assert.Equal(tee.SiloAddress, SiloOf(fixture.Client.GetGrain<IEnclaveIdentityGrain>(id))));
    }

    [Fact]
    public async Task Host_silos_report_no_enclave_activations_and_lack_the_enclave_grain_class()
    {
        await Task.WhenAll(UniqueNodeIds().Select(id => fixture.Client.GetGrain<IEnclaveIdentityGrain>(id).GetIdentityAsync()));
        var hostSilos = fixture.HostSilos;

        var onHosts = await fixture.EnclaveIdentityActivationsOnAsync(hostSilos);
        var onTee = await fixture.EnclaveIdentityActivationsOnAsync([fixture.TeeSilo]);

        Assert.Empty(onHosts);
        Assert.True(onTee.Length >= Keys, $"expected at least {Keys} enclave activations on the TEE silo, found {onTee.Length}");
        Assert.All(hostSilos, silo =>
        {
            var classes = silo.ServiceProvider.GetRequiredService<IOptions<GrainTypeOptions>>().Value.Classes;
            Assert.DoesNotContain(typeof(EnclaveIdentityGrain), classes);
            Assert.Contains(typeof(NodeInfoGrain), classes);
        });
        var teeClasses = fixture.TeeSilo.ServiceProvider.GetRequiredService<IOptions<GrainTypeOptions>>().Value.Classes;
        Assert.Contains(typeof(EnclaveIdentityGrain), teeClasses);
        Assert.DoesNotContain(typeof(NodeInfoGrain), teeClasses);
    }

    [Fact]
    public void Every_silo_resolves_the_enclave_grain_type_to_the_tee_only_filter_and_its_director()
    {
        var grainType = fixture.EnclaveIdentityGrainType;
        foreach (var silo in fixture.Cluster.GetActiveSilos())
        {
            var strategies = silo.ServiceProvider.GetRequiredService<PlacementFilterStrategyResolver>().GetPlacementFilterStrategies(grainType);

            var strategy = Assert.IsType<TeeOnlyPlacementFilterStrategy>(Assert.Single(strategies));
            Assert.IsType<TeeOnlyPlacementFilterDirector>(silo.ServiceProvider.GetRequiredService<PlacementFilterDirectorResolver>().GetFilterDirector(strategy));
        }
    }

    [Fact]
    public void The_tee_only_director_keeps_exactly_the_silos_advertising_a_tee()
    {
        // The director on its own, not helped by the class removal: given every silo, it must keep only the TEE silo.
        foreach (var silo in fixture.Cluster.GetActiveSilos())
        {
            var director = new TeeOnlyPlacementFilterDirector(silo.ServiceProvider.GetRequiredService<ISiloMetadataCache>());
            var all = fixture.Cluster.GetActiveSilos().Select(s => s.SiloAddress).ToList();

            var kept = director.Filter(new TeeOnlyPlacementFilterStrategy(), default, all).ToList();

            Assert.Equal([fixture.TeeSilo.SiloAddress], kept);
        }
    }

    [Fact]
    public async Task With_two_tee_silos_every_enclave_grain_lands_on_the_oldest_one()
    {
        // A second enclave silo (a standby) joins; the node's enclave grains must not spread across the two, or their
        // calls to each other would cross the network.
        var primary = fixture.TeeSilo.SiloAddress;
        var standby = await fixture.Cluster.StartAdditionalSiloAsync();
        try
        {
            await Poll.UntilAsync(
                () => Task.FromResult(fixture.Cluster.GetActiveSilos().All(silo =>
                    silo.ServiceProvider.GetRequiredService<ISiloMetadataCache>().GetSiloMetadata(standby.SiloAddress).Metadata.ContainsKey(SiloMetadataKeys.Tee))),
                known => known,
                TimeSpan.FromSeconds(10),
                "every silo knowing the standby's metadata");

            var keys = Enumerable.Range(0, 12).Select(i => $"two-tee-{i}-{Guid.NewGuid():N}").ToList();
            foreach (var key in keys) await fixture.Client.GetGrain<IEnclaveIdentityGrain>(key).GetIdentityAsync();

            var onStandby = await fixture.EnclaveIdentityActivationsOnAsync([standby]);
            var onPrimary = (await fixture.EnclaveIdentityActivationsOnAsync(fixture.Cluster.GetActiveSilos().Where(s => s.SiloAddress == primary)))
                .Select(statistic => statistic.GrainId.Key.ToString()).ToHashSet();
            Assert.DoesNotContain(onStandby, statistic => keys.Contains(statistic.GrainId.Key.ToString()!));
            Assert.All(keys, key => Assert.Contains(key, onPrimary));
        }
        finally
        {
            await fixture.Cluster.StopSiloAsync(standby);
        }
    }

    [Fact]
    public async Task Every_silo_advertises_its_tee_role_and_node_in_silo_metadata()
    {
        var directory = fixture.HostSilos[0].ServiceProvider.GetRequiredService<IGrainFactory>().GetGrain<ISiloDirectoryGrain>(0);

        var silos = await directory.GetSilosAsync();

        Assert.Equal(3, silos.Count);
        var tee = Assert.Single(silos, silo => silo.Tee == "simulated");
        Assert.Equal("enclave", tee.Role);
        Assert.Equal(fixture.TeeSilo.SiloAddress.ToString(), tee.Address);
        Assert.All(silos.Where(silo => silo != tee), silo => Assert.Equal(("host", "none"), (silo.Role, silo.Tee)));
        var metadata = fixture.TeeSilo.ServiceProvider.GetRequiredService<ISiloMetadataCache>().GetSiloMetadata(fixture.TeeSilo.SiloAddress).Metadata;
        Assert.Equal(SiloProfile.NodeId, metadata[SiloMetadataKeys.Node]);
    }

    [Fact]
    public async Task A_challenge_is_signed_by_the_enclave_key_over_its_domain_separated_digest()
    {
        var nodeId = UniqueNodeIds()[0];
        var challenge = RandomNumberGenerator.GetBytes(EnclaveChallenge.ChallengeSize);

        var signed = await fixture.Client.GetGrain<IEnclaveIdentityGrain>(nodeId).SignChallengeAsync(challenge);

        Assert.Equal(challenge, signed.Challenge);
        Assert.True(Secp256k1.TryRecoverAddress(EnclaveChallenge.Digest(nodeId, challenge), signed.Signature, out var signer));
        Assert.Equal(signed.Identity.Address, signer.ToChecksumString());
        Assert.Equal(TeeClusterFixture.TeeOf(fixture.TeeSilo).EnclaveKey.Address, signer);

        // The raw challenge was not what got signed, so a caller cannot have an arbitrary hash signed.
        Assert.True(!Secp256k1.TryRecoverAddress(challenge, signed.Signature, out var other) || other != signer);
    }

    [Fact]
    public async Task A_challenge_that_is_not_32_bytes_is_refused()
    {
        var grain = fixture.Client.GetGrain<IEnclaveIdentityGrain>(UniqueNodeIds()[0]);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => grain.SignChallengeAsync(new byte[31]));

        Assert.Contains("32 bytes", error.Message, StringComparison.Ordinal);
    }

    private static List<string> UniqueNodeIds()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        return Enumerable.Range(0, Keys).Select(i => $"node-{run}-{i}").ToList();
    }

    private SiloAddress SiloOf(IAddressable grain)
    {
        Assert.True(fixture.Cluster.TryGetGrainContext(grain.GetGrainId(), out var context), $"{grain.GetGrainId()} is not active on any silo");
        var silo = context!.Address.SiloAddress;
        Assert.NotNull(silo);
        return silo;
    }
}
