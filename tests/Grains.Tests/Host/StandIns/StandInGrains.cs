using Microsoft.Extensions.DependencyInjection;
using Obscuro.Grains.Host;
using Obscuro.Grains.Node;
using Orleans.Configuration;

namespace Obscuro.Grains.Tests.Host.StandIns;

/// <summary>
/// Host-side test clusters run the host grains against the stand-ins for the enclave side. Once the real enclave grains
/// exist beside them, these clusters drop the real ones, so each interface keeps one implementation here; other test
/// clusters keep the real ones, which Orleans prefers anyway (a class named like its interface is its primary implementation).
/// </summary>
internal static class StandInGrains
{
    private static readonly Type[] StoodIn = [typeof(IEnclaveGrain), typeof(IAdmissionGrain)];

    public static void Use(ISiloBuilder silo) =>
        silo.Services.PostConfigure<GrainTypeOptions>(grainTypes => grainTypes.Classes.RemoveWhere(grainClass =>
            grainClass.Assembly == typeof(L1WatcherGrain).Assembly && StoodIn.Any(stoodIn => stoodIn.IsAssignableFrom(grainClass))));
}
