using System.Security.Cryptography;
using System.Text;
using Obscuro.Protocol.Crypto;
using Orleans.Serialization;

namespace Obscuro.Grains.Enclave;

/// <summary>
/// How account data is sealed with the network's state sealing key: Orleans-serialized, then sealed by
/// <see cref="Sealer"/> for one purpose, with the account grain's key as identifier. The purposes keep a stored state
/// from passing for an update or a snapshot, and the identifier keeps one account's blob from passing for another's.
/// </summary>
public static class AccountSealing
{
    /// <summary>The account grain's stored state.</summary>
    public const string StatePurpose = "AccountGrain.state";

    /// <summary>An update from the enclave grain to the account grain.</summary>
    public const string UpdatePurpose = "AccountGrain.update";

    /// <summary>A snapshot from the account grain to a query worker.</summary>
    public const string SnapshotPurpose = "AccountGrain.snapshot";

    public static byte[] Seal<T>(Sealer sealer, Serializer serializer, string purpose, string grainKey, T value)
    {
        ArgumentNullException.ThrowIfNull(sealer);
        ArgumentNullException.ThrowIfNull(serializer);
        ArgumentException.ThrowIfNullOrEmpty(grainKey);
        var bytes = serializer.SerializeToArray(value);
        try
        {
            return sealer.Seal(purpose, Encoding.UTF8.GetBytes(grainKey), bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <exception cref="CiphertextRejectedException">The blob was not sealed by an enclave of this network for this purpose and grain.</exception>
    public static T Open<T>(Sealer sealer, Serializer serializer, string purpose, string grainKey, byte[] sealedValue)
    {
        ArgumentNullException.ThrowIfNull(sealer);
        ArgumentNullException.ThrowIfNull(serializer);
        ArgumentException.ThrowIfNullOrEmpty(grainKey);
        ArgumentNullException.ThrowIfNull(sealedValue);
        var bytes = sealer.Unseal(purpose, Encoding.UTF8.GetBytes(grainKey), sealedValue);
        try
        {
            return serializer.Deserialize<T>(bytes) ?? throw new InvalidOperationException($"A sealed {purpose} holds nothing.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }
}
