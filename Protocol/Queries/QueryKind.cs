namespace Obscuro.Protocol.Queries;

/// <summary>What a query asks about the querying account. Values are part of the wire format.</summary>
public enum QueryKind : byte
{
    /// <summary>ETH balance and next nonce.</summary>
    Account = 1,

    /// <summary>Balance of one wrapped token (argument: the token's L2 address).</summary>
    TokenBalance = 2,

    /// <summary>Status and receipt of one of the account's transactions (argument: the transaction hash).</summary>
    Transaction = 3,

    /// <summary>The account's transactions and incoming transfers, newest first.</summary>
    History = 4,
}
