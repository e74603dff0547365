using Obscuro.Protocol.Ethereum.Rlp;

namespace Obscuro.Protocol.Ethereum.Transactions;

/// <summary>RLP of the optional "to": an empty string means contract creation.</summary>
internal static class TransactionRlp
{
    internal static int OfOptionalAddress(Address? address) => address is null ? 1 : 1 + Address.Size;

    internal static void WriteOptionalAddress(ref RlpWriter writer, Address? address)
    {
        if (address is { } a)
        {
            writer.WriteAddress(a);
        }
        else
        {
            writer.WriteBytes([]);
        }
    }
}
