using Microsoft.Extensions.Logging;
using Obscuro.Grains.L1;
using Obscuro.Grains.Node;
using Obscuro.Grains.Tee;
using Obscuro.Grains.Vault;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Registration;

namespace Obscuro.Grains.Enclave.Provisioning;

/// <summary>
/// Decides which NetworkManagement calls the enclave asks its host to send, from the registry of the last verified L1
/// block (FORMATS.md): <c>register</c> while its enclave address is not registered; <c>initializeNetwork</c> when it is
/// the genesis node, registered, and the network has no key yet; <c>respondSecret</c> for every other registered
/// enclave still waiting for the seed once it holds the seed itself and <see cref="ISecretRequestValidator"/> accepted
/// that enclave's attestation token. Each call is asked for again only after
/// <see cref="EnclaveOptions.CallRetryBlocks"/> blocks without its effect, so a host that dropped one is reminded and a
/// slow host is not flooded. Repeats that race an earlier call simply revert on the L1 (the contract accepts each
/// registration, initialisation and response once). The memory of what was asked is per activation on purpose: after a
/// restart, what is still missing is asked for once more.
/// </summary>
internal sealed partial class RegistrationPlanner(ITeeEnvironment tee, ISecretRequestValidator validator, ulong retryBlocks, ILogger logger) : IDisposable
{
    private readonly Dictionary<string, ulong> _askedAt = new(StringComparer.Ordinal);
    private readonly Dictionary<Address, string> _refusals = [];
    private MasterSeed? _genesisSeed;

    /// <param name="seed">The master seed when this enclave holds it.</param>
    /// <param name="secrets">The network secrets derived from <paramref name="seed"/>.</param>
    /// <param name="attestationToken">This enclave's attestation token to register with; null while it has none yet.</param>
    public List<L1Call> Plan(NodeNetwork network, RegistryView registry, ulong blockNumber, MasterSeed? seed, NodeSecrets? secrets, byte[]? attestationToken)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(registry);
        var settings = network.Settings;
        var key = tee.EnclaveKey;
        var me = key.Address;
        var calls = new List<L1Call>();
        if (!registry.IsRegistered(me))
        {
            if (attestationToken is not null && Due("register", blockNumber))
            {
                calls.Add(Register(settings, key, attestationToken));
            }

            return calls;
        }

        if (registry.Network is null)
        {
            // Uninitialised on this fork. A genesis node initialises it; one that already holds the seed (its
            // initialisation was in blocks an L1 reorg removed) initialises it again with that seed, so the network key
            // stays the one clients may already use.
            if (settings.IsGenesisNode && Due("initializeNetwork", blockNumber))
            {
                calls.Add(InitializeNetwork(settings, key, seed ?? (_genesisSeed ??= MasterSeed.Generate(SystemRandomSource.Instance))));
            }

            return calls;
        }

        if (seed is null || secrets is null)
        {
            return calls;
        }

        // The genesis seed candidate is only ever used through the L1: once provisioned, the seed came back from there.
        _genesisSeed?.Dispose();
        _genesisSeed = null;

        var context = SecretRequestContext.From(settings.L1ChainId, settings.NetworkManagement, registry, tee.Kind);
        foreach (var requester in registry.Pending)
        {
            if (requester.EnclaveAddress == me)
            {
                continue;
            }

            var verdict = validator.Check(requester, context);
            if (verdict.Decision != SecretRequestDecision.Respond)
            {
                // Each refusal once per reason: it repeats every block otherwise. Undecided is not worth a warning.
                if (verdict.Decision == SecretRequestDecision.Refuse
                    && (!_refusals.TryGetValue(requester.EnclaveAddress, out var last) || !string.Equals(last, verdict.Reason, StringComparison.Ordinal)))
                {
                    _refusals[requester.EnclaveAddress] = verdict.Reason;
                    LogWithheld(logger, requester.EnclaveAddress, verdict.Reason);
                }

                continue;
            }

            if (Due("respondSecret:" + requester.EnclaveAddress, blockNumber))
            {
                calls.Add(RespondSecret(settings, key, seed, secrets, requester));
            }
        }

