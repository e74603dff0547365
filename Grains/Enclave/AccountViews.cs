using Obscuro.Grains.Node;
using Obscuro.Grains.Vault;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Enclave;

/// <summary>
/// What a query may say about an account, checked against the enclave's current L1-included head. Normally that is
/// the account grain's snapshot as it is: its anchor is a canonical rollup (the head or an ancestor, since the account
/// has not changed since). An anchor the head's chain no longer has means the account missed a correction: an L1 reorg
/// removed its rollup while the enclave could not follow (it was restarting and the host could no longer provide the
/// removed blocks). Then the balances come from the head's state itself and only history from canonical rollups
/// remains, so no query ever reports what the L1 no longer holds. An account the enclave has not pushed anything to yet
/// (nothing touched it, or its first update is on its way) is answered from the head in the same way.
/// </summary>
internal static class AccountViews
{
    public static AccountSnapshot AgainstHead(AccountSnapshot account, VaultHead head, Address address)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(head);
        if (account.Anchor is { } anchor && head.IsCanonical(anchor))
        {
            return account;
        }

        var state = head.State;
        var balance = state.GetAccount(address);
        var tokens = state.Tokens.Values
            .Select(token => new AccountTokenBalance(token.L2Address, state.GetTokenBalance(token.L2Address, address)))
            .Where(holding => !holding.Amount.IsZero)
            .ToList();
        var history = account.History.Where(entry => head.MayBeCanonical(entry.Generation, entry.RollupHash)).ToList();
        return new AccountSnapshot(head.Anchor, balance.Balance, balance.Nonce, tokens, history);
    }
}
