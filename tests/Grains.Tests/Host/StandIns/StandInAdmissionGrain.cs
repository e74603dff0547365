using Obscuro.Grains.Node;
using Obscuro.Grains.Placement;
using Obscuro.Protocol.Ethereum;
using Orleans.Concurrency;

namespace Obscuro.Grains.Tests.Host.StandIns;

/// <summary>
/// Stands in for the enclave's admission worker in host-side tests (the real one is the enclave side's): it runs where
/// the real one does (a stateless worker on the TEE silo) and answers in the same shape, deterministically. A
/// ciphertext whose first byte is 0 is refused as not decryptable; any other is admitted under keccak256(ciphertext),
/// "sealed" as the reversed bytes (so the stored form differs from the submitted one).
/// </summary>
[TeeOnly]
[StatelessWorker]
public sealed class StandInAdmissionGrain : Grain, IAdmissionGrain
{
    public const byte Garbage = 0;

    Task<AdmissionVerdict> IAdmissionGrain.AdmitAsync(string nodeId, byte[] ciphertext)
    {
        if (ciphertext[0] == Garbage)
        {
            return Task.FromResult(new AdmissionVerdict(false, (byte)Protocol.Transactions.TransactionRejection.NotDecryptable, "Not encrypted to the network key.", null));
        }

        var sealedForm = ciphertext.Reverse().ToArray();
        return Task.FromResult(new AdmissionVerdict(true, 0, "Admitted.", new SealedTransaction(Keccak256.Hash(ciphertext), sealedForm)));
    }
}
