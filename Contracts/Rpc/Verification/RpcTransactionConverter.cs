using System.Globalization;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Ethereum.Transactions;

namespace Obscuro.Contracts.Rpc.Verification;

/// <summary>
/// Rebuilds the signed Protocol transaction from a JSON-RPC transaction object, using exactly the fields its type
/// encodes. Fields outside the encoding (<c>from</c>, <c>hash</c>, a typed transaction's <c>gasPrice</c>, which nodes
/// fill with the effective price, and the block position) are not used: the caller checks the hash against the
/// re-encoding, and recovers the sender itself.
/// </summary>
public static class RpcTransactionConverter
{
    /// <exception cref="RpcProtocolException">The type is unsupported or a field the type needs is missing or inconsistent.</exception>
    public static Transaction ToTransaction(RpcTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        try
        {
            return transaction.Type switch
            {
                (byte)TransactionType.Legacy => Legacy(transaction),
                (byte)TransactionType.AccessList => new AccessListTransaction(
                    ChainId(transaction), transaction.Nonce, Required(transaction, transaction.GasPrice, "gasPrice"), transaction.Gas, transaction.To,
                    transaction.Value, transaction.Input, AccessList(transaction), TypedSignature(transaction)),
                (byte)TransactionType.DynamicFee => new DynamicFeeTransaction(
                    ChainId(transaction), transaction.Nonce, Required(transaction, transaction.MaxPriorityFeePerGas, "maxPriorityFeePerGas"),
                    Required(transaction, transaction.MaxFeePerGas, "maxFeePerGas"), transaction.Gas, transaction.To, transaction.Value,
                    transaction.Input, AccessList(transaction), TypedSignature(transaction)),
                (byte)TransactionType.Blob => new BlobTransaction(
                    ChainId(transaction), transaction.Nonce, Required(transaction, transaction.MaxPriorityFeePerGas, "maxPriorityFeePerGas"),
                    Required(transaction, transaction.MaxFeePerGas, "maxFeePerGas"), transaction.Gas, Recipient(transaction), transaction.Value,
                    transaction.Input, AccessList(transaction), Required(transaction, transaction.MaxFeePerBlobGas, "maxFeePerBlobGas"),
                    transaction.BlobVersionedHashes ?? throw Missing(transaction, "blobVersionedHashes"), TypedSignature(transaction)),
                (byte)TransactionType.SetCode => new SetCodeTransaction(
                    ChainId(transaction), transaction.Nonce, Required(transaction, transaction.MaxPriorityFeePerGas, "maxPriorityFeePerGas"),
                    Required(transaction, transaction.MaxFeePerGas, "maxFeePerGas"), transaction.Gas, Recipient(transaction), transaction.Value,
                    transaction.Input, AccessList(transaction), Authorizations(transaction), TypedSignature(transaction)),
                _ => throw new RpcProtocolException(
                    $"Transaction {transaction.Hash} has type 0x{transaction.Type:x2}, which is not an L1 transaction type this code knows (0 to 4)."),
            };
        }
        catch (ArgumentException e)
        {
            // The Protocol constructors reject impossible contents (e.g. a malformed access list entry).
            throw new RpcProtocolException($"Transaction {transaction.Hash} (type {transaction.Type}): {e.Message}", e);
        }
    }

    private static LegacyTransaction Legacy(RpcTransaction transaction)
    {
        // A legacy transaction's chain is in its v (EIP-155) and nowhere else in its encoding, so the node's chainId
        // field is not used: taking it from v keeps the signing hash, and so the recovered sender, honest.
        var v = transaction.V ?? throw Missing(transaction, "v");
        return new LegacyTransaction(transaction.Nonce, Required(transaction, transaction.GasPrice, "gasPrice"), transaction.Gas, transaction.To,
            transaction.Value, transaction.Input, LegacyTransaction.ChainIdFromV(v), new TransactionSignature(v, transaction.R, transaction.S));
    }

    private static ulong ChainId(RpcTransaction transaction) => transaction.ChainId ?? throw Missing(transaction, "chainId");

    private static Address Recipient(RpcTransaction transaction) =>
        transaction.To ?? throw new RpcProtocolException($"Transaction {transaction.Hash} (type {transaction.Type}) has no recipient; this type cannot create a contract.");

    private static UInt256 Required(RpcTransaction transaction, UInt256? value, string field) => value ?? throw Missing(transaction, field);

    /// <summary>The y parity of a typed transaction; nodes send it as <c>yParity</c>, older ones only as <c>v</c>, many as both.</summary>
    private static TransactionSignature TypedSignature(RpcTransaction transaction)
    {
        UInt256 parity;
        if (transaction.YParity is { } yParity)
        {
            parity = new UInt256(yParity);
            if (transaction.V is { } v && v != parity)
            {
                throw new RpcProtocolException($"Transaction {transaction.Hash} (type {transaction.Type}) has yParity {yParity} but v {v}; they must be equal.");
            }
        }
        else
        {
            parity = transaction.V ?? throw Missing(transaction, "yParity");
        }

        return new TransactionSignature(parity, transaction.R, transaction.S);
    }

    private static AccessListItem[] AccessList(RpcTransaction transaction)
    {
        var entries = transaction.AccessList ?? throw Missing(transaction, "accessList");
        var items = new AccessListItem[entries.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = new AccessListItem(entries[i].Address, entries[i].StorageKeys);
        }

        return items;
    }

    private static Authorization[] Authorizations(RpcTransaction transaction)
    {
        var entries = transaction.AuthorizationList ?? throw Missing(transaction, "authorizationList");
        var items = new Authorization[entries.Count];
        for (var i = 0; i < items.Length; i++)
        {
            var entry = entries[i];
            items[i] = new Authorization(entry.ChainId, entry.Address, entry.Nonce, new TransactionSignature(new UInt256(entry.YParity), entry.R, entry.S));
        }

        return items;
    }

    private static RpcProtocolException Missing(RpcTransaction transaction, string field) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Transaction {transaction.Hash} (type {transaction.Type}) has no {field}, which its type encodes."));
}
