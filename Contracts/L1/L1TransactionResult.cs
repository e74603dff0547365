using Obscuro.Contracts.Rpc;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.L1;

/// <summary>A transaction that was included, succeeded and has the requested number of confirmations.</summary>
public sealed record L1TransactionResult(Hash256 TransactionHash, RpcReceipt Receipt);
