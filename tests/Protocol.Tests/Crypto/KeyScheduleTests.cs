using System.Security.Cryptography;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Protocol.Tests.Crypto;

public class KeyScheduleTests
{
    private static readonly RevealOption[] Options = Enum.GetValues<RevealOption>();

    [Fact]
    public void Network_key_pair_vector()
    {
        using var seed = CryptoVectors.Seed();
        using var schedule = new KeySchedule(seed);
        using var network = schedule.NetworkKeyPair();

        var privateKey = new byte[32];
        network.CopyPrivateKeyTo(privateKey);
        Assert.Equal(CryptoVectors.NetworkPrivateKey, Hex.Encode(privateKey));
        Assert.Equal(CryptoVectors.NetworkPublicKey, Hex.Encode(network.PublicKey));
        Assert.Equal(CryptoVectors.NetworkCompressedPublicKey, Hex.Encode(network.CompressedPublicKey));
        Assert.Equal(CryptoVectors.NetworkAddress, network.Address.ToChecksumString());

        // The public forms agree with libsecp256k1 computing them from the private key.
        Assert.Equal(Secp256k1.DerivePublicKey(privateKey), network.PublicKey.ToArray());
        Assert.Equal(Secp256k1.Compress(network.PublicKey), network.CompressedPublicKey.ToArray());
        Assert.Equal(Secp256k1.DeriveAddress(privateKey), network.Address);
    }

    [Fact]
    public void Symmetric_key_vectors()
    {
        using var seed = CryptoVectors.Seed();
        using var schedule = new KeySchedule(seed);
        using var xs0 = schedule.EncryptionKey(RevealOption.XS, 0);
        using var m42 = schedule.EncryptionKey(RevealOption.M, 42);
        using var xlMax = schedule.EncryptionKey(RevealOption.XL, ulong.MaxValue);
        using var layout = schedule.LayoutKey();
        using var sealing = schedule.StateSealingKey();
        using var commitment = schedule.StateCommitmentKey();

        Assert.Equal(CryptoVectors.RevealKeyXs0, CryptoVectors.KeyHex(xs0));
        Assert.Equal(CryptoVectors.RevealKeyM42, CryptoVectors.KeyHex(m42));
        Assert.Equal(CryptoVectors.RevealKeyXlMax, CryptoVectors.KeyHex(xlMax));
        Assert.Equal(CryptoVectors.LayoutKey, CryptoVectors.KeyHex(layout));
        Assert.Equal(CryptoVectors.StateSealingKey, CryptoVectors.KeyHex(sealing));
        Assert.Equal(CryptoVectors.StateCommitmentKey, CryptoVectors.KeyHex(commitment));
        Assert.Equal((RevealOption.M, 42UL), (m42.Option, m42.Interval));
    }

    [Fact]
    public void Derivations_repeat_exactly()
    {
        using var seed = CryptoVectors.Seed();
        using var schedule = new KeySchedule(seed);
        using var again = new KeySchedule(seed);
        using var a = schedule.EncryptionKey(RevealOption.S, 9);
        using var b = again.EncryptionKey(RevealOption.S, 9);
        using var n1 = schedule.NetworkKeyPair();
        using var n2 = again.NetworkKeyPair();
        Assert.Equal(CryptoVectors.KeyHex(a), CryptoVectors.KeyHex(b));
        Assert.Equal(n1.Address, n2.Address);
    }

    [Fact]
    public void The_schedule_does_not_depend_on_the_seed_object_staying_alive()
    {
        var seed = CryptoVectors.Seed();
        using var schedule = new KeySchedule(seed);
        seed.Dispose();
        using var layout = schedule.LayoutKey();
        Assert.Equal(CryptoVectors.LayoutKey, CryptoVectors.KeyHex(layout));
    }

    [Fact]
    public void All_reveal_keys_of_all_options_and_nearby_intervals_and_the_other_keys_are_distinct()
    {
        using var seed = CryptoVectors.Seed();
        using var schedule = new KeySchedule(seed);
        var keys = new List<string>();
        foreach (var option in Options)
        {
            foreach (var interval in new ulong[] { 0, 1, 2, 255, 256, ulong.MaxValue })
            {
                using var key = schedule.EncryptionKey(option, interval);
                keys.Add(CryptoVectors.KeyHex(key));
            }
        }

        using var layout = schedule.LayoutKey();
        using var sealing = schedule.StateSealingKey();
        using var commitment = schedule.StateCommitmentKey();
        using var network = schedule.NetworkKeyPair();
        var networkPrivate = new byte[32];
        network.CopyPrivateKeyTo(networkPrivate);
        keys.AddRange([CryptoVectors.KeyHex(layout), CryptoVectors.KeyHex(sealing), CryptoVectors.KeyHex(commitment), Hex.Encode(networkPrivate)]);

        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
    }

