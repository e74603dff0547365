using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.L1;

/// <summary>Sends transactions from one L1 account and waits for them.</summary>
public interface IL1TransactionSender
{
    /// <summary>The account that signs, pays gas and is <c>msg.sender</c>.</summary>
    Address Account { get; }

    /// <summary>
    /// Signs, sends and waits for inclusion with the sender's configured confirmations. A revert (at estimation or in
    /// the block) throws <see cref="Rpc.ContractRevertException"/> carrying the decoded reason.
    /// </summary>
    Task<L1TransactionResult> SendAsync(L1TransactionRequest request, CancellationToken cancellationToken = default);
}
