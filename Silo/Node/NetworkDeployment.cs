using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Obscuro.Contracts.Deployment;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Reveal;

namespace Obscuro.Silo.Node;

/// <summary>
/// The deployment file the devnet (or an operator's deployment script) writes after deploying the management
/// contracts, and every node of that network reads (<c>Obscuro:Network:DeploymentFile</c>): the L1 chain, the contract
/// addresses, the anchor block (the L1 block before the deployment, where a node's L1 view starts), the L2 chain id,
/// the reveal interval lengths, and the registration fee and minimum stake the contracts were deployed with. JSON with
/// camelCase names; addresses and hashes as 0x hex, wei amounts as decimal strings (they exceed JSON's safe integers).
/// </summary>
public sealed record NetworkDeployment(
    ulong L1ChainId,
    Address NetworkManagement,
    Address RollupManagement,
    Address Bridge,
    Address? TestToken,
    ulong AnchorNumber,
    Hash256 AnchorHash,
    ulong L2ChainId,
    RevealSchedule RevealLengths,
    UInt256 RegistrationFee,
    UInt256 MinimumStake)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>What the devnet writes after <see cref="ManagementContractsDeployer.DeployAsync"/>.</summary>
    public static NetworkDeployment From(ManagementContractAddresses addresses, DeploymentParameters parameters, ulong l2ChainId, RevealSchedule revealLengths)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(revealLengths);
        return new NetworkDeployment(
            addresses.ChainId,
            addresses.NetworkManagement,
            addresses.RollupManagement,
            addresses.Bridge,
            addresses.TestToken,
            addresses.AnchorNumber,
            addresses.AnchorHash,
            l2ChainId,
            revealLengths,
            parameters.RegistrationFee,
            parameters.MinimumStake);
    }

    public void Write(string path)
    {
        var file = new DeploymentFile
        {
            L1ChainId = L1ChainId,
            NetworkManagement = NetworkManagement.ToChecksumString(),
            RollupManagement = RollupManagement.ToChecksumString(),
            Bridge = Bridge.ToChecksumString(),
            TestToken = TestToken?.ToChecksumString(),
            Anchor = new AnchorEntry { Number = AnchorNumber, Hash = AnchorHash.ToString() },
            L2ChainId = L2ChainId,
            RevealLengths = [RevealLengths.XS, RevealLengths.S, RevealLengths.M, RevealLengths.L, RevealLengths.XL],
            RegistrationFee = RegistrationFee.ToString(),
            MinimumStake = MinimumStake.ToString(),
        };
        File.WriteAllText(path, JsonSerializer.Serialize(file, Json));
    }

    /// <summary>Reads and checks a deployment file; every problem is one line of <paramref name="errors"/>, naming the file and the field.</summary>
    public static NetworkDeployment? Read(string path, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var where = $"Obscuro:Network:DeploymentFile '{path}'";
        DeploymentFile? file;
        try
        {
            file = JsonSerializer.Deserialize<DeploymentFile>(File.ReadAllText(path), Json);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add($"{where} cannot be read: {e.Message}");
            return null;
        }
        catch (JsonException e)
        {
            errors.Add($"{where} is not valid JSON: {e.Message}");
            return null;
        }

        if (file is null)
        {
            errors.Add($"{where} is empty (null).");
            return null;
        }

        var before = errors.Count;
        var fields = new FieldReader(where, errors);
        var chainId = fields.Required(file.L1ChainId, "l1ChainId");
        var networkManagement = fields.Address(file.NetworkManagement, "networkManagement");
        var rollupManagement = fields.Address(file.RollupManagement, "rollupManagement");
        var bridge = fields.Address(file.Bridge, "bridge");
        Address? testToken = file.TestToken is null ? null : fields.Address(file.TestToken, "testToken");
        var anchorNumber = fields.Required(file.Anchor?.Number, "anchor.number");
        var anchorHash = fields.Hash(file.Anchor?.Hash, "anchor.hash");
        var l2ChainId = fields.Required(file.L2ChainId, "l2ChainId");
        var reveal = fields.RevealLengths(file.RevealLengths);
        var fee = fields.Wei(file.RegistrationFee, "registrationFee");
        var stake = fields.Wei(file.MinimumStake, "minimumStake");
        if (chainId == 0 && file.L1ChainId is not null)
        {
            errors.Add($"{where}: 'l1ChainId' must not be 0.");
        }

        return errors.Count > before
            ? null
            : new NetworkDeployment(chainId, networkManagement, rollupManagement, bridge, testToken, anchorNumber, anchorHash, l2ChainId, reveal!, fee, stake);
    }

    private sealed class FieldReader(string where, List<string> errors)
    {
        public ulong Required(ulong? value, string name)
        {
            if (value is null)
            {
                errors.Add($"{where}: '{name}' is missing.");
            }

            return value ?? 0;
        }

        public Address Address(string? text, string name)
        {
            if (text is null)
            {
                errors.Add($"{where}: '{name}' is missing.");
                return default;
            }

            if (!Protocol.Ethereum.Address.TryParse(text, out var address, out var error))
            {
                errors.Add($"{where}: '{name}' is not an address: {error}");
            }

            return address;
        }

        public Hash256 Hash(string? text, string name)
        {
            if (text is null)
            {
                errors.Add($"{where}: '{name}' is missing.");
                return default;
            }

            try
            {
                return Hash256.Parse(text);
            }
            catch (FormatException e)
            {
                errors.Add($"{where}: '{name}' is not a 32-byte hash: {e.Message}");
                return default;
            }
        }

        public UInt256 Wei(string? text, string name)
        {
            if (text is null)
            {
                errors.Add($"{where}: '{name}' is missing.");
                return default;
            }

            try
            {
                return UInt256.Parse(text);
            }
            catch (Exception e) when (e is FormatException or OverflowException)
            {
                errors.Add($"{where}: '{name}' is not an amount of wei (decimal digits): {e.Message}");
                return default;
            }
        }

        public RevealSchedule? RevealLengths(List<ulong>? lengths)
        {
            if (lengths is null || lengths.Count != 5)
            {
                errors.Add($"{where}: 'revealLengths' must list 5 interval lengths (XS, S, M, L, XL), got {(lengths is null ? "none" : lengths.Count.ToString(CultureInfo.InvariantCulture))}.");
                return null;
            }

            var schedule = new RevealSchedule(lengths[0], lengths[1], lengths[2], lengths[3], lengths[4]);
            try
            {
                schedule.Validate();
                return schedule;
            }
            catch (ArgumentException e)
            {
                errors.Add($"{where}: 'revealLengths': {e.Message}");
                return null;
            }
        }
    }

    private sealed class DeploymentFile
    {
        public ulong? L1ChainId { get; set; }

        public string? NetworkManagement { get; set; }

        public string? RollupManagement { get; set; }

        public string? Bridge { get; set; }

        public string? TestToken { get; set; }

        public AnchorEntry? Anchor { get; set; }

        public ulong? L2ChainId { get; set; }

        public List<ulong>? RevealLengths { get; set; }

        public string? RegistrationFee { get; set; }

        public string? MinimumStake { get; set; }
    }

    private sealed class AnchorEntry
    {
        public ulong? Number { get; set; }

        public string? Hash { get; set; }
    }
}
