using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Ethereum.Transactions;

namespace Obscuro.Protocol.Tests.Ethereum.Transactions;

public class SenderRecoveryTests
{
    private static readonly UInt256 CurveOrder = UInt256.Parse("0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141");

    private static Transaction DynamicFee() => Transaction.Decode(Hex.Decode(AnvilVectors.DynamicFeeRaw));

    private static SignatureError ErrorOf(Transaction transaction)
    {
        Assert.False(transaction.TryRecoverSender(out var sender, out var error));
        Assert.Equal(default, sender);
        var exception = Assert.Throws<InvalidSignatureException>(() => transaction.RecoverSender());
        Assert.Equal(error, exception.Error);
        Assert.Equal(transaction.DescribeError(error, null), exception.Message);
        return error;
    }

    [Fact]
    public void An_unsigned_transaction_has_no_sender_hash_or_encoding()
    {
        var transaction = AnvilVectors.BuildUnsigned(nameof(AnvilVectors.DynamicFeeRaw));
        Assert.Equal(SignatureError.MissingSignature, ErrorOf(transaction));
        Assert.Throws<InvalidOperationException>(() => transaction.Encode());
        Assert.Throws<InvalidOperationException>(() => transaction.ComputeHash());
        // Its signing hash exists: it is what gets signed.
        Assert.Equal(DynamicFee().ComputeSigningHash(), transaction.ComputeSigningHash());
    }

    [Fact]
    public void The_high_s_twin_of_a_valid_signature_is_rejected()
    {
        // (r, n − s) with the other parity is the same point signature in its other form; EIP-2 allows only low s.
        var valid = DynamicFee();
        var signature = valid.Signature!.Value;
        var twin = new TransactionSignature(signature.V.IsZero ? UInt256.One : UInt256.Zero, signature.R, CurveOrder - signature.S);
        var transaction = valid.WithSignature(twin);
        Assert.Equal(SignatureError.HighS, ErrorOf(transaction));
        Assert.Contains("above n/2", transaction.DescribeError(SignatureError.HighS, null), StringComparison.Ordinal);
    }

