using Obscuro.Protocol.Ethereum;

namespace Obscuro.Protocol.Execution;

/// <summary>
/// Addresses of the hard-coded contracts of the first phase (spec "Obscuro VM"). They sit in a range no key can
/// plausibly own (the top 19 bytes are zero), like Ethereum's precompiles.
/// </summary>
public static class SystemAddresses
{
    /// <summary>Sending to this address withdraws to L1: ETH by value, a token by <c>withdrawToken</c> calldata.</summary>
    public static readonly Address Withdrawals = FromLastByte(0x42);

    private static ReadOnlySpan<byte> WrappedTokenDomain => "Obscuro.WrappedToken.v1"u8;

    /// <summary>The L2 address of the wrapped version of an L1 token: keccak256(domain ‖ l1Token)[12..].</summary>
    public static Address WrappedToken(in Address l1Token)
    {
        Span<byte> input = stackalloc byte[WrappedTokenDomain.Length + Address.Size];
        WrappedTokenDomain.CopyTo(input);
        l1Token.CopyTo(input[WrappedTokenDomain.Length..]);
        Span<byte> hash = stackalloc byte[32];
        Keccak256.Hash(input, hash);
        return new Address(hash[12..]);
    }

    public static bool IsSystem(in Address address) => address.HasOnlyLastByte;

    private static Address FromLastByte(byte value)
    {
        Span<byte> bytes = stackalloc byte[Address.Size];
        bytes.Clear();
        bytes[^1] = value;
        return new Address(bytes);
    }
}
