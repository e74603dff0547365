using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Execution;
using Obscuro.Protocol.Transactions;

namespace Obscuro.Grains.Enclave;

/// <summary>
/// What an included transaction moved, read from its receipt: a wrapped-token <c>Transfer</c> log, a
/// <c>WithdrawalRequested</c> log, or else the plain ETH value. <see cref="Recipient"/> is the L2 account credited
/// (null for withdrawals and failed transactions, which credit nobody on L2).
/// </summary>
internal readonly record struct TransactionMovement(Address Counterparty, Address Token, UInt256 Amount, Address? Recipient)
{
    public static TransactionMovement Of(L2Transaction tx, L2Receipt receipt)
    {
        foreach (var log in receipt.Logs)
        {
            if (log.Topics.Count == 3 && log.Topics[0] == HardCodedContracts.TransferTopic && log.Data.Length == 32)
            {
                var to = AddressOf(log.Topics[2]);
                return new TransactionMovement(to, log.Address, UInt256.FromBigEndian(log.Data), to);
            }

            if (log.Address == SystemAddresses.Withdrawals && log.Topics.Count == 3 && log.Topics[0] == HardCodedContracts.WithdrawalTopic && log.Data.Length == 64)
            {
                var l1Token = new Address(log.Data.AsSpan(12, Address.Size));
                var token = l1Token.IsZero ? Address.Zero : SystemAddresses.WrappedToken(l1Token);
                return new TransactionMovement(AddressOf(log.Topics[2]), token, UInt256.FromBigEndian(log.Data.AsSpan(32, 32)), null);
            }
        }

        var credited = receipt.Status == TransactionStatus.Succeeded && !SystemAddresses.IsSystem(tx.To) ? tx.To : (Address?)null;
        return new TransactionMovement(tx.To, Address.Zero, tx.Value, credited);
    }

    private static Address AddressOf(in Hash256 topic)
    {
        Span<byte> word = stackalloc byte[Hash256.Size];
        topic.CopyTo(word);
        return new Address(word[12..]);
    }
}
