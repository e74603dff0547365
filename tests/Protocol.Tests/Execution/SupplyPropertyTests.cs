using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Execution;
using Obscuro.Protocol.State;
using static Obscuro.Protocol.Tests.Execution.TestTransactions;

namespace Obscuro.Protocol.Tests.Execution;

public class SupplyPropertyTests
{
    private static readonly Address L1Token = Addr(100);
    private static readonly Address Token = SystemAddresses.WrappedToken(L1Token);

    /// <summary>One random step: kind selects deposit/transfer/token transfer/withdrawal/reward, the rest are parameters.</summary>
    public sealed record Operation(byte Kind, byte From, byte To, ushort Amount, bool Commit);

    [Property(MaxTest = 150)]
    public Property Supply_is_conserved_over_random_sequences(Operation[] steps)
    {
        var users = Enumerable.Range(0, 5).Select(Addr).ToArray();
        var overlay = new StateOverlay(L2State.Genesis);
        overlay.AddToken(new TokenInfo(L1Token, Token, RevealOption.L));
        UInt256 depositedEth = 0, withdrawnEth = 0, depositedTokens = 0, withdrawnTokens = 0;
        var withdrawals = new List<Withdrawal>();
        var nextDeposit = 0UL;
        foreach (var step in steps ?? [])
        {
            var from = users[step.From % users.Length];
            var to = users[step.To % users.Length];
            var amount = (ulong)step.Amount;
            var nonce = overlay.GetAccount(from).Nonce;
            switch (step.Kind % 6)
            {
                case 0:
                    StateTransition.ApplyDeposit(overlay, new L1Deposit(nextDeposit++, from, to, Address.Zero, new UInt256(amount)));
                    depositedEth += amount;
                    break;
                case 1:
                    StateTransition.ApplyDeposit(overlay, new L1Deposit(nextDeposit++, from, to, L1Token, new UInt256(amount)));
                    depositedTokens += amount;
                    break;
                case 2:
                    TryApply(overlay, Tx(from, nonce, to, amount), withdrawals);
                    break;
                case 3:
                    TryApply(overlay, Tx(from, nonce, Token, 0, TransferCall(to, amount)), withdrawals);
                    break;
                case 4:
                    TryApply(overlay, step.Amount % 2 == 0 ? Tx(from, nonce, SystemAddresses.Withdrawals, amount) : Tx(from, nonce, SystemAddresses.Withdrawals, 0, WithdrawTokenCall(L1Token, amount, to)), withdrawals);
                    break;
                default:
                    StateTransition.ApplyReward(overlay, new Reward(to, new UInt256(amount)));
                    break;
            }

            if (step.Commit) overlay = new StateOverlay(overlay.Commit());
        }

        foreach (var w in withdrawals)
        {
            if (w.Token.IsZero) withdrawnEth += w.Amount;
            else withdrawnTokens += w.Amount;
        }

        var state = overlay.Commit();
        var ethHeld = state.Accounts.Enumerate().Aggregate(UInt256.Zero, (sum, kv) => sum + kv.Value.Balance) + state.RewardPool;
        var tokensHeld = state.TokenBalances.Enumerate().Aggregate(UInt256.Zero, (sum, kv) => sum + kv.Value.Amount);
        return (ethHeld == depositedEth - withdrawnEth && tokensHeld == depositedTokens - withdrawnTokens)
            .Label($"eth {ethHeld} vs {depositedEth - withdrawnEth}, tokens {tokensHeld} vs {depositedTokens - withdrawnTokens}");
    }

    private static void TryApply(StateOverlay overlay, Obscuro.Protocol.Transactions.L2Transaction tx, List<Withdrawal> withdrawals)
    {
        if (StateTransition.CheckInclusion(overlay, tx, Rules) == InclusionRejection.None) StateTransition.Apply(overlay, tx, Rules, withdrawals);
    }
}
