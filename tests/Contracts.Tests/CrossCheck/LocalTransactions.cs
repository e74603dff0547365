using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Ethereum.Transactions;

namespace Obscuro.Contracts.Tests.CrossCheck;

/// <summary>
/// Builds and signs, with Protocol code, one transaction of each type from a <see cref="DevAccount"/>, taking its next
/// nonce. Fees are far above what a quiet anvil charges so every transaction is minable in the next block.
/// </summary>
public static class LocalTransactions
{
    public static readonly UInt256 GasPrice = new(50_000_000_000);
    public static readonly UInt256 Tip = new(1_000_000_000);
    public static readonly UInt256 BlobFeeCap = new(1_000_000_000);

    /// <summary>Legacy; <paramref name="eip155"/> false signs without a chain id (27/28, replayable on any chain).</summary>
    public static LegacyTransaction Legacy(DevAccount from, Address? to, UInt256 value, ReadOnlyMemory<byte> data, ulong gas, bool eip155 = true) =>
        new LegacyTransaction(from.TakeNonce(), GasPrice, gas, to, value, data, eip155 ? PragueAnvil.ChainId : null).Sign(from.PrivateKey);

    public static AccessListTransaction AccessList(DevAccount from, Address? to, UInt256 value, ReadOnlyMemory<byte> data, ulong gas, IReadOnlyList<AccessListItem> accessList) =>
        new AccessListTransaction(PragueAnvil.ChainId, from.TakeNonce(), GasPrice, gas, to, value, data, accessList).Sign(from.PrivateKey);

    public static DynamicFeeTransaction DynamicFee(DevAccount from, Address? to, UInt256 value, ReadOnlyMemory<byte> data, ulong gas) =>
        new DynamicFeeTransaction(PragueAnvil.ChainId, from.TakeNonce(), Tip, GasPrice, gas, to, value, data, []).Sign(from.PrivateKey);

    /// <summary>EIP-7702: <paramref name="authority"/> (not the sender) delegates its code to <paramref name="delegate"/>.</summary>
    public static SetCodeTransaction SetCode(DevAccount from, Address to, DevAccount authority, Address @delegate, ReadOnlyMemory<byte> data, ulong gas)
    {
        var authorization = Authorization.Sign(PragueAnvil.ChainId, @delegate, authority.TakeNonce(), authority.PrivateKey);
        return new SetCodeTransaction(PragueAnvil.ChainId, from.TakeNonce(), Tip, GasPrice, gas, to, UInt256.Zero, data, [], [authorization])
            .Sign(from.PrivateKey);
    }

    /// <summary>EIP-4844 carrying the zero blob (<see cref="BlobSidecar"/>).</summary>
    public static BlobTransaction Blob(DevAccount from, Address to) =>
        new BlobTransaction(PragueAnvil.ChainId, from.TakeNonce(), Tip, GasPrice, 21_000, to, UInt256.One, ReadOnlyMemory<byte>.Empty, [], BlobFeeCap,
            [BlobSidecar.ZeroBlobVersionedHash]).Sign(from.PrivateKey);
}
