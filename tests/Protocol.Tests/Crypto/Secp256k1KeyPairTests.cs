using System.Security.Cryptography;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Protocol.Tests.Crypto;

public class Secp256k1KeyPairTests
{
    [Property(MaxTest = 50)]
    public Property Ecdh_is_symmetric(ulong seedA, ulong seedB)
    {
        using var a = Secp256k1KeyPair.Generate(new DeterministicRandomSource(BitConverter.GetBytes(seedA)));
        using var b = Secp256k1KeyPair.Generate(new DeterministicRandomSource([.. BitConverter.GetBytes(seedB), 1]));
        var ab = new byte[32];
        var ba = new byte[32];
        var viaCompressed = new byte[32];
        var ok = a.TryEcdh(b.PublicKey, ab) && b.TryEcdh(a.PublicKey, ba) && b.TryEcdh(a.CompressedPublicKey, viaCompressed);
        return (ok && ab.AsSpan().SequenceEqual(ba) && ab.AsSpan().SequenceEqual(viaCompressed)).ToProperty();
    }

    [Fact]
    public void Ecdh_is_the_x_coordinate_of_the_product_point()
    {
        // a · (b·G) computed a second way: the public key of the scalar a·b mod n is (a·b)·G, whose x must match.
        var a = Hex.Decode(CryptoVectors.NetworkPrivateKey);
        var b = Hex.Decode(CryptoVectors.EphemeralPrivateKey);
        var n = System.Numerics.BigInteger.Parse("0fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", System.Globalization.NumberStyles.HexNumber);
        var product = System.Numerics.BigInteger.Multiply(new System.Numerics.BigInteger(a, isUnsigned: true, isBigEndian: true), new System.Numerics.BigInteger(b, isUnsigned: true, isBigEndian: true)) % n;
        var productBytes = new byte[32];
        product.TryWriteBytes(productBytes.AsSpan(32 - product.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true);

        using var pairA = Secp256k1KeyPair.FromPrivateKey(a);
        var shared = new byte[32];
        Assert.True(pairA.TryEcdh(Secp256k1.DerivePublicKey(b), shared));
        Assert.Equal(Secp256k1.DerivePublicKey(productBytes)[..32], shared);
    }

    [Property(MaxTest = 50)]
    public Property Compression_matches_libsecp256k1(ulong seed)
    {
        using var pair = Secp256k1KeyPair.Generate(new DeterministicRandomSource(BitConverter.GetBytes(seed)));
        return pair.CompressedPublicKey.SequenceEqual(Secp256k1.Compress(pair.PublicKey)).ToProperty();
    }

    [Fact]
    public void Signs_for_its_address()
    {
        using var pair = Secp256k1KeyPair.Generate(SystemRandomSource.Instance);
        var hash = Keccak256.HashToArray("message"u8);
        Assert.True(Secp256k1.TryRecoverAddress(hash, pair.Sign(hash), out var signer));
        Assert.Equal(pair.Address, signer);
    }

    [Fact]
    public void Private_key_round_trips_through_sealing_form()
    {
        using var pair = Secp256k1KeyPair.Generate(SystemRandomSource.Instance);
        var privateKey = new byte[32];
        pair.CopyPrivateKeyTo(privateKey);
        using var again = Secp256k1KeyPair.FromPrivateKey(privateKey);
        Assert.Equal(pair.Address, again.Address);
    }

    [Fact]
    public void Invalid_private_keys_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Secp256k1KeyPair.FromPrivateKey(new byte[32]));
        Assert.Throws<ArgumentException>(() => Secp256k1KeyPair.FromPrivateKey(Hex.Decode("0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141")));
        Assert.Throws<ArgumentException>(() => Secp256k1KeyPair.FromPrivateKey(new byte[31]));
    }

    [Fact]
    public void Generation_skips_invalid_draws_and_gives_up_on_a_broken_source()
    {
        var valid = Hex.Decode(CryptoVectors.EphemeralPrivateKey);
        using var pair = Secp256k1KeyPair.Generate(new ScriptedRandomSource(new byte[32], Enumerable.Repeat((byte)0xff, 32).ToArray(), valid));
        Assert.Equal(Secp256k1.DeriveAddress(valid), pair.Address);

        var zeros = Enumerable.Repeat(new byte[32], 64).ToArray();
        Assert.Throws<CryptographicException>(() => Secp256k1KeyPair.Generate(new ScriptedRandomSource(zeros)));
    }
}
