using Obscuro.Client.Keys;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Ethereum.Transactions;
using Obscuro.Protocol.Transactions;

namespace Obscuro.Client.Transactions;

/// <summary>
/// Signs an EIP-1559 transaction for the L2 chain with the account key and encrypts it to the network key with the
/// submission associated data (<see cref="SubmissionFormat"/>), so only enclaves holding the network secret can read it.
/// </summary>
public static class TransactionSealer
{
    public static SealedSubmission Seal(UnlockedAccount account, L2Call call, ulong nonce, ulong l2ChainId, UInt256 feePerGas, ReadOnlySpan<byte> networkPublicKey, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(call);
        var unsigned = new DynamicFeeTransaction(l2ChainId, nonce, UInt256.Zero, feePerGas, L2Fees.GasLimit, call.To, call.Value, call.Data, []);
        var signed = account.UseAccountKey(key => unsigned.Sign(key));
        var raw = signed.Encode();
        var ciphertext = Ecies.Encrypt(networkPublicKey, raw, SubmissionFormat.TransactionAssociatedData(l2ChainId), random);
        return new SealedSubmission(Keccak256.Hash(raw), nonce, ciphertext);
    }
}
