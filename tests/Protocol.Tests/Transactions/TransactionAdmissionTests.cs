using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Ethereum.Transactions;
using Obscuro.Protocol.Execution;
using Obscuro.Protocol.State;
using Obscuro.Protocol.Transactions;
using static Obscuro.Protocol.Tests.Transactions.Wallets;

namespace Obscuro.Protocol.Tests.Transactions;

public class TransactionAdmissionTests
{
    private static readonly TransactionAdmission Admission = new(Rules);
    private static readonly Address Bob = AddressOf(2);

    private static byte[] Encrypt(byte[] raw, Secp256k1KeyPair networkKey, ulong chainId) =>
        Ecies.Encrypt(networkKey.PublicKey, raw, SubmissionFormat.TransactionAssociatedData(chainId), SystemRandomSource.Instance);

    private static TransactionRejection Rejection(Action action) => Assert.Throws<TransactionRejectedException>(action).Reason;

    [Fact]
    public void Admits_an_encrypted_transfer_and_recovers_its_sender()
    {
        using var keys = Keys();
        using var networkKey = keys.NetworkKeyPair();
        var raw = Sign(1, 0, Bob, new UInt256(5));
        var tx = Admission.Admit(Encrypt(raw, networkKey, Rules.ChainId), networkKey);
        Assert.Equal(AddressOf(1), tx.Sender);
        Assert.Equal(Bob, tx.To);
        Assert.Equal(Keccak256.Hash(raw), tx.Hash);
        Assert.Equal(raw, tx.Raw);
    }

    [Fact]
    public void Garbage_ciphertext_is_not_decryptable()
    {
        using var keys = Keys();
        using var networkKey = keys.NetworkKeyPair();
        Assert.Equal(TransactionRejection.NotDecryptable, Rejection(() => Admission.Admit(new byte[200], networkKey)));
    }

    [Fact]
    public void Ciphertext_for_another_network_is_not_decryptable()
    {
        using var keys = Keys();
        using var networkKey = keys.NetworkKeyPair();
        var raw = Sign(1, 0, Bob, new UInt256(5));
        Assert.Equal(TransactionRejection.NotDecryptable, Rejection(() => Admission.Admit(Encrypt(raw, networkKey, Rules.ChainId + 1), networkKey)));
    }

    [Fact]
    public void Oversized_submissions_are_refused_before_decryption()
    {
        using var keys = Keys();
        using var networkKey = keys.NetworkKeyPair();
        Assert.Equal(TransactionRejection.TooLarge, Rejection(() => Admission.Admit(new byte[Rules.MaxTransactionSize + 200], networkKey)));
        Assert.Equal(TransactionRejection.TooLarge, Rejection(() => Admission.Decode(new byte[Rules.MaxTransactionSize + 1])));
    }

    [Fact]
    public void Wrong_chain_id_is_refused() =>
        Assert.Equal(TransactionRejection.WrongChainId, Rejection(() => Admission.Decode(Sign(1, 0, Bob, UInt256.One, chainId: 1))));

    [Fact]
    public void Malformed_bytes_are_refused()
    {
        var raw = Sign(1, 0, Bob, UInt256.One);
        Assert.Equal(TransactionRejection.Malformed, Rejection(() => Admission.Decode(raw.AsSpan(0, raw.Length - 1))));
        Assert.Equal(TransactionRejection.Malformed, Rejection(() => Admission.Decode([.. raw, 0])));
    }

    [Fact]
    public void Other_transaction_types_are_refused()
    {
        var legacy = new LegacyTransaction(0, new UInt256(1_000_000_000), 21_000, Bob, UInt256.One, ReadOnlyMemory<byte>.Empty, Rules.ChainId).Sign(Key(1)).Encode();
        Assert.Equal(TransactionRejection.UnsupportedType, Rejection(() => Admission.Decode(legacy)));
    }

    [Fact]
    public void Contract_creation_is_refused()
    {
        var create = new DynamicFeeTransaction(Rules.ChainId, 0, UInt256.Zero, new UInt256(1_000_000_000), 100_000, null, UInt256.Zero, new byte[] { 0x60 }, []).Sign(Key(1)).Encode();
        Assert.Equal(TransactionRejection.ContractCreationNotSupported, Rejection(() => Admission.Decode(create)));
    }

    [Fact]
    public void Fee_cap_below_the_network_fee_is_refused() =>
        Assert.Equal(TransactionRejection.FeeCapBelowNetworkFee, Rejection(() => Admission.Decode(Sign(1, 0, Bob, UInt256.One, maxFeePerGas: 1))));

    [Fact]
    public void Tampered_signature_is_refused()
    {
        var tx = (DynamicFeeTransaction)Transaction.Decode(Sign(1, 0, Bob, UInt256.One));
        var sig = tx.Signature!.Value;
        var highS = tx.WithSignature(sig with { S = UInt256.Parse("0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140") - sig.S + UInt256.One }).Encode();
        Assert.Equal(TransactionRejection.InvalidSignature, Rejection(() => Admission.Decode(highS)));
    }

    [Fact]
    public void State_checks_refuse_replays_gaps_and_overspends()
    {
        var alice = AddressOf(1);
        var state = new StateOverlay(L2State.Genesis);
        state.SetAccount(alice, new AccountState(new UInt256(1_000_000_000_000_000), 3));
        var funded = state.Commit();
        Admission.CheckAgainstState(Admission.Decode(Sign(1, 3, Bob, UInt256.One)), funded);
        Assert.Equal(TransactionRejection.NonceTooLow, Rejection(() => Admission.CheckAgainstState(Admission.Decode(Sign(1, 2, Bob, UInt256.One)), funded)));
        Assert.Equal(TransactionRejection.NonceTooHigh, Rejection(() => Admission.CheckAgainstState(Admission.Decode(Sign(1, 3 + TransactionAdmission.MaxNonceGap + 1, Bob, UInt256.One)), funded)));
        Assert.Equal(TransactionRejection.InsufficientFunds, Rejection(() => Admission.CheckAgainstState(Admission.Decode(Sign(1, 3, Bob, new UInt256(1_000_000_000_000_000))), funded)));
    }
}
