using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Ethereum.Rlp;
using Obscuro.Protocol.Ethereum.Transactions;
using Obscuro.Protocol.Execution;
using Obscuro.Protocol.State;

namespace Obscuro.Protocol.Transactions;

/// <summary>
/// The admission checks of a submitted transaction (data flow step 2): decrypt with the network key, decode canonical
/// EIP-1559 RLP, require the L2 chain id, a recipient and a fee cap covering the network fee, recover the sender from
/// a low-s signature; then, against the current state, the nonce and the funds for value + fee. Every refusal is a
/// <see cref="TransactionRejectedException"/> with its own reason and a message that names no secret.
/// Stateless and thread-safe: admission runs in parallel on every core.
/// </summary>
public sealed class TransactionAdmission : ITransactionDecoder
{
    /// <summary>How far ahead of the account's nonce a pending transaction may be (keeps the mempool bounded).</summary>
    public const ulong MaxNonceGap = 64;

    private readonly NetworkRules _rules;
    private readonly byte[] _associatedData;

    public TransactionAdmission(NetworkRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = rules;
        _associatedData = SubmissionFormat.TransactionAssociatedData(rules.ChainId);
    }

    /// <summary>Decrypts a submission and decodes it, its fee cap checked against the rules' fee.</summary>
    public L2Transaction Admit(ReadOnlySpan<byte> ciphertext, Secp256k1KeyPair networkKey) => Admit(ciphertext, networkKey, _rules.TransactionFee);

    /// <summary>
    /// Decrypts a submission and decodes it, requiring its fee cap to cover <paramref name="networkFee"/> (the fee in
    /// force now, as set on L1). The network key never leaves the enclave.
    /// </summary>
    public L2Transaction Admit(ReadOnlySpan<byte> ciphertext, Secp256k1KeyPair networkKey, UInt256 networkFee)
    {
        ArgumentNullException.ThrowIfNull(networkKey);
        var maxPlaintext = _rules.MaxTransactionSize;
        if (Ecies.PlaintextLength(ciphertext.Length) > maxPlaintext)
        {
            throw Reject(TransactionRejection.TooLarge, $"The encrypted transaction is larger than the {maxPlaintext}-byte limit.");
        }

        Span<byte> plaintext = stackalloc byte[Math.Max(0, Ecies.PlaintextLength(ciphertext.Length))];
        if (!Ecies.TryDecrypt(networkKey, ciphertext, _associatedData, plaintext, out var length, out var rejection))
        {
            throw Reject(TransactionRejection.NotDecryptable, $"The submission is not a transaction encrypted to this network's key ({rejection}).");
        }

        return Decode(plaintext[..length], networkFee);
    }

    /// <summary>The static checks of a signed transaction, its fee cap against the rules' fee.</summary>
    public L2Transaction Decode(ReadOnlySpan<byte> raw) => Decode(raw, _rules.TransactionFee);

    /// <summary>
    /// Rollup bodies: every static check but the fee cap, which depends on the fee of the rollup (set on L1 as of its
    /// dependency block) and is therefore checked at inclusion (<see cref="StateTransition.CheckInclusion"/>).
    /// </summary>
    L2Transaction ITransactionDecoder.Decode(ReadOnlySpan<byte> raw) => Decode(raw, UInt256.Zero);

    /// <summary>The static checks of a signed transaction, requiring its fee cap to cover <paramref name="networkFee"/>.</summary>
    public L2Transaction Decode(ReadOnlySpan<byte> raw, UInt256 networkFee)
    {
        if (raw.Length > _rules.MaxTransactionSize)
        {
            throw Reject(TransactionRejection.TooLarge, $"The transaction is {raw.Length} bytes; the limit is {_rules.MaxTransactionSize}.");
        }

        Transaction decoded;
        try
        {
            decoded = Transaction.Decode(raw);
        }
        catch (TransactionFormatException e)
        {
            throw Reject(TransactionRejection.Malformed, e.Message);
        }
        catch (RlpException e)
        {
            throw Reject(TransactionRejection.Malformed, e.Message);
        }

        if (decoded is not DynamicFeeTransaction tx)
        {
            throw Reject(TransactionRejection.UnsupportedType, $"Only EIP-1559 (type 2) transactions are accepted on L2, not {decoded.Type}.");
        }

        if (tx.ChainId != _rules.ChainId)
        {
            throw Reject(TransactionRejection.WrongChainId, $"The transaction is signed for chain {tx.ChainId}; this network is chain {_rules.ChainId}.");
        }

        if (tx.To is not { } to)
        {
            throw Reject(TransactionRejection.ContractCreationNotSupported, "Contract creation is not supported: the first phase has only hard-coded contracts.");
        }

        if (!StateTransition.CoversFee(tx.MaxFeePerGas, tx.GasLimit, networkFee))
        {
            throw Reject(TransactionRejection.FeeCapBelowNetworkFee, $"maxFeePerGas × gasLimit must cover the network fee of {networkFee} wei.");
        }

        if (!tx.TryRecoverSender(_rules.ChainId, out var sender, out var error))
        {
            var reason = error is SignatureError.WrongChainId or SignatureError.NotReplayProtected ? TransactionRejection.WrongChainId : TransactionRejection.InvalidSignature;
            throw Reject(reason, tx.DescribeError(error, _rules.ChainId));
        }

        return new L2Transaction(Keccak256.Hash(raw), sender, tx.Nonce, to, tx.Value, tx.Data.ToArray(), tx.GasLimit, tx.MaxFeePerGas, raw.ToArray());
    }

    /// <summary>The state checks for the mempool, with the rules' fee.</summary>
    public void CheckAgainstState(L2Transaction tx, L2State state) => CheckAgainstState(tx, state, _rules.TransactionFee);

    /// <summary>The state checks for the mempool: not a replay, not too far ahead, and value + <paramref name="networkFee"/> affordable now.</summary>
    public static void CheckAgainstState(L2Transaction tx, L2State state, UInt256 networkFee)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(state);
        var account = state.GetAccount(tx.Sender);
        if (tx.Nonce < account.Nonce)
        {
            throw Reject(TransactionRejection.NonceTooLow, $"Nonce {tx.Nonce} was already used; the account's next nonce is {account.Nonce}.");
        }

        if (tx.Nonce > account.Nonce + MaxNonceGap)
        {
            throw Reject(TransactionRejection.NonceTooHigh, $"Nonce {tx.Nonce} is more than {MaxNonceGap} ahead of the account's next nonce {account.Nonce}.");
        }

        if (!UInt256.TryAdd(tx.Value, networkFee, out var cost) || account.Balance < cost)
        {
            throw Reject(TransactionRejection.InsufficientFunds, "The account cannot pay the value plus the network fee.");
        }
    }

    private static TransactionRejectedException Reject(TransactionRejection reason, string message) => new(reason, message);
}
