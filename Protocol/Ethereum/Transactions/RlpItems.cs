using Obscuro.Protocol.Ethereum.Rlp;

namespace Obscuro.Protocol.Ethereum.Transactions;

internal static class RlpItems
{
    /// <summary>Counts the items left in a list reader without consuming them (the reader is copied), so decoders can allocate exact arrays.</summary>
    internal static int Count(RlpReader list)
    {
        var count = 0;
        while (!list.IsAtEnd)
        {
            _ = list.ReadEncodedItem();
            count++;
        }

        return count;
    }
}
