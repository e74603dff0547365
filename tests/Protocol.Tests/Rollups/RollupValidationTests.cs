using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Execution;
using Obscuro.Protocol.Rollups;
using Obscuro.Protocol.Tests.Transactions;
using static Obscuro.Protocol.Tests.Rollups.RollupFixture;

namespace Obscuro.Protocol.Tests.Rollups;

public sealed class RollupValidationTests : IDisposable
{
    private readonly RollupFixture _f = new();
    private static readonly Address Bob = Wallets.AddressOf(2);

    public void Dispose() => _f.Dispose();

    private (RollupInputs Inputs, BuiltRollup Built) Genesis()
    {
        var inputs = GenesisInputs(EthDeposit(0, 1, OneEth), EthDeposit(1, 2, OneEth));
        var raws = new[]
        {
            Wallets.Sign(1, 0, Bob, new UInt256(1000)),
            Wallets.Sign(2, 0, Wallets.AddressOf(1), new UInt256(7)),
            Wallets.Sign(1, 1, SystemAddresses.Withdrawals, new UInt256(500)),
        };
        return (inputs, _f.Build(inputs, raws));
    }

    private RollupRejection Rejection(RollupInputs inputs, SignedRollup rollup) =>
        Assert.Throws<RollupRejectedException>(() => _f.Validate(inputs, rollup)).Reason;

    [Fact]
    public void Validator_reproduces_the_builders_state_receipts_and_withdrawals()
    {
        var (inputs, built) = Genesis();
        var validated = _f.Validate(inputs, built.Rollup);
        Assert.Equal(built.State.ComputeRoot(), validated.State.ComputeRoot());
        Assert.Equal(3, validated.Receipts.Count);
        Assert.All(validated.Receipts, r => Assert.Equal(TransactionStatus.Succeeded, r.Status));
        Assert.Equal(new Withdrawal(Wallets.AddressOf(1), Address.Zero, new UInt256(500)), Assert.Single(validated.Rollup.Header.Withdrawals));
        Assert.Equal(built.Rollup.Header.Hash, validated.Rollup.Header.Hash);
    }

    [Fact]
    public void Builder_skips_what_cannot_be_included_and_keeps_nonce_order()
    {
        var inputs = GenesisInputs(EthDeposit(0, 1, OneEth));
        // Nonce 1 arrives first, a stranger has no funds, nonce 3 leaves a gap.
        var raws = new[]
        {
            Wallets.Sign(1, 1, Bob, UInt256.One), Wallets.Sign(3, 0, Bob, UInt256.One),
            Wallets.Sign(1, 0, Bob, UInt256.One), Wallets.Sign(1, 3, Bob, UInt256.One),
        };
        var built = _f.Build(inputs, raws);
        Assert.Equal([0UL, 1UL], built.Transactions.Select(t => t.Nonce));
        Assert.All(built.Transactions, t => Assert.Equal(Wallets.AddressOf(1), t.Sender));
        _f.Validate(inputs, built.Rollup);
    }

    [Fact]
    public void Rebuilding_from_the_same_inputs_gives_the_same_rollup()
    {
        var (inputs, built) = Genesis();
        var again = _f.Build(inputs, built.Transactions.Select(t => t.Raw));
        Assert.Equal(built.Rollup.Header.Hash, again.Rollup.Header.Hash);
        Assert.Equal(built.Rollup.Blob, again.Rollup.Blob);
    }

    [Fact]
    public void Signature_by_another_enclave_is_rejected()
    {
        var (inputs, built) = Genesis();
        Assert.Equal(RollupRejection.BadSignature, Rejection(inputs, _f.Resign(built.Rollup, h => h, enclave: 1)));
        Assert.Equal(RollupRejection.BadSignature, Rejection(inputs, built.Rollup with { Signature = new byte[65] }));
    }

    [Fact]
    public void Header_fields_must_match_the_l1_derived_inputs()
    {
        var (inputs, built) = Genesis();
        Assert.Equal(RollupRejection.WrongParent, Rejection(inputs with { Parent = built.Rollup.Header }, built.Rollup));
        Assert.Equal(RollupRejection.WrongInclusionProof, Rejection(inputs with { InclusionBlockNumber = 5 }, built.Rollup));
        Assert.Equal(RollupRejection.WrongDependency, Rejection(inputs with { DependencyBlockHash = Keccak256.Hash("fork"u8) }, built.Rollup));
        Assert.Equal(RollupRejection.WrongGeneration, Rejection(inputs, _f.Resign(built.Rollup, h => With(h, generation: 1))));
    }

