using System.Runtime.CompilerServices;
using Obscuro.Protocol.Ethereum.Rlp;

namespace Obscuro.Protocol.Ethereum.Transactions;

/// <summary>
/// An EIP-7702 authorization tuple <c>[chainId, address, nonce, yParity, r, s]</c>: the authority (recovered from the
/// signature over <c>keccak(0x05 ‖ rlp([chainId, address, nonce]))</c>) delegates its code to <see cref="Address"/>.
/// A chain id of 0 means any chain. <see cref="TransactionSignature.V"/> holds the y parity.
/// </summary>
public readonly record struct Authorization(UInt256 ChainId, Address Address, ulong Nonce, TransactionSignature Signature)
{
    /// <summary>EIP-7702's signing domain byte.</summary>
    public const byte Magic = 0x05;

    /// <summary>Signs an authorization with the authority's key.</summary>
    [SkipLocalsInit]
    public static Authorization Sign(UInt256 chainId, Address address, ulong nonce, ReadOnlySpan<byte> privateKey)
    {
        Span<byte> hash = stackalloc byte[Hash256.Size];
        WriteSigningHash(chainId, address, nonce, hash);
        var (r, s, recoveryId) = EcdsaRecovery.Sign(hash, privateKey);
        return new Authorization(chainId, address, nonce, new TransactionSignature(new UInt256((ulong)recoveryId), r, s));
    }

    /// <summary>keccak(0x05 ‖ rlp([chainId, address, nonce])).</summary>
    [SkipLocalsInit]
    public static Hash256 ComputeSigningHash(UInt256 chainId, Address address, ulong nonce)
    {
        Span<byte> hash = stackalloc byte[Hash256.Size];
        WriteSigningHash(chainId, address, nonce, hash);
        return new Hash256(hash);
    }

    public Hash256 ComputeSigningHash() => ComputeSigningHash(ChainId, Address, Nonce);

    /// <summary>Recovers the authority. Fails for a y parity other than 0/1, r or s out of range, a high s, or no recoverable key.</summary>
    [SkipLocalsInit]
    public bool TryRecoverAuthority(out Address authority, out SignatureError error)
    {
        authority = default;
        if (Signature.V > UInt256.One)
        {
            error = SignatureError.InvalidV;
            return false;
        }

        Span<byte> hash = stackalloc byte[Hash256.Size];
        WriteSigningHash(ChainId, Address, Nonce, hash);
        error = EcdsaRecovery.TryRecover(hash, Signature.R, Signature.S, Signature.V.IsZero ? 0 : 1, out authority);
        return error == SignatureError.None;
    }

    /// <exception cref="InvalidSignatureException">No authority can be recovered; the message says why.</exception>
    public Address RecoverAuthority()
    {
        if (TryRecoverAuthority(out var authority, out var error))
        {
            return authority;
        }

        var message = error == SignatureError.InvalidV
            ? $"The y parity of an authorization must be 0 or 1, got {Signature.V}."
            : EcdsaRecovery.Describe(error, Signature);
        throw new InvalidSignatureException(error, message);
    }

    internal int EncodedLength => RlpLength.OfList(PayloadLength);

    private int PayloadLength =>
        RlpLength.OfUInt(ChainId) + 1 + Address.Size + RlpLength.OfUInt(Nonce) + Signature.RlpFieldsLength;

    internal void Write(ref RlpWriter writer)
    {
        writer.WriteListPrefix(PayloadLength);
        writer.WriteUInt(ChainId);
        writer.WriteAddress(Address);
        writer.WriteUInt(Nonce);
        Signature.WriteFields(ref writer);
    }

    internal static Authorization Read(ref RlpReader reader)
    {
        var tuple = reader.ReadList();
        var chainId = tuple.ReadUInt256();
        var address = tuple.ReadAddress();
        var nonce = tuple.ReadUInt64();
        var field = string.Empty;
        var signature = TransactionSignature.ReadFields(ref tuple, ref field);
        tuple.EnsureEnd();
        return new Authorization(chainId, address, nonce, signature);
    }

    private static void WriteSigningHash(in UInt256 chainId, in Address address, ulong nonce, Span<byte> hash32)
    {
        var payload = RlpLength.OfUInt(chainId) + 1 + Address.Size + RlpLength.OfUInt(nonce);
        Span<byte> buffer = stackalloc byte[1 + 3 + 33 + 21 + 9]; // magic, list prefix, then the three fields at their largest
        buffer[0] = Magic;
        var writer = new RlpWriter(buffer[1..]);
        writer.WriteListPrefix(payload);
        writer.WriteUInt(chainId);
        writer.WriteAddress(address);
        writer.WriteUInt(nonce);
        Keccak256.Hash(buffer[..(1 + writer.Position)], hash32);
    }
}
