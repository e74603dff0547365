using System.Text.Json.Nodes;
using Obscuro.Client.Errors;
using Obscuro.Client.Keys;
using Obscuro.Client.Tests.Support;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Client.Tests.Keys;

public sealed class KeystoreTests : IDisposable
{
    private const string Passphrase = "correct horse battery staple";
    private readonly TempDirectory _directory = new();

    [Fact]
    public void A_created_account_unlocks_to_the_same_address_and_viewing_key()
    {
        var keystore = new Keystore(_directory.Path);
        var entry = keystore.Create("alice", Passphrase);

        using var account = keystore.Unlock(entry, Passphrase);

        Assert.Equal(entry.Address, account.Address);
        Assert.Equal(entry.ViewingPublicKey, account.ViewingKey.CompressedPublicKey.ToArray());
        Assert.Equal(account.Address, account.GrantFor(443).RecoverAccount(443));
        Assert.Equal(entry, Assert.Single(keystore.List()));
    }

    [Fact]
    public void An_imported_key_keeps_its_address()
    {
        var keystore = new Keystore(_directory.Path);
        using var key = Secp256k1KeyPair.Generate(new DeterministicRandomSource("import"u8));

        var entry = keystore.Import(PrivateKeyHex(key), null, Passphrase);

        Assert.Equal(key.Address, entry.Address);
        using var account = keystore.Unlock(entry, Passphrase);
        Assert.Equal(key.Address, account.Address);
    }

    [Fact]
    public void A_wrong_passphrase_is_refused_as_such_and_the_message_holds_no_secret()
    {
        var keystore = new Keystore(_directory.Path);
        var entry = keystore.Create(null, Passphrase);

        var error = Assert.Throws<WrongPassphraseException>(() => keystore.Unlock(entry, "not the passphrase"));

        Assert.Equal(ClientErrorKind.WrongPassphrase, error.Kind);
        Assert.Contains(entry.Address.ToChecksumString(), error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not the passphrase", error.Message + error.Hint, StringComparison.Ordinal);
        Assert.DoesNotContain(Passphrase, error.Message + error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_whose_ciphertext_was_altered_is_reported_as_altered_not_as_a_wrong_passphrase()
    {
        var keystore = new Keystore(_directory.Path);
        var entry = keystore.Create(null, Passphrase);
        Rewrite(entry.Path, json =>
        {
            var ciphertext = Hex.Decode(json["cipher"]!["ciphertext"]!.GetValue<string>());
            ciphertext[0] ^= 1;
            json["cipher"]!["ciphertext"] = Hex.Encode(ciphertext);
        });

        var error = Assert.Throws<KeystoreException>(() => keystore.Unlock(entry, Passphrase));
        Assert.Contains("altered", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Moving_a_ciphertext_under_another_viewing_key_fails_authentication()
    {
        var keystore = new Keystore(_directory.Path);
        var entry = keystore.Create(null, Passphrase);
        using var other = Secp256k1KeyPair.Generate(new DeterministicRandomSource("other viewing key"u8));
        Rewrite(entry.Path, json => json["viewingPublicKey"] = Hex.Encode(other.CompressedPublicKey));

        var error = Assert.Throws<KeystoreException>(() => keystore.Unlock(entry, Passphrase));
        Assert.Contains("altered", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Files_are_owner_only_and_so_is_the_directory()
    {
        var keystore = new Keystore(_directory.Combine("wallet"));
        var entry = keystore.Create(null, Passphrase);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(entry.Path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(keystore.Directory));
        Assert.Single(Directory.GetFiles(keystore.Directory));
    }

    [Fact]
    public void A_malformed_private_key_is_refused_without_repeating_it()
    {
        var keystore = new Keystore(_directory.Path);
        const string Almost = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f36231z";

        var error = Assert.Throws<InputFormatException>(() => keystore.Import(Almost, null, Passphrase));

        Assert.DoesNotContain("4c0883a6", error.Message + error.Hint, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(keystore.List());
    }

    [Fact]
    public void The_same_key_or_label_cannot_be_stored_twice()
    {
        var keystore = new Keystore(_directory.Path);
        using var key = Secp256k1KeyPair.Generate(new DeterministicRandomSource("twice"u8));
        keystore.Import(PrivateKeyHex(key), "alice", Passphrase);

        Assert.Throws<KeystoreException>(() => keystore.Import(PrivateKeyHex(key), "bob", Passphrase));
        Assert.Throws<KeystoreException>(() => keystore.Create("ALICE", Passphrase));
        Assert.Single(keystore.List());
    }

    [Fact]
    public void A_short_passphrase_is_refused_for_new_accounts()
    {
        var keystore = new Keystore(_directory.Path);
        Assert.Throws<InputFormatException>(() => keystore.Create(null, "short"));
        Assert.Empty(keystore.List());
    }

    [Fact]
    public void Accounts_are_found_by_label_or_address_and_an_ambiguous_choice_is_refused()
    {
        var keystore = new Keystore(_directory.Path);
        Assert.Throws<KeystoreException>(() => keystore.Find(null));
        var alice = keystore.Create("alice", Passphrase);
        Assert.Equal(alice, keystore.Find(null));
        var bob = keystore.Create("bob", Passphrase);

        Assert.Equal(bob, keystore.Find("BOB"));
        Assert.Equal(alice, keystore.Find(alice.Address.ToString()));
        var ambiguous = Assert.Throws<KeystoreException>(() => keystore.Find(null));
        Assert.Contains("alice", ambiguous.Hint, StringComparison.Ordinal);
        Assert.Throws<KeystoreException>(() => keystore.Find("carol"));
    }

    [Fact]
    public void A_file_of_another_version_is_refused_with_its_version()
    {
        var keystore = new Keystore(_directory.Path);
        var entry = keystore.Create(null, Passphrase);
        Rewrite(entry.Path, json => json["version"] = 2);

        var error = Assert.Throws<KeystoreException>(() => keystore.List());
        Assert.Contains("version 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_weakened_iteration_count_is_refused()
    {
        var keystore = new Keystore(_directory.Path);
        var entry = keystore.Create(null, Passphrase);
        Rewrite(entry.Path, json => json["kdf"]!["iterations"] = 1000);

        Assert.Throws<KeystoreException>(() => keystore.Unlock(entry, Passphrase));
    }

    public void Dispose() => _directory.Dispose();

    internal static string PrivateKeyHex(Secp256k1KeyPair key)
    {
        var bytes = new byte[32];
        key.CopyPrivateKeyTo(bytes);
        return Hex.Encode(bytes);
    }

    private static void Rewrite(string path, Action<JsonNode> change)
    {
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        change(json);
        File.WriteAllText(path, json.ToJsonString());
    }
}