    [Fact]
    public void Blob_must_match_its_hash_and_decrypt()
    {
        var (inputs, built) = Genesis();
        var tampered = (byte[])built.Rollup.Blob.Clone();
        tampered[10] ^= 1;
        Assert.Equal(RollupRejection.BlobHashMismatch, Rejection(inputs, built.Rollup with { Blob = tampered }));
        Assert.Equal(RollupRejection.InvalidBody, Rejection(inputs, _f.Resign(built.Rollup, h => With(h, blobHash: Keccak256.Hash(tampered)), tampered)));
    }

    [Fact]
    public void Forged_withdrawals_rewards_and_commitments_are_rejected()
    {
        var (inputs, built) = Genesis();
        var theft = new Withdrawal(Wallets.AddressOf(9), Address.Zero, OneEth);
        Assert.Equal(RollupRejection.WithdrawalsMismatch, Rejection(inputs, _f.Resign(built.Rollup, h => With(h, withdrawals: [.. h.Withdrawals, theft]))));
        Assert.Equal(RollupRejection.RewardsMismatch, Rejection(inputs, _f.Resign(built.Rollup, h => With(h, rewards: [new Reward(Bob, UInt256.One)]))));
        Assert.Equal(RollupRejection.StateCommitmentMismatch, Rejection(inputs, _f.Resign(built.Rollup, h => With(h, stateCommitment: Keccak256.Hash("forged"u8)))));
    }

    [Fact]
    public void A_body_with_an_unaffordable_transaction_is_rejected()
    {
        var inputs = GenesisInputs(EthDeposit(0, 1, new UInt256(1_000_000)));
        var honest = _f.Build(inputs, []);
        var context = new RollupContext(Hash256.Zero, 0, _f.Enclaves[0].Address);
        var overspend = Wallets.Sign(1, 0, Bob, OneEth);
        var body = RollupBodyCodec.Encode([new BodyTransaction(Wallets.Rules.DefaultRevealOption, overspend)], context, _f.Network.Schedule, _f.Keys);
        var forged = _f.Resign(honest.Rollup, h => With(h, blobHash: Keccak256.Hash(body.Blob), encryptedLayout: body.EncryptedLayout), body.Blob);
        Assert.Equal(RollupRejection.TransactionNotIncludable, Rejection(inputs, forged));
    }

    [Fact]
    public void A_body_with_a_garbage_transaction_or_in_the_wrong_group_is_rejected()
    {
        var inputs = GenesisInputs(EthDeposit(0, 1, OneEth));
        var honest = _f.Build(inputs, []);
        var context = new RollupContext(Hash256.Zero, 0, _f.Enclaves[0].Address);
        SignedRollup Forge(BodyTransaction tx)
        {
            var body = RollupBodyCodec.Encode([tx], context, _f.Network.Schedule, _f.Keys);
            return _f.Resign(honest.Rollup, h => With(h, blobHash: Keccak256.Hash(body.Blob), encryptedLayout: body.EncryptedLayout), body.Blob);
        }

        Assert.Equal(RollupRejection.InvalidTransaction, Rejection(inputs, Forge(new BodyTransaction(RevealOption.S, [1, 2, 3]))));
        Assert.Equal(RollupRejection.WrongOption, Rejection(inputs, Forge(new BodyTransaction(RevealOption.XL, Wallets.Sign(1, 0, Bob, UInt256.One)))));
    }

    [Fact]
    public void Replaying_a_chain_gives_the_same_commitments()
    {
        var (inputs, genesis) = Genesis();
        var child = _f.Build(ChildInputs(genesis, 2, 2, EthDeposit(2, 3, OneEth)), [Wallets.Sign(3, 0, Bob, new UInt256(3)), Wallets.Sign(2, 1, Bob, new UInt256(4))], enclave: 1);
        var replayedGenesis = _f.Validate(inputs, genesis.Rollup);
        var replayedChild = _f.Validate(ChildInputs(replayedGenesis, 2, 2, EthDeposit(2, 3, OneEth)), child.Rollup);
        Assert.Equal(child.Rollup.Header.StateCommitment, replayedChild.Rollup.Header.StateCommitment);
        Assert.Equal(child.State.ComputeRoot(), replayedChild.State.ComputeRoot());
        // Bob (wallet 2) receives 3 and pays the fee for sending 4 to himself.
        Assert.Equal(genesis.State.GetAccount(Bob).Balance + new UInt256(3) - Wallets.Rules.TransactionFee, replayedChild.State.GetAccount(Bob).Balance);
    }
}
