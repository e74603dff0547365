using Obscuro.Grains.Node;
using Obscuro.Grains.Placement;
using Obscuro.Grains.Tee;
using Obscuro.Grains.Vault;
using Obscuro.Protocol.Transactions;
using Orleans.Concurrency;
using Orleans.Placement;

namespace Obscuro.Grains.Enclave;

/// <summary>
/// Admission of one submitted ciphertext (data flow step 2), as a stateless worker so decryption and signature
/// recovery run on every core of the TEE silo: decrypt with the network key, decode and recover the sender, check chain
/// id, fee cap (against the fee set on L1), nonce and funds against the last L1-included head, then seal the signed transaction with its sender for
/// the mempool. The verdict names the reason, never a secret; the host learns only the transaction hash on success.
/// </summary>
[StatelessWorker]
[TeeOnly]
[Immovable]
public sealed class AdmissionGrain(ITeeEnvironment tee, EnclaveVault vaults) : TeeGrain(tee), IAdmissionGrain
{
    Task<AdmissionVerdict> IAdmissionGrain.AdmitAsync(string nodeId, byte[] ciphertext)
    {
        ArgumentException.ThrowIfNullOrEmpty(nodeId);
        ArgumentNullException.ThrowIfNull(ciphertext);
        var vault = vaults.Find(nodeId);
        if (vault?.Network is not { } network || vault.Secrets is not { } secrets)
        {
            return Task.FromResult(new AdmissionVerdict(
                false, (byte)TransactionRejection.NotDecryptable, $"Node {nodeId}'s enclave does not hold the network key yet (it is not provisioned); submit again later.", null));
        }

        // The fee in force is the one L1 set as of the head's block (the rules' default until L1 has set one).
        var head = vault.Head;
        var fee = network.Rules.WithFeePerGas(head.Ledger?.FeePerGas).TransactionFee;
        L2Transaction transaction;
        try
        {
            transaction = network.Admission.Admit(ciphertext, secrets.NetworkKey, fee);
        }
        catch (TransactionRejectedException e)
        {
            return Task.FromResult(new AdmissionVerdict(false, (byte)e.Reason, e.Message, null));
        }

        try
        {
            TransactionAdmission.CheckAgainstState(transaction, head.State, fee);
        }
        catch (TransactionRejectedException e)
        {
            // Whoever submits is not authenticated: a ciphertext replayed by a host or a gossip peer that captured it
            // must not learn its sender's account state (the detailed message names the account's next nonce).
            return Task.FromResult(new AdmissionVerdict(false, (byte)e.Reason, StateRejectionMessage(e.Reason), null));
        }

        var sealedTransaction = AdmittedTransactions.Seal(secrets.StateSealer, transaction);
        return Task.FromResult(new AdmissionVerdict(true, (byte)TransactionRejection.None, "Accepted.", sealedTransaction));
    }

    /// <summary>The reason of a rejection by the sender's state, in words that carry nothing of that state.</summary>
    private static string StateRejectionMessage(TransactionRejection reason) => reason switch
    {
        TransactionRejection.NonceTooLow => "The transaction's nonce was already used by its sender.",
        TransactionRejection.NonceTooHigh => $"The transaction's nonce is more than {TransactionAdmission.MaxNonceGap} ahead of its sender's next nonce.",
        TransactionRejection.InsufficientFunds => "The sender cannot pay the value plus the network fee.",
        _ => "The sender's account does not allow this transaction now.",
    };
}
