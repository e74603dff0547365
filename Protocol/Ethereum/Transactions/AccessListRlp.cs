using Obscuro.Protocol.Ethereum.Rlp;

namespace Obscuro.Protocol.Ethereum.Transactions;

/// <summary>RLP of an access list: [[address, [storageKey, ...]], ...].</summary>
internal static class AccessListRlp
{
    private const int AddressItemLength = 1 + Address.Size;
    private const int HashItemLength = 1 + Hash256.Size;

    internal static int Length(IReadOnlyList<AccessListItem> accessList) => RlpLength.OfList(PayloadLength(accessList));

    internal static void Write(ref RlpWriter writer, IReadOnlyList<AccessListItem> accessList)
    {
        writer.WriteListPrefix(PayloadLength(accessList));
        for (var i = 0; i < accessList.Count; i++)
        {
            var item = accessList[i];
            var keysPayload = item.StorageKeys.Count * HashItemLength;
            writer.WriteListPrefix(AddressItemLength + RlpLength.OfList(keysPayload));
            writer.WriteAddress(item.Address);
            writer.WriteListPrefix(keysPayload);
            for (var k = 0; k < item.StorageKeys.Count; k++)
            {
                writer.WriteHash(item.StorageKeys[k]);
            }
        }
    }

    internal static IReadOnlyList<AccessListItem> Read(ref RlpReader reader)
    {
        var list = reader.ReadList();
        var count = RlpItems.Count(list);
        if (count == 0)
        {
            return [];
        }

        var items = new AccessListItem[count];
        for (var i = 0; i < items.Length; i++)
        {
            var entry = list.ReadList();
            var address = entry.ReadAddress();
            var keysReader = entry.ReadList();
            entry.EnsureEnd();
            var keyCount = RlpItems.Count(keysReader);
            var keys = keyCount == 0 ? Array.Empty<Hash256>() : new Hash256[keyCount];
            for (var k = 0; k < keys.Length; k++)
            {
                keys[k] = keysReader.ReadHash();
            }

            items[i] = new AccessListItem(address, keys);
        }

        return items;
    }

    internal static void Validate(IReadOnlyList<AccessListItem> accessList, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(accessList, parameterName);
        for (var i = 0; i < accessList.Count; i++)
        {
            if (accessList[i].StorageKeys is null)
            {
                throw new ArgumentException($"Access list entry {i} has no storage key list (use an empty list).", parameterName);
            }
        }
    }

    private static int PayloadLength(IReadOnlyList<AccessListItem> accessList)
    {
        var payload = 0;
        for (var i = 0; i < accessList.Count; i++)
        {
            payload += RlpLength.OfList(AddressItemLength + RlpLength.OfList(accessList[i].StorageKeys.Count * HashItemLength));
        }

        return payload;
    }
}
