using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Reveal;

namespace Obscuro.Protocol.Rollups;

/// <summary>
/// Builds and opens rollup bodies (spec "Symmetric key revealing"): the transactions are grouped by reveal option,
/// each group compressed and encrypted with <c>EncryptionKey(option, interval)</c> for the interval the rollup's
/// generation falls in, and the groups concatenated without delimiters into the blob. The layout (positions and
/// execution order) is encrypted with the layout key. Whoever later holds one released key and its group's position
/// can open exactly that group.
/// </summary>
public static class RollupBodyCodec
{
    /// <summary>Bound on a group's decompressed size, so a hostile blob cannot exhaust memory (well above any real rollup).</summary>
    public const int MaxGroupPlaintextBytes = 64 * 1024 * 1024;

    public static EncodedBody Encode(IReadOnlyList<BodyTransaction> transactions, in RollupContext context, RevealSchedule schedule, KeySchedule keys)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(keys);
        var byOption = new List<byte[]>[5];
        var order = new byte[transactions.Count];
        for (var i = 0; i < transactions.Count; i++)
        {
            var option = transactions[i].Option;
            (byOption[(int)option] ??= []).Add(transactions[i].Raw);
            order[i] = (byte)option;
        }

        var groups = new List<GroupPosition>();
        var ciphertexts = new List<byte[]>();
        var offset = 0;
        for (var option = RevealOption.XS; option <= RevealOption.XL; option++)
        {
            var raws = byOption[(int)option];
            if (raws is null) continue;
            var interval = schedule.IntervalOf(option, context.Generation);
            using var key = keys.EncryptionKey(option, interval);
            var ciphertext = RollupCipher.EncryptGroup(key, context, GroupCompression.Pack(raws));
            groups.Add(new GroupPosition(option, interval, offset, ciphertext.Length, raws.Count));
            ciphertexts.Add(ciphertext);
            offset += ciphertext.Length;
        }

        var blob = new byte[offset];
        var position = 0;
        foreach (var ciphertext in ciphertexts)
        {
            ciphertext.CopyTo(blob, position);
            position += ciphertext.Length;
        }

        var layout = new RollupLayout(groups, order);
        using var layoutKey = keys.LayoutKey();
        return new EncodedBody(blob, RollupCipher.EncryptLayout(layoutKey, context, layout.Encode()), layout);
    }

    /// <summary>Opens a body and returns its transactions in execution order. Any inconsistency is a <see cref="RollupBodyException"/>.</summary>
    public static (RollupLayout Layout, List<BodyTransaction> Transactions) Decode(
        ReadOnlySpan<byte> blob, ReadOnlySpan<byte> encryptedLayout, in RollupContext context, RevealSchedule schedule, KeySchedule keys)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(keys);
        RollupLayout layout;
        using (var layoutKey = keys.LayoutKey())
        {
            var plaintext = new byte[RollupCipher.PlaintextLength(encryptedLayout.Length)];
            if (!RollupCipher.TryDecryptLayout(layoutKey, context, encryptedLayout, plaintext, out var length, out var rejection))
            {
                throw new RollupBodyException($"layout does not decrypt ({rejection})");
            }

            layout = RollupLayout.Decode(plaintext.AsSpan(0, length), blob.Length);
        }

        var queues = new Queue<byte[]>[5];
        foreach (var group in layout.Groups)
        {
            var expected = schedule.IntervalOf(group.Option, context.Generation);
            if (group.Interval != expected)
            {
                throw new RollupBodyException($"group {group.Option} claims interval {group.Interval}, but generation {context.Generation} is in interval {expected}");
            }

            using var key = keys.EncryptionKey(group.Option, group.Interval);
            var transactions = OpenGroup(blob.Slice(group.Offset, group.Length), key, context);
            if (transactions.Count != group.TransactionCount)
            {
                throw new RollupBodyException($"group {group.Option} holds {transactions.Count} transactions, the layout says {group.TransactionCount}");
            }

            queues[(int)group.Option] = new Queue<byte[]>(transactions);
        }

        var ordered = new List<BodyTransaction>(layout.ExecutionOrder.Length);
        foreach (var option in layout.ExecutionOrder)
        {
            ordered.Add(new BodyTransaction((RevealOption)option, queues[option].Dequeue()));
        }

        return (layout, ordered);
    }

    /// <summary>Opens one group with its (possibly released) reveal key: what anyone can do after the interval ends.</summary>
    public static List<byte[]> OpenGroup(ReadOnlySpan<byte> groupCiphertext, RevealKey key, in RollupContext context)
    {
        ArgumentNullException.ThrowIfNull(key);
        var plaintext = new byte[RollupCipher.PlaintextLength(groupCiphertext.Length)];
        if (!RollupCipher.TryDecryptGroup(key, context, groupCiphertext, plaintext, out var length, out var rejection))
        {
            throw new RollupBodyException($"group {key.Option} of interval {key.Interval} does not decrypt ({rejection})");
        }

        return GroupCompression.Unpack(plaintext.AsSpan(0, length), MaxGroupPlaintextBytes);
    }
}
