using Obscuro.Grains.Tee;
using Obscuro.Silo.Tee;

namespace Obscuro.Grains.Tests;

[Collection(SharedClusterDefinition.Name)]
public sealed class EnclaveAttestationTests(TeeClusterFixture fixture)
{
    [Fact]
    public async Task An_enclave_grain_does_not_activate_while_the_local_attestation_fails()
    {
        var sealingKeyPath = Path.Combine(fixture.TeeDataDirectory, SimulatedTee.DirectoryName, SimulatedTee.SealingKeyFileName);
        var grain = fixture.Client.GetGrain<IEnclaveIdentityGrain>($"attestation-{Guid.NewGuid():N}");

        // A sealing key file that others may read fails the simulated TEE's attestation.
        File.SetUnixFileMode(sealingKeyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        Exception error;
        try
        {
            error = await Assert.ThrowsAnyAsync<Exception>(() => grain.GetIdentityAsync());
        }
        finally
        {
            File.SetUnixFileMode(sealingKeyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        Assert.IsType<TeeAttestationException>(error.GetBaseException());
        Assert.False(fixture.Cluster.TryGetGrainContext(grain.GetGrainId(), out _));

        // Attested again, the same grain activates.
        Assert.Equal("simulated", (await grain.GetIdentityAsync()).Tee);
    }

    [Fact]
    public async Task A_silo_without_a_tee_refuses_every_enclave_operation()
    {
        var none = TeeClusterFixture.TeeOf(fixture.HostSilos[0]);

        Assert.Equal(TeeKind.None, none.Kind);
        Assert.Throws<TeeAttestationException>(() => none.EnclaveKey);
        Assert.Throws<TeeAttestationException>(() => none.Seal([1, 2, 3], "test"));
        Assert.Throws<TeeAttestationException>(() => none.Unseal(new byte[64], "test"));
        await Assert.ThrowsAsync<TeeAttestationException>(() => none.VerifyAttestationAsync(CancellationToken.None));
    }
}
