using Orleans.Placement;

namespace Obscuro.Grains.Placement;

/// <summary>
/// Places the grain only on silos whose metadata <c>tee</c> names a TEE (<c>simulated</c>, <c>sev-snp</c> or
/// <c>tdx</c>). With no such silo active there is no fallback to a host silo: a call fails with an
/// <see cref="Orleans.Runtime.OrleansException"/> "No active nodes are compatible with grain …" while the caller's
/// cluster manifest still lists the grain type, and once that manifest has dropped the last enclave silo (a client
/// refreshes it every <c>TypeManagementOptions.TypeMapRefreshInterval</c>, a minute by default), <c>GetGrain</c>
/// itself throws <see cref="ArgumentException"/> "Could not find an implementation for interface …".
/// The built-in <c>RequiredMatchSiloMetadataPlacementFilter</c> cannot do this: it compares candidates with the
/// calling silo, and a client call is placed by whichever gateway received it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class TeeOnlyAttribute() : PlacementFilterAttribute(new TeeOnlyPlacementFilterStrategy());
