using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Execution;
using Obscuro.Protocol.Reveal;
using Obscuro.Protocol.Rollups;
using Obscuro.Protocol.State;
using Obscuro.Protocol.Tests.Transactions;
using Obscuro.Protocol.Transactions;

namespace Obscuro.Protocol.Tests.Rollups;

/// <summary>One network (seed, rules, schedule) and a few enclaves, for rollup tests.</summary>
internal sealed class RollupFixture : IDisposable
{
    public RollupFixture()
    {
        Keys = Wallets.Keys();
        Network = new NetworkContext(31337, Address.Parse("0x5FbDB2315678afecb367f032d93F642f64180aa3"), Wallets.Rules, new RevealSchedule(1, 3, 6, 12, 24));
        Admission = new TransactionAdmission(Wallets.Rules);
        Enclaves = Enumerable.Range(0, 3).Select(i => Secp256k1KeyPair.FromPrivateKey(Keccak256.HashToArray(BitConverter.GetBytes(1000 + i)))).ToArray();
    }

    public KeySchedule Keys { get; }

    public NetworkContext Network { get; }

    public TransactionAdmission Admission { get; }

    public Secp256k1KeyPair[] Enclaves { get; }

    public static readonly UInt256 OneEth = new(1_000_000_000_000_000_000);

    public static L1Deposit EthDeposit(ulong id, int wallet, UInt256 amount) => new(id, Wallets.AddressOf(wallet), Wallets.AddressOf(wallet), Address.Zero, amount);

    public static RollupInputs GenesisInputs(params L1Deposit[] deposits) =>
        new(null, L2State.Genesis, 0, Hash256.Zero, 1, Keccak256.Hash("block 1"u8), [], deposits, []);

    public static RollupInputs ChildInputs(BuiltRollup parent, ulong inclusionBlock, ulong dependencyBlock, params L1Deposit[] deposits) =>
        new(parent.Rollup.Header, parent.State, inclusionBlock, Keccak256.Hash(BitConverter.GetBytes(inclusionBlock)), dependencyBlock,
            Keccak256.Hash(BitConverter.GetBytes(dependencyBlock)), [], deposits, []);

    public L2Transaction Admit(byte[] raw) => Admission.Decode(raw);

    public BuiltRollup Build(RollupInputs inputs, IEnumerable<byte[]> raws, int enclave = 0, ulong nonce = 1) =>
        RollupBuilder.Build(inputs, raws.Select(Admit), 10_000, new UInt256(nonce), Network, Keys, Enclaves[enclave]);

    public BuiltRollup Validate(RollupInputs inputs, SignedRollup rollup) => RollupValidator.Validate(inputs, rollup, Network, Keys, Admission);

    /// <summary>What a hacked enclave could publish: any header, correctly signed with a real enclave key.</summary>
    public SignedRollup Resign(SignedRollup original, Func<RollupHeader, RollupHeader> change, byte[]? blob = null, int enclave = 0)
    {
        var header = change(original.Header);
        return new SignedRollup(header, blob ?? original.Blob, RollupSignature.Sign(header, Network, Enclaves[enclave]));
    }

    public static RollupHeader With(
        RollupHeader h,
        Hash256? parentHash = null,
        ulong? generation = null,
        Hash256? stateCommitment = null,
        Hash256? blobHash = null,
        byte[]? encryptedLayout = null,
        IReadOnlyList<Withdrawal>? withdrawals = null,
        IReadOnlyList<Reward>? rewards = null,
        Address? aggregator = null) =>
        new(parentHash ?? h.ParentHash, generation ?? h.Generation, h.InclusionBlockNumber, h.InclusionBlockHash, h.DependencyBlockNumber,
            h.DependencyBlockHash, aggregator ?? h.Aggregator, h.Nonce, stateCommitment ?? h.StateCommitment, blobHash ?? h.BlobHash,
            encryptedLayout ?? h.EncryptedLayout.ToArray(), withdrawals ?? h.Withdrawals, rewards ?? h.Rewards);

    public void Dispose()
    {
        Keys.Dispose();
        foreach (var enclave in Enclaves) enclave.Dispose();
    }
}
