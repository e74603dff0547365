using System.Collections.Immutable;
using Obscuro.Grains.L1;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Enclave;

/// <summary>
/// NetworkManagement's registry as one L1 block of one fork shows it, built only from verified events: who registered
/// (with the public key a seed is encrypted to and the attestation token), the network key once initialised, who holds
/// the seed, the measurements and attestation authorities governance accepts (from the constructor's events on), and the
/// reveal parameters governance fixed. Immutable and kept per L1 block, so an L1 reorg simply selects another block's view.
/// </summary>
public sealed record RegistryView(
    ImmutableDictionary<Address, NodeRegistration> Nodes,
    NetworkRegistration? Network,
    ImmutableHashSet<Address> Provisioned,
    RevealParametersFixed? Reveal = null)
{
    public static RegistryView Empty { get; } = new(ImmutableDictionary<Address, NodeRegistration>.Empty, null, []);

    /// <summary>Measurement ids (<see cref="Attestation.AttestationRegistration.MeasurementId"/>) governance accepts now.</summary>
    public ImmutableHashSet<Hash256> AcceptedMeasurements { get; init; } = [];

    /// <summary>Authority ids (<see cref="Attestation.AttestationRegistration.AuthorityId"/>: keccak256 of the issuer) governance accepts now.</summary>
    public ImmutableHashSet<Hash256> AcceptedAuthorities { get; init; } = [];

    public bool IsRegistered(in Address enclave) => Nodes.ContainsKey(enclave);

    /// <summary>Registered enclaves still waiting for the seed, in registration order (then address) so responses go out oldest first.</summary>
    public IEnumerable<NodeRegistration> Pending =>
        Nodes.Values.Where(node => !Provisioned.Contains(node.EnclaveAddress)).OrderBy(node => node.RegisteredAt).ThenBy(node => node.EnclaveAddress);

    public RegistryView Apply(IReadOnlyList<RegistryEvent> events, ulong blockNumber)
    {
        ArgumentNullException.ThrowIfNull(events);
        var view = this;
        foreach (var e in events)
        {
            view = e switch
            {
                NodeRegistered r => view with
                {
                    Nodes = view.Nodes.SetItem(r.EnclaveAddress, new NodeRegistration(
                        r.EnclaveAddress, r.Operator, r.PublicKey, r.AttestationHash, r.Measurement, r.Authority, r.IsAggregator, r.Endpoint, blockNumber)
                    {
                        AttestationToken = r.AttestationToken,
                        RegisteredAtTime = DateTimeOffset.FromUnixTimeSeconds((long)Math.Min(r.BlockTimestamp, 253402300799UL)),
                    }),
                },
                NetworkInitialized n => view with
                {
                    Network = new NetworkRegistration(n.EnclaveAddress, n.NetworkAddress, n.NetworkPublicKey),
                    Provisioned = view.Provisioned.Add(n.EnclaveAddress),
                },
                SecretResponded s => view with { Provisioned = view.Provisioned.Add(s.Requester) },
                RevealParametersFixed p => view with { Reveal = p },
                MeasurementAcceptanceChanged m => view with
                {
                    AcceptedMeasurements = m.Accepted ? view.AcceptedMeasurements.Add(m.Measurement) : view.AcceptedMeasurements.Remove(m.Measurement),
                },
                AuthorityAcceptanceChanged a => view with
                {
                    AcceptedAuthorities = a.Accepted ? view.AcceptedAuthorities.Add(a.Authority) : view.AcceptedAuthorities.Remove(a.Authority),
                },
                _ => view,
            };
        }

        return view;
    }
}
