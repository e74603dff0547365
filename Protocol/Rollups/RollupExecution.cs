using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Execution;
using Obscuro.Protocol.State;
using Obscuro.Protocol.Transactions;

namespace Obscuro.Protocol.Rollups;

/// <summary>
/// The one definition of what a rollup does to the state, shared by the builder and the validator so they cannot
/// drift apart: L1 token listings, then deposits, then rewards, then the transactions in execution order.
/// </summary>
public sealed class RollupExecution
{
    private readonly StateOverlay _state;
    private readonly NetworkRules _rules;
    private readonly List<Withdrawal> _withdrawals = [];
    private readonly List<L2Receipt> _receipts = [];
    private readonly List<BodyTransaction> _body = [];
    private readonly List<L2Transaction> _included = [];
    private readonly List<Reward> _rewardsPaid = [];

    public RollupExecution(RollupInputs inputs, NetworkRules rules)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(rules);
        _rules = rules.WithFeePerGas(inputs.FeePerGas).WithDefaultRevealOption(inputs.DefaultRevealOption);
        _state = new StateOverlay(inputs.ParentState);
        foreach (var token in inputs.TokenListings) _state.AddToken(token);
        foreach (var deposit in inputs.Deposits) StateTransition.ApplyDeposit(_state, deposit);
        foreach (var reward in inputs.Rewards)
        {
            var paid = StateTransition.ApplyReward(_state, reward);
            if (!paid.IsZero) _rewardsPaid.Add(reward with { Amount = paid });
        }
    }

    public IReadOnlyList<Withdrawal> Withdrawals => _withdrawals;

    public IReadOnlyList<L2Receipt> Receipts => _receipts;

    public IReadOnlyList<BodyTransaction> Body => _body;

    public IReadOnlyList<L2Transaction> Included => _included;

    /// <summary>Rewards as actually paid (capped by the pool); this list goes into the header.</summary>
    public IReadOnlyList<Reward> RewardsPaid => _rewardsPaid;

    /// <summary>The reveal option of the contract a transaction calls: a token's own, otherwise the network default.</summary>
    public RevealOption OptionOf(L2Transaction tx)
    {
        ArgumentNullException.ThrowIfNull(tx);
        return _state.FindToken(tx.To)?.RevealOption ?? _rules.DefaultRevealOption;
    }

    public InclusionRejection CheckInclusion(L2Transaction tx) => StateTransition.CheckInclusion(_state, tx, _rules);

    /// <summary>Executes an includable transaction and records it in the body.</summary>
    public L2Receipt Apply(L2Transaction tx)
    {
        ArgumentNullException.ThrowIfNull(tx);
        var option = OptionOf(tx);
        var receipt = StateTransition.Apply(_state, tx, _rules, _withdrawals);
        _receipts.Add(receipt);
        _body.Add(new BodyTransaction(option, tx.Raw));
        _included.Add(tx);
        return receipt;
    }

    public L2State Commit() => _state.Commit();
}
