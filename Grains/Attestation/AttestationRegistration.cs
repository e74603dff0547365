using System.Text;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Attestation;

/// <summary>
/// The three <c>bytes32</c> values NetworkManagement records for a node's attestation (Contracts/Solidity/FORMATS.md):
/// <list type="bullet">
/// <item><c>attestationHash = keccak256(UTF-8 bytes of the compact token)</c>;</item>
/// <item><c>measurement = keccak256(UTF-8(x-ms-attestation-type) ‖ 0x00 ‖ raw launch measurement)</c> — the type is
/// hashed in so that a measurement accepted for one kind of TEE (or for the simulated one) never counts for another;</item>
/// <item><c>authority = keccak256(UTF-8(iss))</c> — the issuer, not the signing key id: MAA rotates its signing keys
/// without notice, while the attestation provider (its issuer URI) is what governance decides to trust and what the
/// validator pins; the keys are then whatever that issuer publishes at its JWKS endpoint over TLS.</item>
/// </list>
/// Governance computes allow-list entries with <see cref="MeasurementId"/> and <see cref="AuthorityId"/>.
/// </summary>
public sealed record AttestationRegistration(Hash256 AttestationHash, Hash256 Measurement, Hash256 Authority)
{
    public static AttestationRegistration From(ValidatedAttestation attestation)
    {
        ArgumentNullException.ThrowIfNull(attestation);
        return new AttestationRegistration(
            TokenHash(attestation.Token),
            MeasurementId(attestation.Profile.AttestationType, attestation.Measurement.Span),
            AuthorityId(attestation.Issuer));
    }

    public static Hash256 TokenHash(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        return Keccak256.Hash(Encoding.UTF8.GetBytes(token));
    }

    public static Hash256 MeasurementId(string attestationType, ReadOnlySpan<byte> measurement)
    {
        ArgumentException.ThrowIfNullOrEmpty(attestationType);
        if (measurement.IsEmpty)
        {
            throw new ArgumentException("A launch measurement is not empty.", nameof(measurement));
        }

        var type = Encoding.UTF8.GetBytes(attestationType);
        var input = new byte[type.Length + 1 + measurement.Length];
        type.CopyTo(input, 0);
        measurement.CopyTo(input.AsSpan(type.Length + 1));
        return Keccak256.Hash(input);
    }

    public static Hash256 AuthorityId(string issuer)
    {
        ArgumentException.ThrowIfNullOrEmpty(issuer);
        return Keccak256.Hash(Encoding.UTF8.GetBytes(issuer));
    }
}
