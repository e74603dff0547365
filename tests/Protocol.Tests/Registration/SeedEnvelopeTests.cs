using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Registration;

namespace Obscuro.Protocol.Tests.Registration;

public class SeedEnvelopeTests
{
    private static readonly Address NetworkManagement = Address.Parse("0x5FbDB2315678afecb367f032d93F642f64180aa3");

    [Fact]
    public void The_seed_opens_only_for_its_recipient_chain_and_contract()
    {
        using var seed = MasterSeed.FromBytes(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        using var recipient = Secp256k1KeyPair.FromPrivateKey(Keccak256.HashToArray("recipient"u8));
        using var other = Secp256k1KeyPair.FromPrivateKey(Keccak256.HashToArray("other"u8));
        var ciphertext = SeedEnvelope.Encrypt(seed, recipient.PublicKey, 31337, NetworkManagement, SystemRandomSource.Instance);

        var opened = Ecies.Decrypt(recipient, ciphertext, SeedEnvelope.AssociatedData(31337, NetworkManagement, recipient.Address));
        Assert.Equal(Enumerable.Range(1, 32).Select(i => (byte)i), opened);
        Assert.Throws<CiphertextRejectedException>(() => Ecies.Decrypt(other, ciphertext, SeedEnvelope.AssociatedData(31337, NetworkManagement, other.Address)));
        Assert.Throws<CiphertextRejectedException>(() => Ecies.Decrypt(recipient, ciphertext, SeedEnvelope.AssociatedData(1, NetworkManagement, recipient.Address)));
        Assert.Throws<CiphertextRejectedException>(() => Ecies.Decrypt(recipient, ciphertext, SeedEnvelope.AssociatedData(31337, Address.Zero, recipient.Address)));
    }
}
