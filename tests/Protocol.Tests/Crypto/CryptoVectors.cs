using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Protocol.Tests.Crypto;

/// <summary>
/// The fixed inputs of the pinned vectors. Every expected output in these tests was produced by this implementation
/// once and re-computed independently (Python's hmac/hashlib for HKDF, HMAC and SHA-256, pure-Python secp256k1 point
/// arithmetic for the keys and the ECDH, the openssl CLI's AES-256 in ECB/CTR mode with GHASH written out for GCM),
/// then pinned here. A change to any of them is a format change.
/// </summary>
internal static class CryptoVectors
{
    /// <summary>Seed 0x00 01 02 … 1f.</summary>
    public static byte[] SeedBytes => Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

    public static MasterSeed Seed() => MasterSeed.FromBytes(SeedBytes);

    public const string NetworkPrivateKey = "0xc11748001a754c24b2c69f123eb2302af502baa57426b0243b60318d33824e9f";
    public const string NetworkPublicKey = "0xc1f6e8b26b35779a6aa6dae34dd4413431e3f60fa766b7a1991e04f0663c358b9984c58d355adbaa8a333661a1d897301855eea9f9136ebc03abad0246fba2b4";
    public const string NetworkCompressedPublicKey = "0x02c1f6e8b26b35779a6aa6dae34dd4413431e3f60fa766b7a1991e04f0663c358b";
    public const string NetworkAddress = "0x4BEee3372515baE6C03edEA817A3b607D897aABd";

    public const string RevealKeyXs0 = "0x3c1039226ff22bcad429715d13174acdeb30e69d41c83584940eb73eef63ac70";
    public const string RevealKeyM42 = "0x17d06f24fa81d1778a8fae153798b4635c94995c7b52f0783fb2d1afdf62cef0";
    public const string RevealKeyXlMax = "0xb49f20c37e9df9c9f73619df0466f99e1ee09b97064dd7685bbbd7aeaff4647f";
    public const string LayoutKey = "0x4fb6cbfe077fb208d605cd66be3fb01daee0ad6f13c6670a756e1ea97c5420a7";
    public const string StateSealingKey = "0x4435883f5582e771cba940c61063f85417662577a2dbb78e3d917d2c4ae95a99";
    public const string StateCommitmentKey = "0x8f8aab518ca534aa4a82e897bcf69e29cfa5038093938480302e5bbc85a0bb43";

    /// <summary>StateCommitment.Compute(state commitment key, 0x11 × 32).</summary>
    public const string StateCommitmentOf11 = "0x0f4e0367474f927cc6dc2928b94cf0e9acc3761a910279e390978055b62296c2";

    /// <summary>An ephemeral private key for the ECIES vector (any valid scalar would do).</summary>
    public const string EphemeralPrivateKey = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";

    /// <summary>ECIES of "Obscuro ECIES test vector" with associated data "chain 443" to the network key, with the ephemeral key above.</summary>
    public const string EciesCiphertext =
        "0x01024e3b81af9c2234cad09d679ce6035ed1392347ce64ce405f5dcd36228a25de6e00009c4f71b772b8601d4c3978f862e59dfa9f074c2c6a7dfe71349146c2d69343cbdea87bc5f3b7754aeb8b00f148056a44097d0963e7c982";

    /// <summary>Sealing key 0x20 21 … 3f.</summary>
    public static byte[] SealingKeyBytes => Enumerable.Range(0x20, 32).Select(i => (byte)i).ToArray();

    /// <summary>Salt 0x40 41 … 57.</summary>
    public static byte[] SealSalt => Enumerable.Range(0x40, 24).Select(i => (byte)i).ToArray();

    public const string SealPurpose = "AccountGrain.state";

    public static byte[] SealIdentifier => [0x0a, 0x0b, 0x0c];

    /// <summary>"sealed state v1" sealed with the key, salt, purpose and identifier above.</summary>
    public const string SealedBlob =
        "0x01404142434445464748494a4b4c4d4e4f5051525354555657a70eb9f638774ed4d39f29882b29bfd5ac972a7393dece128a726f611003a227f24240973d7df7ef75881e0968eb44";

    /// <summary>Parent keccak256("parent"), generation 7, aggregator = the network address.</summary>
    public static RollupContext Rollup => new(Keccak256.Hash("parent"u8), 7, Address.Parse(NetworkAddress));

    /// <summary>"group of M transactions" under EncryptionKey(M, 42) for <see cref="Rollup"/>.</summary>
    public const string GroupCiphertext =
        "0x0179e46518fa134fb4e835275be4d83f6cafce63c62c5f4abed681029ccde0977db872259a03ad6a3f2b3d931039c2b8135521c9fdb97fcb24344434cd1fd7ff";

    /// <summary>The layout bytes 00 00 00 00 00 00 00 2a under the layout key for <see cref="Rollup"/>.</summary>
    public const string LayoutCiphertext = "0x0178d680afeca1215ec16f10b7cb157e8872b88d7b61c58e4ccd96c5fedc9f5ae7e1b87837ff2fd3feb69ee100ffe09ce1";

    public static byte[] LayoutPlaintext => [0, 0, 0, 0, 0, 0, 0, 0x2a];

    /// <summary>The first 40 bytes of DeterministicRandomSource("test").</summary>
    public const string DeterministicStreamOfTest = "0xe10227da74af7199050bce287cb32bb99290f6e99eb59f0b29e1c09f7cdfdb348dcdcc24f52c4159";

    public static string KeyHex(SymmetricKey key)
    {
        var bytes = new byte[SymmetricKey.Size];
        key.CopyTo(bytes);
        return Hex.Encode(bytes);
    }

    public static string KeyHex(RevealKey key)
    {
        var bytes = new byte[RevealKey.Size];
        key.CopyTo(bytes);
        return Hex.Encode(bytes);
    }
}
