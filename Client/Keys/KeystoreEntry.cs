using Obscuro.Protocol.Ethereum;

namespace Obscuro.Client.Keys;

/// <summary>What anyone with the keystore directory can see of an account, without its passphrase.</summary>
/// <param name="Address">The account's address (the key that owns funds on L1 and L2).</param>
/// <param name="Label">The name given at creation, or null.</param>
/// <param name="Created">When the account was created or imported.</param>
/// <param name="ViewingPublicKey">The 33-byte compressed public key of the account's viewing key.</param>
/// <param name="Path">The keystore file.</param>
public sealed record KeystoreEntry(Address Address, string? Label, DateTimeOffset Created, byte[] ViewingPublicKey, string Path)
{
    /// <summary>The label if there is one, else the checksummed address.</summary>
    public string DisplayName => Label ?? Address.ToChecksumString();

    /// <summary>Entries are equal when every field is, the viewing key compared by content (not by array identity).</summary>
    public bool Equals(KeystoreEntry? other) =>
        other is not null && Address == other.Address && Label == other.Label && Created == other.Created && Path == other.Path
        && ViewingPublicKey.AsSpan().SequenceEqual(other.ViewingPublicKey);

    public override int GetHashCode() => HashCode.Combine(Address, Label, Created, Path);
}
