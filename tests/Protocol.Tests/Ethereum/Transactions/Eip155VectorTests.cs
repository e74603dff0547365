using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Ethereum.Transactions;

namespace Obscuro.Protocol.Tests.Ethereum.Transactions;

/// <summary>The worked example in the text of EIP-155.</summary>
public class Eip155VectorTests
{
    private static readonly byte[] PrivateKey = Hex.Decode("0x4646464646464646464646464646464646464646464646464646464646464646");

    private const string SigningData = "0xec098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a764000080018080";
    private const string SigningHash = "0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53";
    private const string SignedRaw =
        "0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83";

    private static LegacyTransaction Unsigned() => new(
        nonce: 9,
        gasPrice: 20_000_000_000UL,
        gasLimit: 21_000,
        to: Address.Parse("0x3535353535353535353535353535353535353535"),
        value: UInt256.Parse("1000000000000000000"),
        data: ReadOnlyMemory<byte>.Empty,
        chainId: 1);

    [Fact]
    public void Signing_data_and_hash_match_the_eip()
    {
        var transaction = Unsigned();
        Assert.Equal(SigningData, Hex.Encode(transaction.EncodeForSigning()));
        Assert.Equal(SigningHash, transaction.ComputeSigningHash().ToString());
    }

    [Fact]
    public void Signature_and_raw_bytes_match_the_eip()
    {
        var signed = Unsigned().Sign(PrivateKey);
        var signature = signed.Signature!.Value;
        Assert.Equal(new UInt256(37), signature.V);
        Assert.Equal(UInt256.Parse("18515461264373351373200002665853028612451056578545711640558177340181847433846"), signature.R);
        Assert.Equal(UInt256.Parse("46948507304638947509940763649030358759909902576025900602547168820602576006531"), signature.S);
        Assert.Equal(SignedRaw, Hex.Encode(signed.Encode()));
        Assert.Equal(signed.EncodedLength, signed.Encode().Length);
    }

    [Fact]
    public void Decoding_the_raw_bytes_recovers_chain_and_sender()
    {
        var decoded = Assert.IsType<LegacyTransaction>(Transaction.Decode(Hex.Decode(SignedRaw)));
        Assert.Equal(1UL, decoded.ChainId);
        Assert.Equal(9UL, decoded.Nonce);
        Assert.Equal(new UInt256(20_000_000_000UL), decoded.GasPrice);
        Assert.Equal(SigningHash, decoded.ComputeSigningHash().ToString());
        Assert.Equal(Secp256k1.DeriveAddress(PrivateKey), decoded.RecoverSender());
        Assert.Equal(Address.Parse("0x9d8A62f656a8d1615C1294fd71e9CFb3E4855A4F"), decoded.RecoverSender(expectedChainId: 1));
        Assert.Equal(Keccak256.Hash(Hex.Decode(SignedRaw)), decoded.ComputeHash());
    }

    [Fact]
    public void The_same_transaction_is_rejected_for_another_chain()
    {
        var decoded = Transaction.Decode(Hex.Decode(SignedRaw));
        Assert.False(decoded.TryRecoverSender(expectedChainId: 31337, out _, out var error));
        Assert.Equal(SignatureError.WrongChainId, error);
        var exception = Assert.Throws<InvalidSignatureException>(() => decoded.RecoverSender(31337));
        Assert.Equal(SignatureError.WrongChainId, exception.Error);
        Assert.Contains("for chain 1 but chain 31337 was expected", exception.Message, StringComparison.Ordinal);
    }
}
