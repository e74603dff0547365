using Microsoft.Extensions.Logging;
using Obscuro.Grains.Enclave.Provisioning;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Registration;

namespace Obscuro.Grains.Enclave;

/// <summary>
/// The enclave's side of joining the network: obtaining its own attestation token to register with, and judging the
/// attestation of registered enclaves (its own included, so its operator can see why no seed comes).
/// </summary>
public sealed partial class EnclaveGrain
{
    /// <summary>How long one ingest waits for attestation checks under way (the key fetch); the next block sees the rest.</summary>
    private static readonly TimeSpan AttestationSettleWait = TimeSpan.FromSeconds(3);

    private static readonly TimeSpan AttestationTokenTimeout = TimeSpan.FromSeconds(5);

    private byte[]? _attestationToken;
    private string? _attestationProblem;

    /// <summary>Before planning the L1 calls of a block: a token to register with, and verdicts on the pending requests.</summary>
    private async Task PrepareProvisioningAsync()
    {
        var registry = _chain!.Registry;
        var me = Tee.EnclaveKey.Address;
        if (!registry.IsRegistered(me))
        {
            await EnsureAttestationTokenAsync();
            return;
        }

        if (registry.Network is null)
        {
            return;
        }

        var requesters = _seed is not null
            ? registry.Pending.Where(r => r.EnclaveAddress != me).ToList()
            : registry.Pending.Where(r => r.EnclaveAddress == me).ToList();
        if (requesters.Count > 0)
        {
            await secretRequests.SettleAsync(requesters, RequestContext(registry), AttestationSettleWait);
        }
    }

    /// <summary>
    /// The token the operator configured, or else a fresh one from this TEE's attestation authority binding the enclave
    /// key to <see cref="AttestationNonce"/> of this network and operator. Failures are kept for the status and retried
    /// with the next block.
    /// </summary>
    private async Task EnsureAttestationTokenAsync()
    {
        if (_attestationToken is not null)
        {
            return;
        }

        var settings = _network!.Settings;
        if (settings.Registration.AttestationToken.Length > 0)
        {
            _attestationToken = settings.Registration.AttestationToken;
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(AttestationTokenTimeout);
            _attestationToken = await Tee.GetAttestationTokenAsync(AttestationNonce.For(settings.L1ChainId, settings.NetworkManagement, settings.Operator), timeout.Token);
            _attestationProblem = null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _attestationProblem = e is OperationCanceledException ? "the attestation authority did not answer in time" : e.Message;
            LogNoAttestationToken(logger, _nodeId, _attestationProblem);
        }
    }

    private SecretRequestContext RequestContext(RegistryView registry)
    {
        var settings = _network!.Settings;
        return SecretRequestContext.From(settings.L1ChainId, settings.NetworkManagement, registry, Tee.Kind);
    }

    /// <summary>Why this registered enclave still has no seed, as the rule every provisioned enclave applies sees its own registration.</summary>
    private string AwaitingSeed(RegistryView registry)
    {
        const string Waiting = "the master seed from a provisioned enclave (respondSecret)";
        if (!registry.Nodes.TryGetValue(Tee.EnclaveKey.Address, out var mine))
        {
            return Waiting;
        }

        var verdict = secretRequests.Check(mine, RequestContext(registry));
        return verdict.Decision switch
        {
            SecretRequestDecision.Refuse => $"{Waiting}, which no honest enclave will send: its registered attestation is refused ({verdict.Reason})",
            SecretRequestDecision.Undecided => $"{Waiting}; attestation check: {verdict.Reason}",
            _ => $"{Waiting}; its registered attestation passes the check",
        };
    }

    private string AwaitingRegistration(Address me) =>
        _attestationToken is null && _attestationProblem is not null
            ? $"an attestation token for enclave {me.ToChecksumString()} from the TEE's attestation authority ({_attestationProblem})"
            : $"the registration of enclave {me.ToChecksumString()} on NetworkManagement (the host sends the requested register call)";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {NodeId}: no attestation token to register with yet: {Reason}")]
    private static partial void LogNoAttestationToken(ILogger logger, string nodeId, string reason);
}
