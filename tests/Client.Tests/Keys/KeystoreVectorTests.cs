using Obscuro.Client.Keys;
using Obscuro.Client.Tests.Support;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Client.Tests.Keys;

/// <summary>
/// Pins keystore format v1 byte for byte: a fixed key, passphrase, clock and random source (salt, nonce, viewing key)
/// must give exactly this file, and this file must open to that key. A change that breaks either breaks every
/// existing wallet, so it needs a new format version instead. The file was also opened by an independent
/// implementation (Python's hashlib PBKDF2 and HMAC for HKDF-Expand, and the cryptography package's AES-GCM, with the
/// associated data as KeystoreCipher defines it), which recovered the vector key: the format is what it documents.
/// </summary>
public sealed class KeystoreVectorTests : IDisposable
{
    private const string PrivateKey = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
    private const string Passphrase = "obscuro test vector";
    private const string ExpectedFile = """
        {
          "format": "obscuro-keystore",
          "version": 1,
          "address": "0x2c7536E3605D9C16a7a3D7b1898e529396a65c23",
          "label": "vector",
          "created": "2025-01-01T00:00:00Z",
          "viewingPublicKey": "0x0389c6f101d9440f34c65aa42379de899c83b305a3ce2d9a01b07fa6e10e9ddad9",
          "kdf": {
            "function": "pbkdf2-hmac-sha256",
            "iterations": 600000,
            "salt": "0x67cf2c89fa34b3305d26091bea5b2a96",
            "passphraseCheck": "0x002134ae041d10b1facfd601b47460f1"
          },
          "cipher": {
            "function": "aes-256-gcm",
            "nonce": "0x91148c816c773ca823025868",
            "ciphertext": "0x9e151ed3d29a0e898885d027ebb08a58ea5931965755ec3ab6baa2e63cfb280457204342cc0b90b2cc8f7835dccf87c6acee60d8587a6b10f1567e7471a0cef0",
            "tag": "0xb5dc58ba9253e50ac178273af5508a0b"
          }
        }

        """;

    private readonly TempDirectory _directory = new();

    [Fact]
    public void Writing_the_vector_account_gives_exactly_the_pinned_file()
    {
        var keystore = new Keystore(
            _directory.Path,
            new DeterministicRandomSource("Obscuro.Client.Tests.KeystoreVector"u8),
            new FixedTime(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)));

        var entry = keystore.Import(PrivateKey, "vector", Passphrase);

        Assert.Equal(ExpectedFile, File.ReadAllText(entry.Path));
    }

    [Fact]
    public void The_pinned_file_opens_to_the_vector_key()
    {
        using var key = Secp256k1KeyPair.FromPrivateKey(Hex.Decode(PrivateKey));
        File.WriteAllText(_directory.Combine(key.Address + ".json"), ExpectedFile);
        var keystore = new Keystore(_directory.Path);

        using var account = keystore.Unlock(keystore.Find("vector"), Passphrase);

        Assert.Equal(key.Address, account.Address);
        Assert.Equal(Address.Parse("0x2c7536E3605D9C16a7a3D7b1898e529396a65c23"), account.Address);
    }

    public void Dispose() => _directory.Dispose();
}
