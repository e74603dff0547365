using System.Security.Cryptography;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Protocol.Tests.Ethereum;

public class Secp256k1EdgeCaseTests
{
    private const string Order = "0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141";

    private static readonly byte[] Key = Hex.Decode("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    private static readonly byte[] MessageHash = Keccak256.Hash("edge cases"u8).ToArray();

    [Theory]
    [InlineData("0x0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData(Order)]
    [InlineData("0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364142")]
    [InlineData("0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff")]
    public void Zero_and_keys_not_below_the_order_are_rejected(string hex)
    {
        var key = Hex.Decode(hex);
        Assert.False(Secp256k1.IsValidPrivateKey(key));
        Assert.Throws<CryptographicException>(() => Secp256k1.DerivePublicKey(key));
        Assert.Throws<CryptographicException>(() => Secp256k1.Sign(MessageHash, key));
    }

    [Theory]
    [InlineData("0x0000000000000000000000000000000000000000000000000000000000000001")]
    [InlineData("0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140")]
    public void One_and_the_order_minus_one_are_valid(string hex)
    {
        var key = Hex.Decode(hex);
        Assert.True(Secp256k1.IsValidPrivateKey(key));
        var signature = Secp256k1.Sign(MessageHash, key);
        Assert.True(Secp256k1.TryRecoverAddress(MessageHash, signature, out var address));
        Assert.Equal(Secp256k1.DeriveAddress(key), address);
    }

    [Fact]
    public void Key_one_is_the_generator()
    {
        // 1·G: the well-known address of private key 1.
        var key = Hex.Decode("0x0000000000000000000000000000000000000000000000000000000000000001");
        Assert.Equal("0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf", Secp256k1.DeriveAddress(key).ToChecksumString());
        Assert.Equal("0x79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798",
            Hex.Encode(Secp256k1.DerivePublicKey(key).AsSpan(0, 32)));
    }

    [Fact]
    public void Keys_of_the_wrong_length_are_invalid()
    {
        Assert.False(Secp256k1.IsValidPrivateKey(new byte[31]));
        Assert.False(Secp256k1.IsValidPrivateKey(new byte[33]));
    }

    [Fact]
    public void The_high_s_form_of_a_valid_signature_is_rejected_by_recover_and_verify()
    {
        var signature = Secp256k1.Sign(MessageHash, Key);
        var publicKey = Secp256k1.DerivePublicKey(Key);
        Assert.True(Secp256k1.IsLowS(signature.AsSpan(32, 32)));
        Assert.True(Secp256k1.Verify(MessageHash, signature, publicKey));

        // s' = n − s with the other recovery id is the same signature in its high form.
        var s = UInt256.FromBigEndian(signature.AsSpan(32, 32));
        var twin = signature.ToArray();
        (UInt256.Parse(Order) - s).WriteBigEndian(twin.AsSpan(32, 32));
        twin[64] ^= 1;
        Assert.False(Secp256k1.IsLowS(twin.AsSpan(32, 32)));
        Assert.False(Secp256k1.TryRecover(MessageHash, twin, new byte[64]));
        Assert.False(Secp256k1.Verify(MessageHash, twin, publicKey));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(27)]
    [InlineData(28)]
    public void Recovery_ids_other_than_0_and_1_are_rejected(byte recoveryId)
    {
        var signature = Secp256k1.Sign(MessageHash, Key);
        signature[64] = recoveryId;
        Assert.False(Secp256k1.TryRecover(MessageHash, signature, new byte[64]));
        Assert.False(Secp256k1.TryRecoverAddress(MessageHash, signature, out _));
    }

    [Fact]
    public void Zero_r_or_zero_s_is_rejected()
    {
        var publicKey = Secp256k1.DerivePublicKey(Key);
        var signature = Secp256k1.Sign(MessageHash, Key);

        var zeroR = signature.ToArray();
        zeroR.AsSpan(0, 32).Clear();
        Assert.False(Secp256k1.TryRecover(MessageHash, zeroR, new byte[64]));
        Assert.False(Secp256k1.Verify(MessageHash, zeroR, publicKey));

        var zeroS = signature.ToArray();
        zeroS.AsSpan(32, 32).Clear();
        Assert.False(Secp256k1.TryRecover(MessageHash, zeroS, new byte[64]));
        Assert.False(Secp256k1.Verify(MessageHash, zeroS, publicKey));
    }

    [Fact]
    public void A_signature_does_not_verify_for_another_hash_or_key()
    {
        var signature = Secp256k1.Sign(MessageHash, Key);
        var otherHash = Keccak256.Hash("other"u8).ToArray();
        Assert.False(Secp256k1.Verify(otherHash, signature, Secp256k1.DerivePublicKey(Key)));
        var otherKey = Hex.Decode("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
        Assert.False(Secp256k1.Verify(MessageHash, signature, Secp256k1.DerivePublicKey(otherKey)));
    }

    [Fact]
    public void Signing_is_deterministic()
    {
        Assert.Equal(Secp256k1.Sign(MessageHash, Key), Secp256k1.Sign(MessageHash, Key));
    }
}
