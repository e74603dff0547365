using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Protocol.Tests.Crypto;

public class RollupCipherTests
{
    private static readonly RevealOption[] Options = Enum.GetValues<RevealOption>();
    private static readonly byte[] Group = "group of M transactions"u8.ToArray();

    private static byte[] VectorGroup() => Hex.Decode(CryptoVectors.GroupCiphertext);

    [Fact]
    public void Group_vector()
    {
        using var seed = CryptoVectors.Seed();
        using var schedule = new KeySchedule(seed);
        using var key = schedule.EncryptionKey(RevealOption.M, 42);
        var ciphertext = RollupCipher.EncryptGroup(key, CryptoVectors.Rollup, Group);

        Assert.Equal(CryptoVectors.GroupCiphertext, Hex.Encode(ciphertext));
        Assert.Equal(Group.Length + 41, ciphertext.Length);
        Assert.Equal(Group, RollupCipher.DecryptGroup(key, CryptoVectors.Rollup, ciphertext));
    }

    [Fact]
    public void Layout_vector()
    {
        using var seed = CryptoVectors.Seed();
        using var schedule = new KeySchedule(seed);
        using var key = schedule.LayoutKey();
        var ciphertext = RollupCipher.EncryptLayout(key, CryptoVectors.Rollup, CryptoVectors.LayoutPlaintext);

        Assert.Equal(CryptoVectors.LayoutCiphertext, Hex.Encode(ciphertext));
        Assert.Equal(CryptoVectors.LayoutPlaintext, RollupCipher.DecryptLayout(key, CryptoVectors.Rollup, ciphertext));
    }

    [Fact]
    public void A_released_key_opens_its_group_with_public_data_only()
    {
        // What a node operator does after the interval ends: rebuild the key from its published bytes, option and
        // interval, and the rollup context from the published header.
        using var released = RevealKey.FromBytes(RevealOption.M, 42, Hex.Decode(CryptoVectors.RevealKeyM42));
        var rollup = new RollupContext(CryptoVectors.Rollup.ParentHash, 7, Address.Parse(CryptoVectors.NetworkAddress));
        Assert.Equal(Group, RollupCipher.DecryptGroup(released, rollup, VectorGroup()));
    }

    [Fact]
    public void Encryption_is_deterministic_and_depends_on_every_input()
    {
        using var seed = CryptoVectors.Seed();
        using var schedule = new KeySchedule(seed);
        using var key = schedule.EncryptionKey(RevealOption.M, 42);
        var rollup = CryptoVectors.Rollup;
        var reference = RollupCipher.EncryptGroup(key, rollup, Group);

        Assert.Equal(reference, RollupCipher.EncryptGroup(key, rollup, Group));
        var variants = new[]
        {
            RollupCipher.EncryptGroup(key, rollup with { Generation = 8 }, Group),
            RollupCipher.EncryptGroup(key, rollup with { ParentHash = Keccak256.Hash("other"u8) }, Group),
            RollupCipher.EncryptGroup(key, rollup with { Aggregator = Address.Zero }, Group),
            RollupCipher.EncryptGroup(key, rollup, "group of M transactionz"u8),
        };
        Assert.All(variants, v => Assert.NotEqual(reference[1..25], v[1..25]));
    }

    [Property(MaxTest = 100)]
    public Property A_reveal_key_opens_its_group_and_no_other(byte[] group, byte optionByte, ulong interval, byte otherOptionByte, ulong otherInterval)
    {
        var option = Options[optionByte % Options.Length];
        var otherOption = Options[otherOptionByte % Options.Length];
        if (option == otherOption && interval == otherInterval)
        {
            otherInterval++;
        }

        using var seed = CryptoVectors.Seed();
        using var schedule = new KeySchedule(seed);
        using var key = schedule.EncryptionKey(option, interval);
        using var otherKey = schedule.EncryptionKey(otherOption, otherInterval);
        var ciphertext = RollupCipher.EncryptGroup(key, CryptoVectors.Rollup, group);

        var plaintext = new byte[RollupCipher.PlaintextLength(ciphertext.Length)];
        var opens = RollupCipher.TryDecryptGroup(key, CryptoVectors.Rollup, ciphertext, plaintext, out var length, out _)
            && plaintext.AsSpan(0, length).SequenceEqual(group);
        var otherFails = !RollupCipher.TryDecryptGroup(otherKey, CryptoVectors.Rollup, ciphertext, plaintext, out _, out var rejection)
            && rejection == CiphertextRejection.AuthenticationFailed;
        return (opens && otherFails).ToProperty();
    }

    [Fact]
    public void Groups_concatenated_into_a_blob_open_each_with_their_own_key_at_the_layout_positions()
    {
        using var seed = CryptoVectors.Seed();
        using var schedule = new KeySchedule(seed);
        var groups = new (RevealOption Option, ulong Interval, byte[] Plaintext)[]
        {
            (RevealOption.XS, 1000, "fast"u8.ToArray()),
            (RevealOption.S, 3, "hourly"u8.ToArray()),
            (RevealOption.XL, 0, "yearly group"u8.ToArray()),
        };
        var blob = new List<byte>();
        var positions = new List<(int Offset, int Length)>();
        foreach (var (option, interval, plaintext) in groups)
        {
            using var key = schedule.EncryptionKey(option, interval);
            var ciphertext = RollupCipher.EncryptGroup(key, CryptoVectors.Rollup, plaintext);
            positions.Add((blob.Count, ciphertext.Length));
            blob.AddRange(ciphertext);
        }

        var bytes = blob.ToArray();
        for (var i = 0; i < groups.Length; i++)
        {
            using var key = schedule.EncryptionKey(groups[i].Option, groups[i].Interval);
            for (var j = 0; j < groups.Length; j++)
            {
                var slice = bytes.AsSpan(positions[j].Offset, positions[j].Length);
                var plaintext = new byte[RollupCipher.PlaintextLength(slice.Length)];
                var opened = RollupCipher.TryDecryptGroup(key, CryptoVectors.Rollup, slice, plaintext, out _, out var rejection);
                Assert.Equal(i == j, opened);
                Assert.Equal(i == j ? CiphertextRejection.None : CiphertextRejection.AuthenticationFailed, rejection);
                if (opened)
                {
                    Assert.Equal(groups[i].Plaintext, plaintext);
                }
            }
        }
    }

