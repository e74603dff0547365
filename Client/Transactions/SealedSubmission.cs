using Obscuro.Protocol.Ethereum;

namespace Obscuro.Client.Transactions;

/// <summary>A signed L2 transaction encrypted to the network key: its hash (known before the node answers) and the ciphertext.</summary>
public sealed record SealedSubmission(Hash256 TransactionHash, ulong Nonce, byte[] Ciphertext);
