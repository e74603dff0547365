using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Execution;

namespace Obscuro.Client.Amounts;

/// <summary>
/// What an amount is of: ETH (<see cref="L1Address"/> zero), or an ERC-20 token allow-listed on the bridge, known on L2
/// as its wrapped token at <see cref="L2Address"/>.
/// </summary>
public sealed record Asset(string Symbol, int Decimals, Address L1Address)
{
    public static Asset Eth { get; } = new("ETH", 18, Address.Zero);

    public bool IsEth => L1Address.IsZero;

    /// <summary>The wrapped token's L2 address (zero for ETH).</summary>
    public Address L2Address => IsEth ? Address.Zero : SystemAddresses.WrappedToken(L1Address);

    public UInt256 Parse(string? text) => TokenAmount.Parse(text, Decimals, Symbol);

    /// <summary>The amount in units without the symbol ("1.5").</summary>
    public string FormatNumber(UInt256 baseUnits) => TokenAmount.Format(baseUnits, Decimals);

    /// <summary>The amount with its symbol ("1.5 ETH").</summary>
    public string Format(UInt256 baseUnits) => $"{TokenAmount.Format(baseUnits, Decimals)} {Symbol}";

    public override string ToString() => IsEth ? Symbol : $"{Symbol} ({L1Address.ToChecksumString()})";
}
