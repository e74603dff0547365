using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Protocol.Tests.Crypto;

public class EciesTests
{
    private static readonly byte[] Message = "Obscuro ECIES test vector"u8.ToArray();
    private static readonly byte[] Context = "chain 443"u8.ToArray();

    private static Secp256k1KeyPair NetworkKey()
    {
        using var seed = CryptoVectors.Seed();
        using var schedule = new KeySchedule(seed);
        return schedule.NetworkKeyPair();
    }

    private static byte[] VectorCiphertext() => Hex.Decode(CryptoVectors.EciesCiphertext);

    [Fact]
    public void Vector_with_a_fixed_ephemeral_key()
    {
        using var network = NetworkKey();
        var ephemeral = Hex.Decode(CryptoVectors.EphemeralPrivateKey);
        var ciphertext = Ecies.Encrypt(network.PublicKey, Message, Context, new ScriptedRandomSource(ephemeral));

        Assert.Equal(CryptoVectors.EciesCiphertext, Hex.Encode(ciphertext));
        Assert.Equal(Message.Length + 66, ciphertext.Length);
        Assert.Equal(Ecies.Version1, ciphertext[0]);
        Assert.Equal(Secp256k1.Compress(Secp256k1.DerivePublicKey(ephemeral)), ciphertext[1..34]);
        Assert.Equal(Message, Ecies.Decrypt(network, ciphertext, Context));
    }

    [Fact]
    public void Any_public_key_form_gives_the_same_ciphertext()
    {
        using var network = NetworkKey();
        var ephemeral = Hex.Decode(CryptoVectors.EphemeralPrivateKey);
        var prefixed = new byte[65];
        prefixed[0] = 0x04;
        network.PublicKey.CopyTo(prefixed.AsSpan(1));
        foreach (var form in new[] { network.PublicKey.ToArray(), network.CompressedPublicKey.ToArray(), prefixed })
        {
            Assert.Equal(CryptoVectors.EciesCiphertext, Hex.Encode(Ecies.Encrypt(form, Message, Context, new ScriptedRandomSource(ephemeral))));
        }
    }

    [Property(MaxTest = 100)]
    public Property Round_trips_any_message_and_associated_data(byte[] message, byte[] associatedData, ulong randomSeed)
    {
        using var recipient = Secp256k1KeyPair.Generate(new DeterministicRandomSource(BitConverter.GetBytes(randomSeed)));
        var ciphertext = Ecies.Encrypt(recipient.PublicKey, message, associatedData, SystemRandomSource.Instance);
        var plaintext = new byte[Ecies.PlaintextLength(ciphertext.Length) + 3];
        var ok = Ecies.TryDecrypt(recipient, ciphertext, associatedData, plaintext, out var length, out var rejection);
        return (ok && rejection == CiphertextRejection.None && length == message.Length && plaintext.AsSpan(0, length).SequenceEqual(message)).ToProperty();
    }

    [Fact]
    public void Each_message_gets_a_fresh_ephemeral_key()
    {
        using var network = NetworkKey();
        var a = Ecies.Encrypt(network.PublicKey, Message, Context, SystemRandomSource.Instance);
        var b = Ecies.Encrypt(network.PublicKey, Message, Context, SystemRandomSource.Instance);
        Assert.NotEqual(a[1..34], b[1..34]);
        Assert.NotEqual(a[34..], b[34..]);
    }

    [Fact]
    public void Empty_input_is_too_short() => AssertRejected([], Context, CiphertextRejection.TooShort);

    [Theory]
    [InlineData(0x00)]
    [InlineData(0x02)]
    [InlineData(0x04)]
    [InlineData(0xff)]
    public void Unknown_version_is_refused(byte version)
    {
        var ciphertext = VectorCiphertext();
        ciphertext[0] = version;
        AssertRejected(ciphertext, Context, CiphertextRejection.UnsupportedVersion);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(34)]
    [InlineData(65)]
    public void Shorter_than_the_overhead_is_refused(int length) =>
        AssertRejected(VectorCiphertext()[..length], Context, CiphertextRejection.TooShort);

    [Fact]
    public void An_empty_message_is_exactly_the_overhead_and_opens()
    {
        using var network = NetworkKey();
        var ciphertext = Ecies.Encrypt(network.PublicKey, [], Context, SystemRandomSource.Instance);
        Assert.Equal(Ecies.Overhead, ciphertext.Length);
        Assert.Empty(Ecies.Decrypt(network, ciphertext, Context));
    }

    [Theory]
    [InlineData(0x04)] // the uncompressed prefix is not valid in a 33-byte key
    [InlineData(0x05)]
    [InlineData(0x00)]
    public void Bad_ephemeral_prefix_is_refused(byte prefix)
    {
        var ciphertext = VectorCiphertext();
        ciphertext[1] = prefix;
        AssertRejected(ciphertext, Context, CiphertextRejection.BadEphemeralKey);
    }

    [Fact]
    public void Ephemeral_x_not_on_the_curve_is_refused()
    {
        var ciphertext = VectorCiphertext();
        // x = 5 gives x³ + 7 = 132, which is not a square mod p; x = p is out of range.
        var five = new byte[32];
        five[31] = 5;
        five.CopyTo(ciphertext, 2);
        AssertRejected(ciphertext, Context, CiphertextRejection.BadEphemeralKey);

        Hex.Decode("0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f").CopyTo(ciphertext, 2);
        AssertRejected(ciphertext, Context, CiphertextRejection.BadEphemeralKey);
    }

