using System.Globalization;
using System.Security.Cryptography;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Vault;

/// <summary>
/// The network secrets one enclave derives from the master seed: the key schedule, the network key pair (decrypts
/// submissions and queries), and the state sealing key with its <see cref="Sealer"/> (seals admitted transactions and
/// account state). Never printed; disposed only with the silo, because workers may be using it at any moment.
/// </summary>
public sealed class NodeSecrets : IDisposable
{
    private static readonly byte[] AccountIdLabel = "Obscuro.AccountGrainId.v1"u8.ToArray();

    private readonly SymmetricKey _stateKey;
    private readonly byte[] _accountIdKey = GC.AllocateUninitializedArray<byte>(32, pinned: true);

    internal NodeSecrets(MasterSeed seed)
    {
        Keys = new KeySchedule(seed);
        NetworkKey = Keys.NetworkKeyPair();
        _stateKey = Keys.StateSealingKey();
        StateSealer = new Sealer(_stateKey, SystemRandomSource.Instance);
        Span<byte> stateKey = stackalloc byte[SymmetricKey.Size];
        try
        {
            _stateKey.CopyTo(stateKey);
            HMACSHA256.HashData(stateKey, AccountIdLabel, _accountIdKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(stateKey);
        }
    }

    public KeySchedule Keys { get; }

    public Secp256k1KeyPair NetworkKey { get; }

    public Address NetworkAddress => NetworkKey.Address;

    /// <summary>Seals with the network's state sealing key: what one enclave of the network seals, any other can open.</summary>
    public Sealer StateSealer { get; }

    /// <summary>
    /// The account grain key of <paramref name="account"/> on <paramref name="nodeId"/>: <c>{nodeId}/{40 hex digits}</c>,
    /// the digits being HMAC-SHA256(key derived from the state sealing key, address)[..20]. Grain ids reach the storage
    /// provider and the host's logs; a keyed hash keeps them from listing who has an account, while every enclave of
    /// the network computes the same id.
    /// </summary>
    public string AccountGrainKey(string nodeId, in Address account)
    {
        ArgumentException.ThrowIfNullOrEmpty(nodeId);
        Span<byte> address = stackalloc byte[Address.Size];
        account.CopyTo(address);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_accountIdKey, address, mac);
        return string.Create(CultureInfo.InvariantCulture, $"{nodeId}/{Convert.ToHexStringLower(mac[..Address.Size])}");
    }

    public void Dispose()
    {
        NetworkKey.Dispose();
        _stateKey.Dispose();
        Keys.Dispose();
        CryptographicOperations.ZeroMemory(_accountIdKey);
    }

    public override string ToString() => $"NodeSecrets(network {NetworkAddress.ToChecksumString()}, keys redacted)";
}
