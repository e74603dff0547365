using Obscuro.Grains.Tee;
using Obscuro.Silo.Tee.Azure;
using Obscuro.Silo.Tee.Simulated;

namespace Obscuro.Silo;

/// <summary>
/// Configuration section <c>Obscuro</c>. The TEE kind is not here: it is the silo metadata <c>Orleans:Metadata:tee</c>
/// itself, so what a silo advertises to placement and what it runs cannot disagree.
/// </summary>
public sealed class ObscuroSiloOptions
{
    public const string SectionName = "Obscuro";

    /// <summary>The L2 node this silo belongs to (one Orleans cluster per node in production).</summary>
    public string NodeId { get; set; } = string.Empty;

    public SiloRole Role { get; set; } = SiloRole.Both;

    /// <summary>Where the silo keeps local files, such as the simulated TEE's keys. Relative paths start at the working directory.</summary>
    public string DataDirectory { get; set; } = string.Empty;

    public StorageSettings Storage { get; set; } = new();

    public ClusteringSettings Clustering { get; set; } = new();

    /// <summary>Section <c>Obscuro:Azure</c>: attestation and seed custody of an Azure confidential VM (tee sev-snp or tdx).</summary>
    public AzureTeeSettings Azure { get; set; } = new();

    /// <summary>Section <c>Obscuro:Simulated</c>: the simulated TEE's attestation authority and measurement.</summary>
    public SimulatedTeeSettings Simulated { get; set; } = new();

    /// <summary>Every configuration mistake at once, so an operator fixes them in one go; empty when valid.</summary>
    public IReadOnlyList<string> Validate(string? teeMetadataValue)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(NodeId))
        {
            errors.Add("Obscuro:NodeId is required.");
        }

        if (!Enum.IsDefined(Role))
        {
            errors.Add($"Obscuro:Role '{Role}' is not one of host, enclave, both.");
        }

        if (!TeeKinds.TryParse(teeMetadataValue, out var tee))
        {
            errors.Add($"Orleans:Metadata:tee '{teeMetadataValue}' is not one of none, simulated, sev-snp, tdx (lower case).");
        }
        else
        {
            if (tee is TeeKind.SevSnp or TeeKind.Tdx)
            {
                errors.AddRange(Azure.Validate());
                if (string.IsNullOrWhiteSpace(DataDirectory))
                {
                    errors.Add($"Obscuro:DataDirectory is required with tee '{teeMetadataValue}': it holds the wrapped sealing key and the sealed enclave key.");
                }
            }

            if (tee == TeeKind.Simulated)
            {
                errors.AddRange(Simulated.Validate());
            }

            if (Role == SiloRole.Host && tee != TeeKind.None)
            {
                errors.Add(
                    $"Obscuro:Role 'host' needs Orleans:Metadata:tee 'none' (got '{teeMetadataValue}'), " +
                    "or placement would consider this silo for enclave grains it does not host.");
            }

            if (Role is SiloRole.Enclave or SiloRole.Both && tee == TeeKind.None)
            {
                errors.Add($"Obscuro:Role '{Role.ToString().ToLowerInvariant()}' needs a TEE, but Orleans:Metadata:tee is 'none'.");
            }

            if (tee == TeeKind.Simulated && string.IsNullOrWhiteSpace(DataDirectory))
            {
                errors.Add("Obscuro:DataDirectory is required with tee 'simulated': it holds the sealing key and the sealed enclave key.");
            }
        }

        errors.AddRange(StorageValidation.Validate(Storage, Clustering));

        return errors;
    }
}