        return calls;
    }

    private bool Due(string what, ulong blockNumber)
    {
        if (_askedAt.TryGetValue(what, out var at) && blockNumber < at + retryBlocks && blockNumber >= at)
        {
            return false;
        }

        _askedAt[what] = blockNumber;
        return true;
    }

    private static L1Call Register(NetworkSettings settings, IEnclaveKey key, byte[] attestationToken)
    {
        var registration = settings.Registration;
        var attestationHash = Keccak256.Hash(attestationToken);
        var digest = RegistrationDigests.Register(
            settings.L1ChainId, settings.NetworkManagement, settings.Operator, key.PublicKey.Span, attestationHash,
            registration.Measurement, registration.Authority, settings.IsAggregator, registration.Endpoint);
        var data = ManagementCalls.Register(
            key.PublicKey.Span, attestationToken, registration.Measurement, registration.Authority, settings.IsAggregator, registration.Endpoint,
            ManagementCalls.SignForL1(key, digest));
        var value = settings.IsAggregator ? registration.Fee + registration.Stake : registration.Fee;
        return new L1Call(settings.NetworkManagement, data, value, "register");
    }

    /// <summary>
    /// The seed encrypted to this enclave's own key, with both signatures. A fresh seed is not kept beyond this
    /// activation: the enclave takes its seed from the <c>initializeNetwork</c> call that L1 actually accepted, so
    /// whichever of several attempts lands is the one it uses.
    /// </summary>
    private static L1Call InitializeNetwork(NetworkSettings settings, IEnclaveKey key, MasterSeed seed)
    {
        using var keys = new KeySchedule(seed);
        using var networkKey = keys.NetworkKeyPair();
        var encryptedSeed = SeedEnvelope.Encrypt(seed, key.PublicKey.Span, settings.L1ChainId, settings.NetworkManagement, SystemRandomSource.Instance);
        var digest = RegistrationDigests.Initialize(settings.L1ChainId, settings.NetworkManagement, key.Address, networkKey.PublicKey, encryptedSeed);
        var data = ManagementCalls.InitializeNetwork(
            key.Address, networkKey.PublicKey, encryptedSeed, ManagementCalls.SignForL1(key, digest), RegistrationDigests.Sign(digest, networkKey));
        return new L1Call(settings.NetworkManagement, data, UInt256.Zero, "initializeNetwork");
    }

    private static L1Call RespondSecret(NetworkSettings settings, IEnclaveKey key, MasterSeed seed, NodeSecrets secrets, NodeRegistration requester)
    {
        var encryptedSeed = SeedEnvelope.Encrypt(seed, requester.PublicKey, settings.L1ChainId, settings.NetworkManagement, SystemRandomSource.Instance);
        var knowledge = RegistrationDigests.Sign(
            RegistrationDigests.SecretKnowledge(settings.L1ChainId, settings.NetworkManagement, requester.EnclaveAddress, encryptedSeed), secrets.NetworkKey);
        var response = ManagementCalls.SignForL1(
            key, RegistrationDigests.SecretResponse(settings.L1ChainId, settings.NetworkManagement, requester.EnclaveAddress, encryptedSeed));
        var data = ManagementCalls.RespondSecret(requester.EnclaveAddress, encryptedSeed, knowledge, response);
        return new L1Call(settings.NetworkManagement, data, UInt256.Zero, "respondSecret " + requester.EnclaveAddress.ToChecksumString());
    }

    public void Dispose()
    {
        _genesisSeed?.Dispose();
        _genesisSeed = null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Withholding the master seed from registered enclave {Requester}: {Reason}")]
    private static partial void LogWithheld(ILogger logger, Address requester, string reason);
}
