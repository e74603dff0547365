using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Protocol.Tests.Crypto;

public class SealerTests
{
    private static readonly byte[] State = "sealed state v1"u8.ToArray();

    private static byte[] VectorBlob() => Hex.Decode(CryptoVectors.SealedBlob);

    [Fact]
    public void Vector_with_a_fixed_salt()
    {
        using var key = SymmetricKey.FromBytes(CryptoVectors.SealingKeyBytes);
        var sealer = new Sealer(key, new ScriptedRandomSource(CryptoVectors.SealSalt));
        var blob = sealer.Seal(CryptoVectors.SealPurpose, CryptoVectors.SealIdentifier, State);

        Assert.Equal(CryptoVectors.SealedBlob, Hex.Encode(blob));
        Assert.Equal(State.Length + 57, blob.Length);
        Assert.Equal(CryptoVectors.SealSalt, blob[1..25]);
        Assert.Equal(State, sealer.Unseal(CryptoVectors.SealPurpose, CryptoVectors.SealIdentifier, blob));
    }

    [Property(MaxTest = 100)]
    public Property Round_trips_any_data_identifier_and_purpose(byte[] data, byte[] identifier, PositiveInt purposeLength)
    {
        using var key = SymmetricKey.Generate(SystemRandomSource.Instance);
        var sealer = new Sealer(key, SystemRandomSource.Instance);
        var purpose = new string('p', 1 + (purposeLength.Get % Sealer.MaxPurposeLength));
        var blob = sealer.Seal(purpose, identifier, data);
        var plaintext = new byte[Sealer.PlaintextLength(blob.Length)];
        var ok = sealer.TryUnseal(purpose, identifier, blob, plaintext, out var length, out _);
        return (ok && length == data.Length && plaintext.AsSpan().SequenceEqual(data)).ToProperty();
    }

    [Fact]
    public void Large_identifiers_work()
    {
        using var key = SymmetricKey.Generate(SystemRandomSource.Instance);
        var sealer = new Sealer(key, SystemRandomSource.Instance);
        var identifier = new byte[5000];
        identifier[^1] = 1;
        var blob = sealer.Seal("p", identifier, State);
        Assert.Equal(State, sealer.Unseal("p", identifier, blob));
        identifier[^1] = 2;
        Assert.Equal(CiphertextRejection.AssociatedDataMismatch, Assert.Throws<CiphertextRejectedException>(() => sealer.Unseal("p", identifier, blob)).Reason);
    }

    [Fact]
    public void The_same_data_sealed_twice_gives_different_blobs()
    {
        using var key = SymmetricKey.Generate(SystemRandomSource.Instance);
        var sealer = new Sealer(key, SystemRandomSource.Instance);
        Assert.NotEqual(sealer.Seal("p", [1], State), sealer.Seal("p", [1], State));
    }

    [Fact]
    public void Empty_input_is_too_short() => AssertRejected([], CiphertextRejection.TooShort);

    [Theory]
    [InlineData(0x00)]
    [InlineData(0x02)]
    public void Unknown_version_is_refused(byte version)
    {
        var blob = VectorBlob();
        blob[0] = version;
        AssertRejected(blob, CiphertextRejection.UnsupportedVersion);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(56)]
    public void Shorter_than_the_overhead_is_refused(int length) => AssertRejected(VectorBlob()[..length], CiphertextRejection.TooShort);

    [Theory]
    [InlineData(1)]  // salt
    [InlineData(25)] // adTag
    [InlineData(41)] // ciphertext
    [InlineData(71)] // GCM tag
    public void Modified_bytes_fail_authentication(int index)
    {
        var blob = VectorBlob();
        blob[index] ^= 0x01;
        AssertRejected(blob, CiphertextRejection.AuthenticationFailed);
    }

    [Fact]
    public void Another_key_fails_authentication()
    {
        using var other = SymmetricKey.Generate(SystemRandomSource.Instance);
        AssertRejected(VectorBlob(), CiphertextRejection.AuthenticationFailed, other);
    }

    [Theory]
    [InlineData("AccountGrain.State", new byte[] { 0x0a, 0x0b, 0x0c })]
    [InlineData("EnclaveGrain.state", new byte[] { 0x0a, 0x0b, 0x0c })]
    [InlineData(CryptoVectors.SealPurpose, new byte[] { 0x0a, 0x0b })]
    [InlineData(CryptoVectors.SealPurpose, new byte[] { 0x0a, 0x0b, 0x0c, 0x00 })]
    public void Another_purpose_or_identifier_is_its_own_rejection(string purpose, byte[] identifier) =>
        AssertRejected(VectorBlob(), CiphertextRejection.AssociatedDataMismatch, purpose: purpose, identifier: identifier);

    [Fact]
    public void Purpose_and_identifier_cannot_be_traded_for_each_other()
    {
        using var key = SymmetricKey.Generate(SystemRandomSource.Instance);
        var sealer = new Sealer(key, SystemRandomSource.Instance);
        var blob = sealer.Seal("ab", "c"u8, State);
        Assert.Equal(CiphertextRejection.AssociatedDataMismatch, Assert.Throws<CiphertextRejectedException>(() => sealer.Unseal("a", "bc"u8, blob)).Reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("tab\there")]
    [InlineData("naïve")]
    public void Purposes_must_be_printable_ascii(string purpose)
    {
        using var key = SymmetricKey.Generate(SystemRandomSource.Instance);
        var sealer = new Sealer(key, SystemRandomSource.Instance);
        Assert.Throws<ArgumentException>(() => sealer.Seal(purpose, [], State));
        Assert.Throws<ArgumentException>(() => sealer.Seal(new string('x', Sealer.MaxPurposeLength + 1), [], State));
    }

    [Fact]
    public void Prints_no_key()
    {
        using var key = SymmetricKey.FromBytes(CryptoVectors.SealingKeyBytes);
        Assert.Equal("SymmetricKey([redacted])", key.ToString());
        Assert.Equal("Sealer([redacted])", new Sealer(key, SystemRandomSource.Instance).ToString());
    }

    private static void AssertRejected(byte[] blob, CiphertextRejection expected, SymmetricKey? key = null, string purpose = CryptoVectors.SealPurpose, byte[]? identifier = null)
    {
        using var vectorKey = SymmetricKey.FromBytes(CryptoVectors.SealingKeyBytes);
        var sealer = new Sealer(key ?? vectorKey, SystemRandomSource.Instance);
        identifier ??= CryptoVectors.SealIdentifier;
        var before = (byte[])blob.Clone();
        var plaintext = Enumerable.Repeat((byte)0xaa, Math.Max(1, Sealer.PlaintextLength(blob.Length))).ToArray();

        Assert.False(sealer.TryUnseal(purpose, identifier, blob, plaintext, out var length, out var rejection));
        Assert.Equal(expected, rejection);
        Assert.Equal(0, length);
        Assert.All(plaintext, b => Assert.Equal(0, b));
        Assert.Equal(before, blob);
        var error = Assert.Throws<CiphertextRejectedException>(() => sealer.Unseal(purpose, identifier, blob));
        Assert.Equal(expected, error.Reason);
        Assert.StartsWith("Sealed blob rejected:", error.Message, StringComparison.Ordinal);
        Assert.Equal(State, new Sealer(vectorKey, SystemRandomSource.Instance).Unseal(CryptoVectors.SealPurpose, CryptoVectors.SealIdentifier, VectorBlob()));
    }
}