    [Fact]
    public void Empty_input_is_too_short() => AssertGroupRejected([], CiphertextRejection.TooShort);

    [Theory]
    [InlineData(0x00)]
    [InlineData(0x02)]
    public void Unknown_version_is_refused(byte version)
    {
        var ciphertext = VectorGroup();
        ciphertext[0] = version;
        AssertGroupRejected(ciphertext, CiphertextRejection.UnsupportedVersion);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(40)]
    public void Shorter_than_the_overhead_is_refused(int length) => AssertGroupRejected(VectorGroup()[..length], CiphertextRejection.TooShort);

    [Theory]
    [InlineData(1)]  // synthetic salt
    [InlineData(24)]
    [InlineData(25)] // ciphertext
    [InlineData(48)] // GCM tag
    [InlineData(63)]
    public void Modified_bytes_fail_authentication(int index)
    {
        var ciphertext = VectorGroup();
        ciphertext[index] ^= 0x40;
        AssertGroupRejected(ciphertext, CiphertextRejection.AuthenticationFailed);
    }

    [Fact]
    public void Another_rollup_is_an_associated_data_mismatch()
    {
        AssertGroupRejected(VectorGroup(), CiphertextRejection.AssociatedDataMismatch, rollup: CryptoVectors.Rollup with { Generation = 8 });
        AssertGroupRejected(VectorGroup(), CiphertextRejection.AssociatedDataMismatch, rollup: CryptoVectors.Rollup with { Aggregator = Address.Zero });
    }

    [Fact]
    public void The_right_key_bytes_under_the_wrong_option_or_interval_label_are_an_associated_data_mismatch()
    {
        var bytes = Hex.Decode(CryptoVectors.RevealKeyM42);
        using var wrongOption = RevealKey.FromBytes(RevealOption.L, 42, bytes);
        using var wrongInterval = RevealKey.FromBytes(RevealOption.M, 43, bytes);
        AssertGroupRejected(VectorGroup(), CiphertextRejection.AssociatedDataMismatch, wrongOption);
        AssertGroupRejected(VectorGroup(), CiphertextRejection.AssociatedDataMismatch, wrongInterval);
    }

    [Fact]
    public void Layout_key_and_reveal_keys_do_not_open_each_others_ciphertexts()
    {
        var keyBytes = Hex.Decode(CryptoVectors.RevealKeyM42);
        using var reveal = RevealKey.FromBytes(RevealOption.M, 42, keyBytes);
        using var sameBytesAsLayoutKey = SymmetricKey.FromBytes(keyBytes);
        using var layoutKey = SymmetricKey.FromBytes(Hex.Decode(CryptoVectors.LayoutKey));

        // Even with identical key bytes, the group and layout labels give different keys.
        var error = Assert.Throws<CiphertextRejectedException>(() => RollupCipher.DecryptLayout(sameBytesAsLayoutKey, CryptoVectors.Rollup, VectorGroup()));
        Assert.Equal(CiphertextRejection.AuthenticationFailed, error.Reason);
        Assert.StartsWith("Rollup layout rejected:", error.Message, StringComparison.Ordinal);

        var layout = Hex.Decode(CryptoVectors.LayoutCiphertext);
        Assert.Equal(CiphertextRejection.AuthenticationFailed, Assert.Throws<CiphertextRejectedException>(() => RollupCipher.DecryptGroup(reveal, CryptoVectors.Rollup, layout)).Reason);
        Assert.Equal(CiphertextRejection.AssociatedDataMismatch, Assert.Throws<CiphertextRejectedException>(() => RollupCipher.DecryptLayout(layoutKey, CryptoVectors.Rollup with { Generation = 1 }, layout)).Reason);
    }

    private static void AssertGroupRejected(byte[] ciphertext, CiphertextRejection expected, RevealKey? key = null, RollupContext? rollup = null)
    {
        using var vectorKey = RevealKey.FromBytes(RevealOption.M, 42, Hex.Decode(CryptoVectors.RevealKeyM42));
        var before = (byte[])ciphertext.Clone();
        var plaintext = Enumerable.Repeat((byte)0xaa, Math.Max(1, RollupCipher.PlaintextLength(ciphertext.Length))).ToArray();
        var context = rollup ?? CryptoVectors.Rollup;

        Assert.False(RollupCipher.TryDecryptGroup(key ?? vectorKey, context, ciphertext, plaintext, out var length, out var rejection));
        Assert.Equal(expected, rejection);
        Assert.Equal(0, length);
        Assert.All(plaintext, b => Assert.Equal(0, b));
        Assert.Equal(before, ciphertext);
        var error = Assert.Throws<CiphertextRejectedException>(() => RollupCipher.DecryptGroup(key ?? vectorKey, context, ciphertext));
        Assert.Equal(expected, error.Reason);
        Assert.StartsWith("Rollup group rejected:", error.Message, StringComparison.Ordinal);
        Assert.Equal(Group, RollupCipher.DecryptGroup(vectorKey, CryptoVectors.Rollup, VectorGroup()));
    }
}
