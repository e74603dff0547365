using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Queries;

namespace Obscuro.Grains.Enclave;

/// <summary>
/// An account as its grain holds it: L1-confirmed values only, based on <see cref="Anchor"/> (null when no rollup has
/// touched it yet). History newest first, bounded. Enclave-internal plaintext.
/// </summary>
[GenerateSerializer]
[Alias("Obscuro.AccountSnapshot")]
public sealed record AccountSnapshot(
    [property: Id(0)] RollupAnchor? Anchor,
    [property: Id(1)] UInt256 Balance,
    [property: Id(2)] ulong Nonce,
    [property: Id(3)] IReadOnlyList<AccountTokenBalance> Tokens,
    [property: Id(4)] IReadOnlyList<AccountHistoryRecord> History)
{
    public static AccountSnapshot Empty { get; } = new(null, UInt256.Zero, 0, [], []);

    public UInt256 TokenBalance(in Address token)
    {
        foreach (var holding in Tokens)
        {
            if (holding.Token == token)
            {
                return holding.Amount;
            }
        }

        return UInt256.Zero;
    }
}
