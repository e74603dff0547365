using Obscuro.Grains.Node;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Silo.Node;

/// <summary>Reads <c>Obscuro:Node:Registration</c>, with the fee and stake defaulting to what the deployment requires.</summary>
internal static class RegistrationReader
{
    private const string Section = "Obscuro:Node:Registration";

    public static RegistrationSettings? Read(NodeSettings node, NetworkDeployment deployment, List<string> errors)
    {
        var config = node.Registration;
        var before = errors.Count;
        var isAggregator = string.Equals(node.Type, NodeSettings.Aggregator, StringComparison.OrdinalIgnoreCase);

        byte[] token = [];
        if (string.IsNullOrEmpty(config.AttestationToken))
        {
            errors.Add($"{Section}:AttestationToken is required (the attestation token's bytes as hex).");
        }
        else
        {
            try
            {
                token = Hex.Decode(config.AttestationToken);
            }
            catch (FormatException e)
            {
                errors.Add($"{Section}:AttestationToken is not hex: {e.Message}");
            }
        }

        var measurement = Hash(config.Measurement, "Measurement", errors);
        var authority = Hash(config.Authority, "Authority", errors);
        if (isAggregator && string.IsNullOrWhiteSpace(config.Endpoint))
        {
            errors.Add($"{Section}:Endpoint is required for an aggregator (its gossip endpoint).");
        }

        var fee = Wei(config.Fee, "Fee", errors) ?? deployment.RegistrationFee;
        var stake = Wei(config.Stake, "Stake", errors) ?? (isAggregator ? deployment.MinimumStake : UInt256.Zero);
        if (!isAggregator && !stake.IsZero)
        {
            errors.Add($"{Section}:Stake must be 0 for a verifier, got {stake} wei.");
        }

        if (isAggregator && stake < deployment.MinimumStake)
        {
            errors.Add($"{Section}:Stake {stake} wei is below the deployment's minimum stake of {deployment.MinimumStake} wei.");
        }

        return errors.Count > before ? null : new RegistrationSettings(token, measurement, authority, config.Endpoint, stake, fee);
    }

    private static Hash256 Hash(string? text, string name, List<string> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            errors.Add($"{Section}:{name} is required (32 bytes as hex).");
            return default;
        }

        try
        {
            return Hash256.Parse(text);
        }
        catch (FormatException e)
        {
            errors.Add($"{Section}:{name} is not a 32-byte hash: {e.Message}");
            return default;
        }
    }

    private static UInt256? Wei(string? text, string name, List<string> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        try
        {
            return UInt256.Parse(text);
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            errors.Add($"{Section}:{name} is not an amount of wei (decimal digits): {e.Message}");
            return null;
        }
    }
}
