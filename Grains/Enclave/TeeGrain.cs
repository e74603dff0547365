using Obscuro.Grains.Tee;

namespace Obscuro.Grains.Enclave;

/// <summary>
/// Base of every enclave-side grain. Placement (<see cref="Placement.TeeOnlyAttribute"/>) and the removal of enclave
/// grain classes from host silos already keep these grains off host silos; this is the last line: an activation
/// re-checks the local attestation and refuses to start when it fails or when the silo has no TEE at all.
/// Concrete grains still carry <c>[TeeOnly]</c> and <c>[Immovable]</c> themselves, so their placement is visible where
/// they are declared.
/// </summary>
public abstract class TeeGrain(ITeeEnvironment tee) : Grain
{
    protected ITeeEnvironment Tee { get; } = tee;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await Tee.VerifyAttestationAsync(cancellationToken);
        await base.OnActivateAsync(cancellationToken);
    }
}
