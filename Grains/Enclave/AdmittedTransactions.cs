using System.Security.Cryptography;
using Obscuro.Grains.Node;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Ethereum.Rlp;
using Obscuro.Protocol.Ethereum.Transactions;
using Obscuro.Protocol.Transactions;

namespace Obscuro.Grains.Enclave;

/// <summary>
/// How an admitted transaction is kept by the untrusted mempool: the signed transaction and its recovered sender,
/// sealed with the network's state sealing key under purpose <see cref="Purpose"/> and the transaction hash as
/// identifier. <code>plaintext = sender (20) ‖ signed EIP-1559 transaction</code>
/// Only an enclave that ran admission can have sealed it, so the enclave that builds the rollup trusts the sender in it
/// and skips a second signature recovery; the hash binding stops the host from pairing one transaction's blob with
/// another's hash.
/// </summary>
public static class AdmittedTransactions
{
    public const string Purpose = "admitted-tx";

    public static SealedTransaction Seal(Sealer sealer, L2Transaction transaction)
    {
        ArgumentNullException.ThrowIfNull(sealer);
        ArgumentNullException.ThrowIfNull(transaction);
        var plaintext = new byte[Address.Size + transaction.Raw.Length];
        try
        {
            transaction.Sender.CopyTo(plaintext);
            transaction.Raw.CopyTo(plaintext, Address.Size);
            return new SealedTransaction(transaction.Hash, sealer.Seal(Purpose, transaction.Hash.ToArray(), plaintext));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>The admitted transaction, or false when the blob was not sealed by an enclave of this network for this hash and chain.</summary>
    public static bool TryOpen(Sealer sealer, SealedTransaction sealedTransaction, ulong chainId, out L2Transaction transaction)
    {
        ArgumentNullException.ThrowIfNull(sealer);
        ArgumentNullException.ThrowIfNull(sealedTransaction);
        transaction = null!;
        if (sealedTransaction.Sealed is not { } blob || Sealer.PlaintextLength(blob.Length) <= Address.Size)
        {
            return false;
        }

        var plaintext = new byte[Sealer.PlaintextLength(blob.Length)];
        if (!sealer.TryUnseal(Purpose, sealedTransaction.TransactionHash.ToArray(), blob, plaintext, out var length, out _))
        {
            return false;
        }

        var sender = new Address(plaintext.AsSpan(0, Address.Size));
        var raw = plaintext.AsSpan(Address.Size, length - Address.Size).ToArray();
        CryptographicOperations.ZeroMemory(plaintext);
        if (Keccak256.Hash(raw) != sealedTransaction.TransactionHash)
        {
            return false;
        }

        try
        {
            if (Transaction.Decode(raw) is not DynamicFeeTransaction { To: { } to } decoded || decoded.ChainId != chainId)
            {
                return false;
            }

            transaction = new L2Transaction(sealedTransaction.TransactionHash, sender, decoded.Nonce, to, decoded.Value, decoded.Data.ToArray(), decoded.GasLimit, decoded.MaxFeePerGas, raw);
            return true;
        }
        catch (Exception e) when (e is TransactionFormatException or RlpException)
        {
            return false;
        }
    }
}
