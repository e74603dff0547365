using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Execution;
using Obscuro.Protocol.State;

namespace Obscuro.Protocol.Chain;

/// <summary>
/// What one L1 block contributes as rollup inputs. A block's content is fixed by its hash, whatever fork it is on.
/// <paramref name="FeePerGas"/> is the L2 fee per gas unit in effect after the block (null while L1 has set none);
/// <paramref name="DefaultRevealOption"/> likewise the default reveal option.
/// </summary>
internal sealed record BlockRecord(L1BlockRef Ref, IReadOnlyList<TokenInfo> Listings, IReadOnlyList<L1Deposit> Deposits, UInt256? FeePerGas = null, Crypto.RevealOption? DefaultRevealOption = null);
