using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Ethereum.Receipts;
using Obscuro.Protocol.Ethereum.Transactions;

namespace Obscuro.Contracts.Rpc.Verification;

/// <summary>
/// One transaction of a verified L1 block with its receipt. Only what the header commits to is here: the sender is not
/// (recover it from <see cref="Transaction"/>), nor are the node's gasUsed, contractAddress or effectiveGasPrice.
/// </summary>
/// <param name="Index">The position in the block.</param>
/// <param name="Hash">Keccak-256 of <see cref="Encoded"/>.</param>
/// <param name="Encoded">The canonical encoding, as committed to by the transactionsRoot.</param>
public sealed record L1BlockTransaction(int Index, Hash256 Hash, ReadOnlyMemory<byte> Encoded, Transaction Transaction, Receipt Receipt);
