using Obscuro.Client.Transactions;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Queries;

namespace Obscuro.EndToEnd.Tests.Infrastructure;

/// <summary>
/// What a test expects the L2 to hold, computed from the test's own inputs (amounts sent, the fee read from L1), so
/// assertions compare the node's answers with values the test derived rather than values it observed.
/// </summary>
public sealed class ExpectedLedger
{
    private readonly List<(ulong Generation, UInt256 Fee)> _fees = [];

    public Dictionary<Address, UInt256> Eth { get; } = [];

    public Dictionary<Address, UInt256> Token { get; } = [];

    public UInt256 DepositedEth { get; private set; }

    public UInt256 DepositedToken { get; private set; }

    public UInt256 WithdrawnEth { get; private set; }

    public UInt256 WithdrawnToken { get; private set; }

    public void DepositEth(Address to, UInt256 amount)
    {
        DepositedEth += amount;
        Eth[to] = Eth.GetValueOrDefault(to) + amount;
    }

    /// <summary>A deposit an L1 reorg removed: as far as L1, and so the L2, is concerned it never happened.</summary>
    public void ForgetDepositEth(Address to, UInt256 amount)
    {
        DepositedEth -= amount;
        Eth[to] -= amount;
    }

    public void DepositToken(Address to, UInt256 amount)
    {
        DepositedToken += amount;
        Token[to] = Token.GetValueOrDefault(to) + amount;
    }

    /// <summary>A succeeded transaction: its sender paid exactly <paramref name="fee"/>, which went to the reward pool.</summary>
    public void Included(TransactionOutcome outcome, Address sender, UInt256 fee)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var answer = outcome.Result.Value;
        Assert.Equal(TransactionState.Succeeded, answer.State);
        Assert.Equal(fee, answer.FeePaid);
        _fees.Add((answer.Generation, answer.FeePaid));
        Eth[sender] -= fee;
    }

    public void TransferEth(Address from, Address to, UInt256 amount)
    {
        Eth[from] -= amount;
        Eth[to] = Eth.GetValueOrDefault(to) + amount;
    }

    public void TransferToken(Address from, Address to, UInt256 amount)
    {
        Token[from] -= amount;
        Token[to] = Token.GetValueOrDefault(to) + amount;
    }

    public void WithdrawEth(Address from, UInt256 amount)
    {
        Eth[from] -= amount;
        WithdrawnEth += amount;
    }

    public void WithdrawToken(Address from, UInt256 amount)
    {
        Token[from] -= amount;
        WithdrawnToken += amount;
    }

    /// <summary>Fees of this ledger's transactions in rollups up to <paramref name="generation"/>.</summary>
    public UInt256 FeesIncludedBy(ulong generation) =>
        _fees.Where(f => f.Generation <= generation).Aggregate(UInt256.Zero, (sum, f) => sum + f.Fee);
}
