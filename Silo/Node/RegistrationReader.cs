using Obscuro.Contracts.Deployment;
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

        // Normally empty: the enclave asks its TEE's attestation authority for a token binding its key. A configured token
        // (hex of its bytes) is registered as given; other enclaves validate it either way.
        byte[] token = [];
        if (!string.IsNullOrEmpty(config.AttestationToken))
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

        var measurement = string.IsNullOrEmpty(config.Measurement) ? deployment.Measurement : Hash(config.Measurement, "Measurement", errors);
        var authority = string.IsNullOrEmpty(config.Authority) ? deployment.Authority : Hash(config.Authority, "Authority", errors);
        if (isAggregator && string.IsNullOrWhiteSpace(config.Endpoint))
        {
            errors.Add($"{Section}:Endpoint is required for an aggregator (its gossip endpoint).");
        }

        var fee = Wei(config.Fee, "Fee", errors);
        if (fee is null && string.IsNullOrEmpty(config.Fee))
        {
            errors.Add($"{Section}:Fee is required (the registration fee in wei, as NetworkManagement sets it).");
        }

        var stake = Wei(config.Stake, "Stake", errors);
        if (isAggregator && stake is null && string.IsNullOrEmpty(config.Stake))
        {
            errors.Add($"{Section}:Stake is required for an aggregator (wei, at least NetworkManagement's minimum stake).");
        }

        if (!isAggregator && stake is { IsZero: false } verifierStake)
        {
            errors.Add($"{Section}:Stake must be 0 for a verifier, got {verifierStake} wei.");
        }

        return errors.Count > before ? null : new RegistrationSettings(token, measurement, authority, config.Endpoint, stake ?? UInt256.Zero, fee!.Value);
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
