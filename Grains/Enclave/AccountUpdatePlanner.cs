using Obscuro.Grains.Node;
using Obscuro.Protocol.Chain;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Execution;
using Obscuro.Protocol.Queries;
using Obscuro.Protocol.State;
using Obscuro.Protocol.Transactions;

namespace Obscuro.Grains.Enclave;

/// <summary>
/// Turns a move of the ledger's head into account updates. The canonical chains before and after share a common
/// ancestor; every account touched by a rollup above it on either side (abandoned or new) gets its absolute values from
/// the new head's state, keeps its history up to the ancestor and gains the new side's entries. An extension is the
/// special case where the abandoned side is empty, so a reorg needs no code of its own. Transactions of the abandoned
/// side that the new side does not include are reported, so that the host can offer them again. Only the ledger's head is used,
/// and it only ever holds rollups found in verified L1 blocks: nothing reaches an account before its rollup is on L1.
/// </summary>
internal static class AccountUpdatePlanner
{
    public static AccountChanges Plan(LedgerSnapshot? before, LedgerSnapshot after, IDepositIndex deposits)
    {
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(deposits);
        var oldHead = before?.Head;
        var newHead = after.Head;
        if (oldHead?.Header.Hash == newHead?.Header.Hash)
        {
            return AccountChanges.None;
        }

        var common = CommonGeneration(before, after);
        var touched = new HashSet<Address>();
        var entries = new Dictionary<Address, List<AccountHistoryRecord>>();
        var included = new List<Hash256>();
        var left = new List<L2Transaction>();
        if (before is not null && oldHead is not null)
        {
            foreach (var rollup in Above(before, common, oldHead.Header.Generation))
            {
                Touch(before, rollup, deposits, touched, entries: null);
                left.AddRange(rollup.Rollup.Transactions);
            }
        }

        if (newHead is not null)
        {
            foreach (var rollup in Above(after, common, newHead.Header.Generation))
            {
                Touch(after, rollup, deposits, touched, entries);
                included.AddRange(rollup.Rollup.Transactions.Select(t => t.Hash));
            }
        }

        var state = after.State;
        RollupAnchor? anchor = newHead is null ? null : new RollupAnchor(newHead.Header.Hash, newHead.Header.Generation, newHead.PublishedIn.Number, newHead.PublishedIn.Hash);
        ulong? keep = common < 0 ? null : (ulong)common;
        var updates = touched
            .Order()
            .Select(address =>
            {
                var account = state.GetAccount(address);
                var update = new AccountUpdate(anchor, account.Balance, account.Nonce, TokensOf(state, address), keep, entries.GetValueOrDefault(address) ?? []);
                return KeyValuePair.Create(address, update);
            })
            .ToList();
        var stillIncluded = included.ToHashSet();
        return new AccountChanges(updates, included, [.. left.Where(transaction => !stillIncluded.Contains(transaction.Hash))]);
    }

    /// <summary>The highest generation whose canonical rollup is the same before and after; −1 when none is (within the retained window).</summary>
    private static long CommonGeneration(LedgerSnapshot? before, LedgerSnapshot after)
    {
        if (before?.Head is not { } oldHead || after.Head is not { } newHead)
        {
            return -1;
        }

        for (var generation = (long)Math.Min(oldHead.Header.Generation, newHead.Header.Generation); generation >= 0; generation--)
        {
            var a = before.CanonicalAt((ulong)generation);
            var b = after.CanonicalAt((ulong)generation);
            if (a is null || b is null)
            {
                return -1;
            }

            if (a.Header.Hash == b.Header.Hash)
            {
                return generation;
            }
        }

        return -1;
    }

    private static IEnumerable<CanonicalRollup> Above(LedgerSnapshot snapshot, long common, ulong head)
    {
        for (var generation = (ulong)(common + 1); generation <= head; generation++)
        {
            if (snapshot.CanonicalAt(generation) is { } rollup)
            {
                yield return rollup;
            }
        }
    }

    private static void Touch(LedgerSnapshot snapshot, CanonicalRollup rollup, IDepositIndex deposits, HashSet<Address> touched, Dictionary<Address, List<AccountHistoryRecord>>? entries)
    {
        var header = rollup.Header;
        var parentDependency = header.Generation == 0
            ? deposits.Anchor.Number
            : snapshot.CanonicalAt(header.Generation - 1)?.Header.DependencyBlockNumber ?? deposits.Anchor.Number;
        foreach (var deposit in deposits.DepositsDownTo(header.DependencyBlockHash, parentDependency))
        {
            touched.Add(deposit.L2Recipient);
        }

        foreach (var reward in header.Rewards)
        {
            touched.Add(reward.Recipient);
        }

        var built = rollup.Rollup;
        for (var i = 0; i < built.Transactions.Count; i++)
        {
            var tx = built.Transactions[i];
            var receipt = built.Receipts[i];
            var movement = TransactionMovement.Of(tx, receipt);
            var state = receipt.Status == TransactionStatus.Succeeded ? TransactionState.Succeeded : TransactionState.Failed;
            touched.Add(tx.Sender);
            Add(entries, tx.Sender, new AccountHistoryRecord(tx.Hash, true, movement.Counterparty, movement.Token, movement.Amount, state, header.Generation, i, header.Hash, receipt.FeePaid, receipt.FailureReason ?? string.Empty));
            if (movement.Recipient is { } recipient && recipient != tx.Sender)
            {
                touched.Add(recipient);
                Add(entries, recipient, new AccountHistoryRecord(tx.Hash, false, tx.Sender, movement.Token, movement.Amount, TransactionState.Succeeded, header.Generation, i, header.Hash, UInt256.Zero, string.Empty));
            }
        }
    }

    private static void Add(Dictionary<Address, List<AccountHistoryRecord>>? entries, Address account, AccountHistoryRecord entry)
    {
        if (entries is null) return;
        if (!entries.TryGetValue(account, out var list))
        {
            list = [];
            entries[account] = list;
        }

        list.Add(entry);
    }

    private static List<AccountTokenBalance> TokensOf(L2State state, Address account)
    {
        var tokens = new List<AccountTokenBalance>();
        foreach (var token in state.Tokens.Values)
        {
            var amount = state.GetTokenBalance(token.L2Address, account);
            if (!amount.IsZero)
            {
                tokens.Add(new AccountTokenBalance(token.L2Address, amount));
            }
        }

        return tokens;
    }
}
