using Obscuro.Contracts.Abi;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.L1;

/// <summary>
/// An L1 transaction to send: a call (<paramref name="To"/> set) or a deployment (null). <paramref name="Errors"/> is
/// the ABI used to decode a revert into its custom error; <paramref name="GasLimit"/> overrides estimation.
/// <paramref name="ExtraGas"/> is added to the estimate for a call whose cost can grow between estimation (against the
/// pending state) and inclusion, because transactions mined before it change the path it takes.
/// </summary>
public sealed record L1TransactionRequest(Address? To, ReadOnlyMemory<byte> Data, UInt256 Value, ContractAbi? Errors = null, ulong? GasLimit = null, ulong ExtraGas = 0);