    public static TheoryData<string, string, SignatureError> OutOfRange => new()
    {
        { "0x0", "0x1", SignatureError.InvalidR },
        { "0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", "0x1", SignatureError.InvalidR },
        { "0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF", "0x1", SignatureError.InvalidR },
        { "0x1", "0x0", SignatureError.InvalidS },
        { "0x1", "0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", SignatureError.InvalidS },
        { "0x1", "0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A1", SignatureError.HighS },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void Rejects_r_and_s_out_of_range(string r, string s, SignatureError expected)
    {
        var transaction = DynamicFee().WithSignature(new TransactionSignature(UInt256.Zero, UInt256.Parse(r), UInt256.Parse(s)));
        Assert.Equal(expected, ErrorOf(transaction));
    }

    [Fact]
    public void The_largest_low_s_is_accepted_by_the_range_checks()
    {
        // s = n/2 exactly is low; whatever it recovers, the failure (if any) is not a range error.
        var transaction = DynamicFee().WithSignature(new TransactionSignature(UInt256.Zero, DynamicFee().Signature!.Value.R,
            UInt256.Parse("0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0")));
        _ = transaction.TryRecoverSender(out _, out var error);
        Assert.True(error is SignatureError.None or SignatureError.NotRecoverable, error.ToString());
    }

    [Fact]
    public void An_r_that_is_no_curve_point_x_is_not_recoverable()
    {
        // About half of all x have no point; scanning small r finds one quickly.
        var baseline = DynamicFee();
        var found = false;
        for (ulong r = 1; r < 64 && !found; r++)
        {
            var transaction = baseline.WithSignature(new TransactionSignature(UInt256.Zero, r, 1));
            if (!transaction.TryRecoverSender(out _, out var error))
            {
                Assert.Equal(SignatureError.NotRecoverable, error);
                found = true;
            }
        }

        Assert.True(found);
    }

    [Theory]
    [InlineData(2UL)]
    [InlineData(27UL)]
    [InlineData(37UL)]
    public void Typed_transactions_need_a_y_parity_of_0_or_1(ulong v)
    {
        var valid = DynamicFee();
        var transaction = valid.WithSignature(valid.Signature!.Value with { V = v });
        Assert.Equal(SignatureError.InvalidV, ErrorOf(transaction));
        Assert.Contains($"must be 0 or 1, got {v}", transaction.DescribeError(SignatureError.InvalidV, null), StringComparison.Ordinal);
    }

    [Fact]
    public void Legacy_v_must_match_the_chain_id()
    {
        var valid = (LegacyTransaction)Transaction.Decode(Hex.Decode(AnvilVectors.Legacy155Raw));
        var signature = valid.Signature!.Value;

        // The same signature claimed for chain 1 (v would be 37/38).
        var otherChain = new LegacyTransaction(valid.Nonce, valid.GasPrice, valid.GasLimit, valid.To, valid.Value, valid.Data, 1, signature);
        Assert.Equal(SignatureError.ChainIdMismatch, ErrorOf(otherChain));
        Assert.Contains("implies chain 31337, but the transaction is for chain 1 (v must be 37 or 38)",
            otherChain.DescribeError(SignatureError.ChainIdMismatch, null), StringComparison.Ordinal);

        // A pre-EIP-155 v on a transaction that names a chain.
        var noChainV = otherChain.WithSignature(signature with { V = 27 });
        Assert.Equal(SignatureError.ChainIdMismatch, ErrorOf(noChainV));

        // An EIP-155 v on a transaction that names no chain.
        var unprotected = new LegacyTransaction(valid.Nonce, valid.GasPrice, valid.GasLimit, valid.To, valid.Value, valid.Data, null, signature);
        Assert.Equal(SignatureError.ChainIdMismatch, ErrorOf(unprotected));
        Assert.Contains("is an EIP-155 value (chain 31337), but the transaction has no chain id",
            unprotected.DescribeError(SignatureError.ChainIdMismatch, null), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0UL)]
    [InlineData(1UL)]
    [InlineData(26UL)]
    [InlineData(29UL)]
    [InlineData(34UL)]
    public void Legacy_v_outside_27_28_and_eip155_is_invalid(ulong v)
    {
        // Decoding keeps such a v (it is well-formed RLP); recovery names the problem.
        var valid = Transaction.Decode(Hex.Decode(AnvilVectors.LegacyPre155Raw));
        var transaction = Transaction.Decode(valid.WithSignature(valid.Signature!.Value with { V = v }).Encode());
        Assert.Null(transaction.ChainId);
        Assert.Equal(SignatureError.InvalidV, ErrorOf(transaction));
        Assert.Contains("must be 27 or 28", transaction.DescribeError(SignatureError.InvalidV, null), StringComparison.Ordinal);
    }

    [Fact]
    public void Pre_eip155_v_recovers_with_either_parity()
    {
        var key = AnvilVectors.SenderKey;
        for (ulong nonce = 0; nonce < 8; nonce++)
        {
            var signed = new LegacyTransaction(nonce, 1, 21_000, AnvilVectors.Recipient, 1, ReadOnlyMemory<byte>.Empty, null).Sign(key);
            Assert.True(signed.Signature!.Value.V == 27 || signed.Signature!.Value.V == 28);
            Assert.Equal(AnvilVectors.Sender, Transaction.Decode(signed.Encode()).RecoverSender());
        }
    }

    [Fact]
    public void A_changed_field_recovers_a_different_sender()
    {
        var valid = (DynamicFeeTransaction)DynamicFee();
        var tampered = new DynamicFeeTransaction(valid.ChainId!.Value, valid.Nonce + 1, valid.MaxPriorityFeePerGas, valid.MaxFeePerGas,
            valid.GasLimit, valid.To, valid.Value, valid.Data, valid.AccessList, valid.Signature);
        // r is still the x of a real point, so recovery succeeds, but for another key.
        Assert.True(tampered.TryRecoverSender(out var sender, out _));
        Assert.NotEqual(AnvilVectors.Sender, sender);
    }

    [Fact]
    public void Authorization_signatures_are_checked_like_transactions()
    {
        var valid = Authorization.Sign(AnvilVectors.ChainId, AnvilVectors.OtherAddress, 3, AnvilVectors.AuthorityKeyB);
        Assert.Equal(AnvilVectors.AuthorityB, valid.RecoverAuthority());

        var highS = valid with { Signature = new TransactionSignature(valid.Signature.V.IsZero ? UInt256.One : UInt256.Zero, valid.Signature.R, CurveOrder - valid.Signature.S) };
        Assert.False(highS.TryRecoverAuthority(out _, out var error));
        Assert.Equal(SignatureError.HighS, error);

        var badParity = valid with { Signature = valid.Signature with { V = 2 } };
        Assert.Equal(SignatureError.InvalidV, Assert.Throws<InvalidSignatureException>(() => badParity.RecoverAuthority()).Error);

        var otherNonce = valid with { Nonce = 4 };
        Assert.True(otherNonce.TryRecoverAuthority(out var other, out _));
        Assert.NotEqual(AnvilVectors.AuthorityB, other);
    }

    [Fact]
    public void Authorization_signing_hash_is_keccak_of_magic_and_rlp_tuple()
    {
        // 0x05 ‖ rlp([31337, 0x00…aa, 0]) = 05 d9 82 7a69 94 00…aa 80
        var expected = Keccak256.Hash(Hex.Decode("0x05d9827a699400000000000000000000000000000000000000aa80"));
        Assert.Equal(expected, Authorization.ComputeSigningHash(AnvilVectors.ChainId, AnvilVectors.OtherAddress, 0));
    }
}
