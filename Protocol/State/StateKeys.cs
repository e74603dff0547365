using Obscuro.Protocol.Ethereum;

namespace Obscuro.Protocol.State;

/// <summary>Keys of the state maps. Both are uniformly distributed, as <see cref="PersistentMap{TValue}"/> requires.</summary>
public static class StateKeys
{
    /// <summary>An account is keyed by its address (already a Keccak output) padded to 32 bytes.</summary>
    public static Hash256 Account(in Address address)
    {
        Span<byte> key = stackalloc byte[Hash256.Size];
        key.Clear();
        address.CopyTo(key);
        return new Hash256(key);
    }

    /// <summary>A token holding is keyed by keccak256(l2Token ‖ holder).</summary>
    public static Hash256 TokenHolding(in Address l2Token, in Address holder)
    {
        Span<byte> input = stackalloc byte[Address.Size * 2];
        l2Token.CopyTo(input);
        holder.CopyTo(input[Address.Size..]);
        return Keccak256.Hash(input);
    }
}
