using System.Text.Json;

namespace Obscuro.Contracts.Rpc;

/// <summary>Builds the typed RPC models from result JSON, field by field, without reflection.</summary>
internal static class RpcModelReader
{
    public static RpcBlock Block(JsonElement element, string context)
    {
        var json = new RpcJsonReader(element, context);
        return new RpcBlock
        {
            Hash = json.Hash("hash"),
            ParentHash = json.Hash("parentHash"),
            Sha3Uncles = json.Hash("sha3Uncles"),
            Miner = json.Address("miner"),
            StateRoot = json.Hash("stateRoot"),
            TransactionsRoot = json.Hash("transactionsRoot"),
            ReceiptsRoot = json.Hash("receiptsRoot"),
            LogsBloom = json.Data("logsBloom", 256),
            Difficulty = json.UInt256("difficulty"),
            Number = json.UInt64("number"),
            GasLimit = json.UInt64("gasLimit"),
            GasUsed = json.UInt64("gasUsed"),
            Timestamp = json.UInt64("timestamp"),
            ExtraData = json.Data("extraData"),
            MixHash = json.Hash("mixHash"),
            Nonce = json.Data("nonce", 8),
            BaseFeePerGas = json.OptionalUInt256("baseFeePerGas"),
            WithdrawalsRoot = json.OptionalHash("withdrawalsRoot"),
            BlobGasUsed = json.OptionalUInt64("blobGasUsed"),
            ExcessBlobGas = json.OptionalUInt64("excessBlobGas"),
            ParentBeaconBlockRoot = json.OptionalHash("parentBeaconBlockRoot"),
            RequestsHash = json.OptionalHash("requestsHash"),
            TotalDifficulty = json.OptionalUInt256("totalDifficulty"),
            Size = json.OptionalUInt64("size"),
            Uncles = json.OptionalList("uncles", RpcJsonReader.HashElement) ?? [],
            Transactions = json.List("transactions", FullTransaction),
            Withdrawals = json.OptionalList("withdrawals", Withdrawal),
        };
    }

    public static RpcTransaction Transaction(JsonElement element, string context)
    {
        var json = new RpcJsonReader(element, context);
        return new RpcTransaction
        {
            Hash = json.Hash("hash"),

            // Nodes that predate typed transactions send no type: those are legacy transactions.
            Type = json.OptionalByte("type") ?? 0,
            ChainId = json.OptionalUInt64("chainId"),
            Nonce = json.UInt64("nonce"),
            From = json.Address("from"),
            To = json.OptionalAddress("to"),
            Value = json.UInt256("value"),
            Gas = json.UInt64("gas"),
            GasPrice = json.OptionalUInt256("gasPrice"),
            MaxFeePerGas = json.OptionalUInt256("maxFeePerGas"),
            MaxPriorityFeePerGas = json.OptionalUInt256("maxPriorityFeePerGas"),
            MaxFeePerBlobGas = json.OptionalUInt256("maxFeePerBlobGas"),
            Input = json.Data("input"),
            AccessList = json.OptionalList("accessList", AccessListEntry),
            BlobVersionedHashes = json.OptionalList("blobVersionedHashes", RpcJsonReader.HashElement),
            AuthorizationList = json.OptionalList("authorizationList", Authorization),
            V = json.OptionalUInt256("v"),
            R = json.UInt256("r"),
            S = json.UInt256("s"),
            YParity = json.OptionalByte("yParity"),
            BlockHash = json.OptionalHash("blockHash"),
            BlockNumber = json.OptionalUInt64("blockNumber"),
            TransactionIndex = json.OptionalUInt64("transactionIndex"),
            BlockTimestamp = json.OptionalTimestamp("blockTimestamp"),
        };
    }

