using System.Buffers.Binary;
using System.Security.Cryptography;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Protocol.Tests.Crypto;

/// <summary>The HKDF this code relies on is RFC 5869's, and the key schedule is HKDF exactly as documented.</summary>
public class HkdfTests
{
    [Fact]
    public void Rfc5869_test_case_1()
    {
        var ikm = Enumerable.Repeat((byte)0x0b, 22).ToArray();
        var salt = Hex.Decode("0x000102030405060708090a0b0c");
        var info = Hex.Decode("0xf0f1f2f3f4f5f6f7f8f9");

        var prk = new byte[32];
        HKDF.Extract(HashAlgorithmName.SHA256, ikm, salt, prk);
        Assert.Equal("0x077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5", Hex.Encode(prk));

        var okm = new byte[42];
        HKDF.Expand(HashAlgorithmName.SHA256, prk, okm, info);
        Assert.Equal("0x3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865", Hex.Encode(okm));
    }

    [Fact]
    public void Reveal_key_is_hkdf_written_out_with_hmac()
    {
        // RFC 5869 by hand: PRK = HMAC(salt, seed); T(1) = HMAC(PRK, info ‖ 0x01); one block is the 32-byte key.
        var prk = HMACSHA256.HashData("Obscuro.KeySchedule.v1"u8, CryptoVectors.SeedBytes);
        var info = new List<byte>("Obscuro.Key.reveal.v1"u8.ToArray()) { 0x00, (byte)RevealOption.M };
        var interval = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(interval, 42);
        info.AddRange(interval);
        info.Add(0x01);
        var expected = HMACSHA256.HashData(prk, info.ToArray());

        using var seed = CryptoVectors.Seed();
        using var schedule = new KeySchedule(seed);
        using var key = schedule.EncryptionKey(RevealOption.M, 42);
        Assert.Equal(Hex.Encode(expected), CryptoVectors.KeyHex(key));
    }
}
