using System.Collections.Concurrent;
using System.Security.Cryptography;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Queries;

namespace Obscuro.Client.Keys;

/// <summary>
/// An account opened with its passphrase: the account key (owns funds, signs transactions and the viewing key grant)
/// and the viewing key (signs queries, receives answers). Both stay inside; callers lend them to one operation at a
/// time. Dispose to zero them. ToString names only the address.
/// </summary>
public sealed class UnlockedAccount : IDisposable
{
    private readonly Secp256k1KeyPair _accountKey;
    private readonly Secp256k1KeyPair _viewingKey;
    private readonly ConcurrentDictionary<ulong, ViewingKeyGrant> _grants = new();

    internal UnlockedAccount(KeystoreEntry entry, Secp256k1KeyPair accountKey, Secp256k1KeyPair viewingKey)
    {
        Entry = entry;
        _accountKey = accountKey;
        _viewingKey = viewingKey;
    }

    public KeystoreEntry Entry { get; }

    /// <summary>
    /// An account held only in memory, with a fresh viewing key: for tools whose keys are public anyway (the devnet's
    /// demo users are anvil's well-known accounts). Wallets keep keys in a <see cref="Keystore"/>.
    /// </summary>
    public static UnlockedAccount InMemory(ReadOnlySpan<byte> privateKey, string? label = null, IRandomSource? random = null)
    {
        var account = Secp256k1KeyPair.FromPrivateKey(privateKey);
        try
        {
            var viewing = Secp256k1KeyPair.Generate(random ?? SystemRandomSource.Instance);
            var entry = new KeystoreEntry(account.Address, label, DateTimeOffset.UtcNow, viewing.CompressedPublicKey.ToArray(), string.Empty);
            return new UnlockedAccount(entry, account, viewing);
        }
        catch
        {
            account.Dispose();
            throw;
        }
    }

    public Address Address => _accountKey.Address;

    /// <summary>The viewing key pair: it decrypts answers. Never the account key.</summary>
    internal Secp256k1KeyPair ViewingKey => _viewingKey;

    /// <summary>The account key's signature authorising the viewing key on one L2 chain (made once per chain).</summary>
    public ViewingKeyGrant GrantFor(ulong l2ChainId) =>
        _grants.GetOrAdd(l2ChainId, chain => UseAccountKey(key => ViewingKeyGrant.Create(chain, _viewingKey.CompressedPublicKey, key)));

    internal T UseAccountKey<T>(KeyUse<T> use) => Lend(_accountKey, use);

    internal T UseViewingKey<T>(KeyUse<T> use) => Lend(_viewingKey, use);

    public void Dispose()
    {
        _accountKey.Dispose();
        _viewingKey.Dispose();
    }

    public override string ToString() => $"UnlockedAccount({Address.ToChecksumString()})";

    private static T Lend<T>(Secp256k1KeyPair pair, KeyUse<T> use)
    {
        ArgumentNullException.ThrowIfNull(use);
        Span<byte> key = stackalloc byte[Secp256k1.PrivateKeySize];
        try
        {
            pair.CopyPrivateKeyTo(key);
            return use(key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }
}
