using Obscuro.Grains.Placement;
using Obscuro.Grains.Tee;
using Orleans.Placement;

namespace Obscuro.Grains.Enclave;

/// <summary>
/// Answers with the enclave key of the TEE silo it runs on. It keeps no state of its own: the key is the TEE's,
/// generated at the TEE's first boot and kept sealed by it, so a reactivation on the same TEE (after a restart or a
/// crash) answers with the same key.
/// </summary>
[TeeOnly]
[Immovable]
public sealed class EnclaveIdentityGrain(ITeeEnvironment tee) : TeeGrain(tee), IEnclaveIdentityGrain
{
    Task<EnclaveIdentity> IEnclaveIdentityGrain.GetIdentityAsync() => Task.FromResult(CurrentIdentity());

    Task<SignedChallenge> IEnclaveIdentityGrain.SignChallengeAsync(byte[] challenge)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        var digest = EnclaveChallenge.Digest(this.GetPrimaryKeyString(), challenge);
        return Task.FromResult(new SignedChallenge(CurrentIdentity(), challenge, Tee.EnclaveKey.Sign(digest)));
    }

    private EnclaveIdentity CurrentIdentity()
    {
        var key = Tee.EnclaveKey;
        return new EnclaveIdentity(
            this.GetPrimaryKeyString(),
            key.PublicKey.ToArray(),
            key.Address.ToChecksumString(),
            Tee.Kind.ToMetadataValue());
    }
}