    public static RpcReceipt Receipt(JsonElement element, string context)
    {
        var json = new RpcJsonReader(element, context);
        return new RpcReceipt
        {
            TransactionHash = json.Hash("transactionHash"),
            TransactionIndex = json.UInt64("transactionIndex"),
            BlockHash = json.Hash("blockHash"),
            BlockNumber = json.UInt64("blockNumber"),
            From = json.Address("from"),
            To = json.OptionalAddress("to"),
            Type = json.OptionalByte("type") ?? 0,
            Status = json.OptionalByte("status"),
            Root = json.OptionalHash("root"),
            CumulativeGasUsed = json.UInt64("cumulativeGasUsed"),
            GasUsed = json.UInt64("gasUsed"),
            EffectiveGasPrice = json.UInt256("effectiveGasPrice"),
            ContractAddress = json.OptionalAddress("contractAddress"),
            Logs = json.List("logs", Log),
            LogsBloom = json.Data("logsBloom", 256),
            BlobGasUsed = json.OptionalUInt64("blobGasUsed"),
            BlobGasPrice = json.OptionalUInt256("blobGasPrice"),
            BlockTimestamp = json.OptionalTimestamp("blockTimestamp"),
        };
    }

    public static RpcLog Log(JsonElement element, string context)
    {
        var json = new RpcJsonReader(element, context);
        var topics = json.List("topics", RpcJsonReader.HashElement);
        if (topics.Count > 4)
        {
            throw new RpcProtocolException($"{context}.topics: a log has at most 4 topics, got {topics.Count}.");
        }

        return new RpcLog
        {
            Address = json.Address("address"),
            Topics = topics,
            Data = json.Data("data"),
            BlockHash = json.OptionalHash("blockHash"),
            BlockNumber = json.OptionalUInt64("blockNumber"),
            BlockTimestamp = json.OptionalTimestamp("blockTimestamp"),
            TransactionHash = json.OptionalHash("transactionHash"),
            TransactionIndex = json.OptionalUInt64("transactionIndex"),
            LogIndex = json.OptionalUInt64("logIndex"),
            Removed = json.OptionalBool("removed"),
        };
    }

    public static RpcFeeHistory FeeHistory(JsonElement element, string context)
    {
        var json = new RpcJsonReader(element, context);
        return new RpcFeeHistory
        {
            OldestBlock = json.UInt64("oldestBlock"),
            BaseFeePerGas = json.List("baseFeePerGas", RpcJsonReader.UInt256Element),
            GasUsedRatio = json.List("gasUsedRatio", RpcJsonReader.DoubleElement),
            BaseFeePerBlobGas = json.OptionalList("baseFeePerBlobGas", RpcJsonReader.UInt256Element),
            BlobGasUsedRatio = json.OptionalList("blobGasUsedRatio", RpcJsonReader.DoubleElement),
            Reward = json.OptionalList("reward", (item, itemContext) => RpcJsonReader.ArrayElement(item, itemContext, RpcJsonReader.UInt256Element)),
        };
    }

    /// <summary>Transactions of a block fetched with full transactions; a bare hash means the node ignored the flag.</summary>
    private static RpcTransaction FullTransaction(JsonElement element, string context) =>
        element.ValueKind == JsonValueKind.String
            ? throw new RpcProtocolException($"{context}: the node returned a transaction hash where the full transaction was requested.")
            : Transaction(element, context);

    private static RpcAccessListEntry AccessListEntry(JsonElement element, string context)
    {
        var json = new RpcJsonReader(element, context);
        return new RpcAccessListEntry(json.Address("address"), json.List("storageKeys", RpcJsonReader.HashElement));
    }

    private static RpcAuthorization Authorization(JsonElement element, string context)
    {
        var json = new RpcJsonReader(element, context);
        return new RpcAuthorization(json.UInt256("chainId"), json.Address("address"), json.UInt64("nonce"), json.Byte("yParity"), json.UInt256("r"), json.UInt256("s"));
    }

    private static RpcWithdrawal Withdrawal(JsonElement element, string context)
    {
        var json = new RpcJsonReader(element, context);
        return new RpcWithdrawal(json.UInt64("index"), json.UInt64("validatorIndex"), json.Address("address"), json.UInt64("amount"));
    }
}
