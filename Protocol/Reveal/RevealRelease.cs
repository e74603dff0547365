using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Ethereum.Rlp;

namespace Obscuro.Protocol.Reveal;

/// <summary>
/// What an enclave releases once a reveal interval has ended on L1 (spec "Symmetric key revealing"):
/// <c>EncryptionKey(option, interval)</c> and, for every canonical rollup of the interval, where that option's group
/// sits in the blob. Signed by the releasing enclave over
/// keccak256("Obscuro.revealRelease.v1" ‖ rlp([option, interval, key, [[rollupHash, generation, hasGroup, offset, length]…], enclave])).
/// Anyone can check it against the rollups on L1 with <see cref="RevealVerifier"/>; nothing else is revealed.
/// </summary>
public sealed record RevealRelease(RevealOption Option, ulong Interval, byte[] Key, IReadOnlyList<RevealEntry> Entries, Address Enclave, byte[] Signature)
{
    private static ReadOnlySpan<byte> Tag => "Obscuro.revealRelease.v1"u8;

    public static RevealRelease Create(RevealKey key, IReadOnlyList<RevealEntry> entries, ISigner enclave)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(enclave);
        var bytes = new byte[RevealKey.Size];
        key.CopyTo(bytes);
        var unsigned = new RevealRelease(key.Option, key.Interval, bytes, [.. entries], enclave.Address, []);
        return unsigned with { Signature = enclave.Sign(unsigned.SigningHash().ToArray()) };
    }

    public Hash256 SigningHash() => Keccak256.Hash([.. Tag, .. RlpEncoding.EncodeList(Fields())]);

    public bool IsSignedByEnclave() =>
        Signature.Length == 65 && Secp256k1.TryRecoverAddress(SigningHash().ToArray(), Signature, out var signer) && signer == Enclave;

    public byte[] Encode() => RlpEncoding.EncodeList([.. Fields(), RlpEncoding.EncodeBytes(Signature)]);

    public static RevealRelease Decode(ReadOnlySpan<byte> encoded)
    {
        var reader = new RlpReader(encoded);
        var list = reader.ReadList();
        reader.EnsureEnd();
        var option = list.ReadUInt64();
        if (option > (ulong)RevealOption.XL) throw new RlpException($"Invalid RLP: reveal option {option} is not one of XS..XL.");
        var interval = list.ReadUInt64();
        var key = list.ReadBytes().ToArray();
        if (key.Length != RevealKey.Size) throw new RlpException($"Invalid RLP: a reveal key is {RevealKey.Size} bytes, not {key.Length}.");
        var entryList = list.ReadList();
        var entries = new List<RevealEntry>();
        while (!entryList.IsAtEnd)
        {
            var e = entryList.ReadList();
            var entry = new RevealEntry(e.ReadHash(), e.ReadUInt64(), e.ReadUInt64() != 0, checked((int)e.ReadUInt64()), checked((int)e.ReadUInt64()));
            e.EnsureEnd();
            entries.Add(entry);
        }

        var enclave = list.ReadAddress();
        var signature = list.ReadBytes().ToArray();
        list.EnsureEnd();
        return new RevealRelease((RevealOption)option, interval, key, entries, enclave, signature);
    }

    private List<byte[]> Fields() =>
    [
        RlpEncoding.EncodeUInt((ulong)Option),
        RlpEncoding.EncodeUInt(Interval),
        RlpEncoding.EncodeBytes(Key),
        RlpEncoding.EncodeList([.. Entries.Select(e => RlpEncoding.EncodeList([
            RlpEncoding.EncodeBytes(e.RollupHash.ToArray()), RlpEncoding.EncodeUInt(e.Generation), RlpEncoding.EncodeUInt(e.HasGroup ? 1UL : 0UL),
            RlpEncoding.EncodeUInt((ulong)e.Offset), RlpEncoding.EncodeUInt((ulong)e.Length)]))]),
        RlpEncoding.EncodeBytes(Enclave.ToArray()),
    ];
}
