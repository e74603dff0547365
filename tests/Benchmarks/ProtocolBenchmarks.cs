using System.Diagnostics;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Ethereum.Transactions;
using Obscuro.Protocol.Execution;
using Obscuro.Protocol.Reveal;
using Obscuro.Protocol.Rollups;
using Obscuro.Protocol.State;
using Obscuro.Protocol.Transactions;

namespace Obscuro.Benchmarks;

/// <summary>The transaction path: admission against its two secp256k1 operations, execution, rollup build/validate, blob size.</summary>
internal static class ProtocolBenchmarks
{
    private static readonly NetworkRules Rules = NetworkRules.Devnet;

    public static void Run(Report report)
    {
        using var keys = new KeySchedule(MasterSeed.FromBytes(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()));
        using var networkKey = keys.NetworkKeyPair();
        var admission = new TransactionAdmission(Rules);
        var senderKeys = Enumerable.Range(0, 2000).Select(i => Keccak256.HashToArray(BitConverter.GetBytes(i))).ToArray();
        var ad = SubmissionFormat.TransactionAssociatedData(Rules.ChainId);
        var raws = senderKeys.Select((k, n) => Sign(k, 0, RecipientOf(n))).ToArray();
        var ciphertexts = raws.Select(r => Ecies.Encrypt(networkKey.PublicKey, r, ad, SystemRandomSource.Instance)).ToArray();

        // The floor: one ECDH (decryption) and one public-key recovery (sender) per transaction, raw.
        var signed = (DynamicFeeTransaction)Transaction.Decode(raws[0]);
        var signingHash = signed.ComputeSigningHash().ToArray();
        var compact = new byte[65];
        signed.Signature!.Value.R.WriteBigEndian(compact);
        signed.Signature!.Value.S.WriteBigEndian(compact.AsSpan(32));
        compact[64] = (byte)signed.Signature!.Value.V.ToUInt64();
        var ephemeral = Secp256k1.DerivePublicKey(senderKeys[1]);
        var networkPrivate = new byte[32];
        networkKey.CopyPrivateKeyTo(networkPrivate);
        var floor = Meter.Rate(() =>
        {
            Span<byte> shared = stackalloc byte[32];
            Span<byte> pub = stackalloc byte[64];
            Secp256k1.TryEcdh(ephemeral, networkPrivate, shared);
            Secp256k1.TryRecover(signingHash, compact, pub);
        });
        report.Add(new("admission", "raw ECDH + recover, 1 core", floor, "ops/s"));

        var i = 0;
        var admitted = Meter.Rate(() => admission.Admit(ciphertexts[i++ % ciphertexts.Length], networkKey));
        report.Add(new("admission", "admission (decrypt+decode+recover+checks), 1 core", admitted, "tx/s"));
        report.Add(new("admission", "admission / raw ECDH+recover", admitted / floor, "ratio", admitted / floor >= 0.8 ? "goal ≥ 0.8: met" : "goal ≥ 0.8: NOT met"));
        var counter = 0;
        report.Add(new("admission", $"admission, {Environment.ProcessorCount} cores", Meter.ParallelRate(() => () =>
            admission.Admit(ciphertexts[Interlocked.Increment(ref counter) % ciphertexts.Length], networkKey)), "tx/s"));
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(networkPrivate);

        // Execution of simple transfers on one core (admitted transactions, as the builder sees them).
        var funded = new StateOverlay(L2State.Genesis);
        var transfers = new List<L2Transaction>();
        for (var k = 0; k < senderKeys.Length; k++)
        {
            var tx = admission.Decode(raws[k]);
            funded.SetAccount(tx.Sender, new AccountState(new UInt256(1_000_000_000_000_000_000), 0));
            transfers.Add(tx);
        }

        var genesisState = funded.Commit();
        var executed = Meter.Rate(() =>
        {
            var overlay = new StateOverlay(genesisState);
            var withdrawals = new List<Withdrawal>();
            foreach (var tx in transfers) StateTransition.Apply(overlay, tx, Rules, withdrawals);
        }, transfers.Count);
        report.Add(new("execution", "simple transfers executed, 1 core", executed, "tx/s", executed >= 300_000 ? "goal ≥ 300,000: met" : "goal ≥ 300,000: NOT met"));

        var network = new NetworkContext(31337, Address.Parse("0x5FbDB2315678afecb367f032d93F642f64180aa3"), Rules, RevealSchedule.Default);
        using var enclaveKey = Secp256k1KeyPair.FromPrivateKey(Keccak256.HashToArray("enclave"u8));
        foreach (var size in new[] { 1_000, 10_000 })
        {
            var pending = Enumerable.Range(0, size).Select(k => admission.Decode(k < raws.Length ? raws[k] : Sign(senderKeys[k % senderKeys.Length], (ulong)(k / senderKeys.Length), RecipientOf(k)))).ToList();
            var inputs = new RollupInputs(null, genesisState, 0, Hash256.Zero, 1, Keccak256.Hash("b1"u8), [], [], []);
            var watch = Stopwatch.StartNew();
            var built = RollupBuilder.Build(inputs, pending, size, UInt256.One, network, keys, enclaveKey);
            var buildMs = watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            RollupValidator.Validate(inputs, built.Rollup, network, keys, admission);
            var validateMs = watch.Elapsed.TotalMilliseconds;
            report.Add(new("rollup", $"build a rollup of {size:N0} transfers (admitted)", buildMs, "ms"));
            report.Add(new("rollup", $"validate a rollup of {size:N0} transfers (incl. sender recovery)", validateMs, "ms"));
            var perTx = (double)built.Rollup.Blob.Length / built.Transactions.Count;
            report.Add(new("rollup", $"encrypted blob bytes per transfer ({size:N0})", perTx, "bytes", perTx <= 110 ? "goal ≤ 110: met" : "goal ≤ 110: NOT met"));
        }
    }

    /// <summary>Distinct recipients, so the blob does not compress better than real traffic would.</summary>
    private static Address RecipientOf(int n) => new(Keccak256.HashToArray(BitConverter.GetBytes(n + 1_000_000)).AsSpan(12));

    private static byte[] Sign(byte[] key, ulong nonce, Address to) =>
        new DynamicFeeTransaction(Rules.ChainId, nonce, UInt256.Zero, new UInt256(1_000_000_000), 21_000, to, new UInt256(1_000), ReadOnlyMemory<byte>.Empty, [])
            .Sign(key).Encode();
}