    [Property(MaxTest = 100)]
    public Property Different_seeds_give_different_keys(byte[] a, byte[] b)
    {
        var seedA = SeedFrom(a);
        var seedB = SeedFrom(b);
        using var first = MasterSeed.FromBytes(seedA);
        using var second = MasterSeed.FromBytes(seedB);
        using var scheduleA = new KeySchedule(first);
        using var scheduleB = new KeySchedule(second);
        using var revealA = scheduleA.EncryptionKey(RevealOption.L, 3);
        using var revealB = scheduleB.EncryptionKey(RevealOption.L, 3);
        using var layoutA = scheduleA.LayoutKey();
        using var layoutB = scheduleB.LayoutKey();
        using var networkA = scheduleA.NetworkKeyPair();
        using var networkB = scheduleB.NetworkKeyPair();

        var same = seedA.AsSpan().SequenceEqual(seedB);
        var differ = CryptoVectors.KeyHex(revealA) != CryptoVectors.KeyHex(revealB)
            && CryptoVectors.KeyHex(layoutA) != CryptoVectors.KeyHex(layoutB)
            && networkA.Address != networkB.Address;
        return (same ? !differ : differ).ToProperty();
    }

    [Property(MaxTest = 200)]
    public Property Different_option_or_interval_gives_a_different_reveal_key(byte optionA, ulong intervalA, byte optionB, ulong intervalB)
    {
        var a = Options[optionA % Options.Length];
        var b = Options[optionB % Options.Length];
        using var seed = CryptoVectors.Seed();
        using var schedule = new KeySchedule(seed);
        using var keyA = schedule.EncryptionKey(a, intervalA);
        using var keyB = schedule.EncryptionKey(b, intervalB);
        var sameInputs = a == b && intervalA == intervalB;
        return ((CryptoVectors.KeyHex(keyA) == CryptoVectors.KeyHex(keyB)) == sameInputs).ToProperty();
    }

    [Fact]
    public void Undefined_reveal_option_is_refused()
    {
        using var seed = CryptoVectors.Seed();
        using var schedule = new KeySchedule(seed);
        Assert.Throws<ArgumentOutOfRangeException>(() => schedule.EncryptionKey((RevealOption)5, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => RevealKey.FromBytes((RevealOption)255, 0, new byte[32]));
    }

    [Fact]
    public void Network_key_rederives_with_the_next_counter_while_the_candidate_is_not_a_valid_scalar()
    {
        var order = Hex.Decode("0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141");
        var valid = Hex.Decode(CryptoVectors.NetworkPrivateKey);
        var tried = new List<uint>();
        var scalar = new byte[32];

        var counter = KeySchedule.DeriveValidScalar(
            (candidate, c) =>
            {
                tried.Add(c);
                (c switch { 0 => order, 1 => new byte[32], _ => valid }).CopyTo(candidate);
            },
            scalar);

        Assert.Equal(2u, counter);
        Assert.Equal([0u, 1u, 2u], tried);
        Assert.Equal(valid, scalar);
    }

    [Fact]
    public void A_derivation_that_never_yields_a_scalar_fails_loudly_and_leaves_no_bytes()
    {
        var scalar = new byte[32];
        var error = Assert.Throws<CryptographicException>(() => KeySchedule.DeriveValidScalar((candidate, _) => candidate.Fill(0xff), scalar));
        Assert.Contains("scalar", error.Message, StringComparison.Ordinal);
        Assert.All(scalar, b => Assert.Equal(0, b));
    }

    [Fact]
    public void Nothing_prints_key_material()
    {
        using var seed = CryptoVectors.Seed();
        using var schedule = new KeySchedule(seed);
        using var reveal = schedule.EncryptionKey(RevealOption.M, 42);
        using var layout = schedule.LayoutKey();
        using var network = schedule.NetworkKeyPair();

        var printed = string.Join("\n", seed, schedule, reveal, layout, network);
        foreach (var secret in new[] { CryptoVectors.RevealKeyM42, CryptoVectors.LayoutKey, CryptoVectors.NetworkPrivateKey, Hex.Encode(CryptoVectors.SeedBytes) })
        {
            Assert.DoesNotContain(secret[2..10], printed, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal("RevealKey(M, interval 42, [redacted])", reveal.ToString());
        Assert.Equal($"Secp256k1KeyPair({CryptoVectors.NetworkAddress})", network.ToString());
    }

    [Fact]
    public void Disposed_keys_cannot_be_used()
    {
        using var seed = CryptoVectors.Seed();
        var schedule = new KeySchedule(seed);
        var reveal = schedule.EncryptionKey(RevealOption.XS, 1);
        reveal.Dispose();
        schedule.Dispose();
        Assert.Throws<ObjectDisposedException>(() => reveal.CopyTo(new byte[32]));
        Assert.Throws<ObjectDisposedException>(() => schedule.LayoutKey());
    }

    private static byte[] SeedFrom(byte[] bytes)
    {
        // 32 bytes from arbitrary input, never all zeros (refused by design).
        var seed = new byte[32];
        bytes.AsSpan(0, Math.Min(bytes.Length, 32)).CopyTo(seed);
        seed[31] |= 0x80;
        return seed;
    }
}
