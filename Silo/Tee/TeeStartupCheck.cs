using Microsoft.Extensions.Logging;
using Obscuro.Grains.Tee;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Silo.Tee;

/// <summary>
/// Opens and attests the TEE before the silo joins its cluster, so a silo whose TEE is broken never advertises
/// itself as an enclave silo: it fails to start instead.
/// </summary>
internal sealed partial class TeeStartupCheck(ITeeEnvironment tee, ILogger<TeeStartupCheck> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(TeeStartupCheck), ServiceLifecycleStage.RuntimeInitialize, CheckAsync);

    private async Task CheckAsync(CancellationToken cancellationToken)
    {
        if (tee.Kind == TeeKind.None)
        {
            LogNoTee(logger);
            return;
        }

        await tee.VerifyAttestationAsync(cancellationToken);
        LogAttested(logger, tee.Kind, tee.EnclaveKey.Address);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No TEE on this silo (tee=none): enclave grains will never be placed here")]
    private static partial void LogNoTee(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "TEE {Tee} attested; enclave address {Address}")]
    private static partial void LogAttested(ILogger logger, TeeKind tee, Address address);
}