    [Fact]
    public void Negated_ephemeral_key_is_refused_not_accepted_as_a_second_encoding()
    {
        // -E has the same x, so the ECDH output is the same; binding E into the key derivation makes it fail.
        var ciphertext = VectorCiphertext();
        ciphertext[1] ^= 0x01;
        AssertRejected(ciphertext, Context, CiphertextRejection.AuthenticationFailed);
    }

    [Theory]
    [InlineData(34)] // adTag
    [InlineData(49)]
    [InlineData(50)] // first ciphertext byte
    [InlineData(74)] // last ciphertext byte
    [InlineData(75)] // GCM tag
    [InlineData(90)]
    public void Modified_bytes_fail_authentication(int index)
    {
        var ciphertext = VectorCiphertext();
        ciphertext[index] ^= 0x80;
        AssertRejected(ciphertext, Context, CiphertextRejection.AuthenticationFailed);
    }

    [Fact]
    public void Wrong_recipient_fails_authentication()
    {
        using var other = Secp256k1KeyPair.Generate(SystemRandomSource.Instance);
        AssertRejected(VectorCiphertext(), Context, CiphertextRejection.AuthenticationFailed, other);
    }

    [Theory]
    [InlineData("")]
    [InlineData("chain 444")]
    [InlineData("chain 443 ")]
    public void Wrong_associated_data_is_its_own_rejection(string associatedData) =>
        AssertRejected(VectorCiphertext(), System.Text.Encoding.ASCII.GetBytes(associatedData), CiphertextRejection.AssociatedDataMismatch);

    [Property(MaxTest = 100)]
    public Property Any_single_bit_flip_is_refused(int position, byte bit)
    {
        using var network = NetworkKey();
        var ciphertext = VectorCiphertext();
        var index = (int)((uint)position % (uint)ciphertext.Length);
        ciphertext[index] ^= (byte)(1 << (bit % 8));
        var plaintext = new byte[ciphertext.Length];
        return (!Ecies.TryDecrypt(network, ciphertext, Context, plaintext, out _, out var rejection) && rejection != CiphertextRejection.None).ToProperty();
    }

    [Fact]
    public void Decrypt_throws_with_the_reason_and_no_secrets_in_the_message()
    {
        using var network = NetworkKey();
        var error = Assert.Throws<CiphertextRejectedException>(() => Ecies.Decrypt(network, VectorCiphertext(), "other"u8));
        Assert.Equal(CiphertextRejection.AssociatedDataMismatch, error.Reason);
        Assert.StartsWith("ECIES ciphertext rejected:", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(CryptoVectors.NetworkPrivateKey[2..10], error.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Obscuro ECIES", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Encrypting_to_something_that_is_not_a_public_key_is_a_caller_error()
    {
        Assert.Throws<ArgumentException>(() => Ecies.Encrypt(new byte[64], Message, Context, SystemRandomSource.Instance));
        Assert.Throws<ArgumentException>(() => Ecies.Encrypt(new byte[20], Message, Context, SystemRandomSource.Instance));
        using var network = NetworkKey();
        Assert.Throws<ArgumentException>(() => Ecies.Encrypt(network.PublicKey, Message, Context, SystemRandomSource.Instance, new byte[Message.Length + 65]));
        Assert.Throws<ArgumentException>(() => Ecies.TryDecrypt(network, VectorCiphertext(), Context, new byte[Message.Length - 1], out _, out _));
    }

    [Fact]
    public void Decryption_allocates_almost_nothing()
    {
        using var network = NetworkKey();
        var ciphertext = VectorCiphertext();
        var plaintext = new byte[Message.Length];
        Assert.True(Ecies.TryDecrypt(network, ciphertext, Context, plaintext, out _, out _)); // warm up
        const int Calls = 50;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Calls; i++)
        {
            Ecies.TryDecrypt(network, ciphertext, Context, plaintext, out _, out _);
        }

        var perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / Calls;
        Assert.True(perCall <= 256, $"TryDecrypt allocated {perCall} bytes per call.");
    }

    /// <summary>Checks the reason, that the plaintext buffer holds nothing, that the input is untouched, and that the key still opens a good ciphertext.</summary>
    private static void AssertRejected(byte[] ciphertext, byte[] associatedData, CiphertextRejection expected, Secp256k1KeyPair? recipient = null)
    {
        using var network = NetworkKey();
        var key = recipient ?? network;
        var before = (byte[])ciphertext.Clone();
        var plaintext = Enumerable.Repeat((byte)0xaa, Math.Max(1, Ecies.PlaintextLength(ciphertext.Length))).ToArray();

        Assert.False(Ecies.TryDecrypt(key, ciphertext, associatedData, plaintext, out var length, out var rejection));
        Assert.Equal(expected, rejection);
        Assert.Equal(0, length);
        Assert.All(plaintext, b => Assert.Equal(0, b));
        Assert.Equal(before, ciphertext);
        Assert.Equal(expected, Assert.Throws<CiphertextRejectedException>(() => Ecies.Decrypt(key, ciphertext, associatedData)).Reason);
        Assert.Equal(Message, Ecies.Decrypt(network, VectorCiphertext(), Context));
    }
}
