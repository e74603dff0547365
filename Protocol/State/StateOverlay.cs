using Obscuro.Protocol.Ethereum;

namespace Obscuro.Protocol.State;

/// <summary>
/// The mutable working set of one rollup's execution over an immutable parent <see cref="L2State"/>. Reads fall
/// through to the parent; writes stay here until <see cref="Commit"/> folds them into a new immutable state in one
/// batch. Not thread-safe: a rollup executes sequentially.
/// </summary>
public sealed class StateOverlay
{
    private readonly L2State _parent;
    private readonly Dictionary<Address, AccountState> _accounts = [];
    private readonly Dictionary<Hash256, TokenBalance> _tokenBalances = [];
    private readonly Dictionary<Address, TokenInfo> _newTokens = [];

    public StateOverlay(L2State parent)
    {
        ArgumentNullException.ThrowIfNull(parent);
        _parent = parent;
        RewardPool = parent.RewardPool;
        NextDepositId = parent.NextDepositId;
    }

    public UInt256 RewardPool { get; set; }

    public ulong NextDepositId { get; set; }

    public AccountState GetAccount(in Address address) =>
        _accounts.TryGetValue(address, out var account) ? account : _parent.GetAccount(address);

    public void SetAccount(in Address address, in AccountState account) => _accounts[address] = account;

    public UInt256 GetTokenBalance(in Address l2Token, in Address holder)
    {
        var key = StateKeys.TokenHolding(l2Token, holder);
        return _tokenBalances.TryGetValue(key, out var balance) ? balance.Amount : _parent.TokenBalances.GetValueOrDefault(key).Amount;
    }

    public void SetTokenBalance(in Address l2Token, in Address holder, in UInt256 amount) =>
        _tokenBalances[StateKeys.TokenHolding(l2Token, holder)] = new TokenBalance(amount);

    public TokenInfo? FindToken(in Address l2Token) =>
        _newTokens.TryGetValue(l2Token, out var token) ? token : _parent.FindToken(l2Token);

    public void AddToken(TokenInfo token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (FindToken(token.L2Address) is null) _newTokens[token.L2Address] = token;
    }

    public L2State Commit()
    {
        var accounts = _accounts.Count == 0 ? _parent.Accounts
            : _parent.Accounts.SetItems(_accounts.Select(kv => KeyValuePair.Create(StateKeys.Account(kv.Key), kv.Value)));
        var tokenBalances = _tokenBalances.Count == 0 ? _parent.TokenBalances : _parent.TokenBalances.SetItems(_tokenBalances);
        var tokens = _newTokens.Count == 0 ? _parent.Tokens : _parent.Tokens.SetItems(_newTokens);
        return new L2State(accounts, tokenBalances, tokens, RewardPool, NextDepositId);
    }
}
