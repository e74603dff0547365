using System.Buffers.Binary;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Protocol.Crypto;

/// <summary>
/// What a rollup's encrypted groups and layout are bound to: the candidate rollup they belong to, named by header
/// fields that are fixed before the body is encrypted and that anyone can read from L1. (The rollup hash itself
/// cannot be used: it covers the blob hash and the encrypted layout, which do not exist yet.) Under POBI an enclave
/// makes one candidate per parent, so (parent, aggregator) names a candidate; the generation is carried along so the
/// binding is self-describing.
/// Encoded as parent hash (32) ‖ generation (u64 big-endian) ‖ aggregator address (20): 60 bytes.
/// </summary>
public readonly record struct RollupContext(Hash256 ParentHash, ulong Generation, Address Aggregator)
{
    public const int EncodedSize = Hash256.Size + sizeof(ulong) + Address.Size;

    internal void WriteTo(Span<byte> destination)
    {
        ParentHash.CopyTo(destination);
        BinaryPrimitives.WriteUInt64BigEndian(destination[Hash256.Size..], Generation);
        Aggregator.CopyTo(destination[(Hash256.Size + sizeof(ulong))..]);
    }
}
