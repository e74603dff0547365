using Obscuro.Contracts.Rpc;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Ethereum.Blocks;
using Obscuro.Protocol.Ethereum.Receipts;
using Obscuro.Protocol.Ethereum.Transactions;

namespace Obscuro.Benchmarks;

/// <summary>
/// A consistent Prague L1 block shaped like a busy mainnet block, in JSON-RPC form as the host would fetch it: 200
/// signed transactions (120 EIP-1559 of which half are token calls, 50 legacy, 20 EIP-2930, 10 EIP-7702) and ~300
/// ERC-20-style logs, with the header's roots, bloom, gas and hash all correct.
/// </summary>
internal static class SyntheticL1Block
{
    private const ulong ChainId = 1;
    private static readonly UInt256 Gwei = new(1_000_000_000);
    private static readonly Hash256 TransferTopic = Keccak256.Hash("Transfer(address,address,uint256)"u8);

    public static (RpcBlock Block, IReadOnlyList<RpcReceipt> Receipts) Create(int transactionCount = 200)
    {
        var transactions = new Transaction[transactionCount];
        var receipts = new Receipt[transactionCount];
        ulong gas = 0;
        for (var i = 0; i < transactionCount; i++)
        {
            var key = Keccak256.HashToArray(BitConverter.GetBytes(i));
            var token = AddressOf("token", i % 7);
            var call = TokenTransfer(i);
            transactions[i] = (i % 20) switch
            {
                < 6 => new DynamicFeeTransaction(ChainId, (ulong)i, Gwei, Gwei * 30, 21_000, AddressOf("to", i), new UInt256(1_000_000_000_000_000), ReadOnlyMemory<byte>.Empty, []),
                < 12 => new DynamicFeeTransaction(ChainId, (ulong)i, Gwei, Gwei * 30, 90_000, token, UInt256.Zero, call, []),
                < 17 => new LegacyTransaction((ulong)i, Gwei * 20, 90_000, token, UInt256.Zero, call, ChainId),
                < 19 => new AccessListTransaction(ChainId, (ulong)i, Gwei * 20, 120_000, token, UInt256.Zero, call,
                    [new AccessListItem(token, [Keccak256.Hash(BitConverter.GetBytes(i)), Hash256.Zero])]),
                _ => new SetCodeTransaction(ChainId, 0, Gwei, Gwei * 30, 80_000, AddressOf("to", i), UInt256.Zero, ReadOnlyMemory<byte>.Empty, [],
                    [Authorization.Sign(ChainId, token, 0, Keccak256.HashToArray(BitConverter.GetBytes(-i)))]),
            };
            transactions[i] = transactions[i].Sign(key);

            var logs = transactions[i].Data.IsEmpty
                ? []
                : Enumerable.Range(0, 1 + (i % 4)).Select(l => new Log(token, [TransferTopic, Word(AddressOf("from", i)), Word(AddressOf("to", i + l))], new UInt256((ulong)(l + 1)).ToBigEndianArray())).ToArray();
            gas += transactions[i].Data.IsEmpty ? 21_000UL : 45_000UL + (ulong)(logs.Length * 3_000);
            receipts[i] = new Receipt(transactions[i].Type, succeeded: i % 50 != 49, gas, logs);
        }

        var header = new BlockHeader
        {
            ParentHash = Keccak256.Hash("parent"u8),
            Sha3Uncles = BlockRoots.EmptyOmmersHash,
            Miner = AddressOf("miner", 0),
            StateRoot = Keccak256.Hash("state"u8),
            TransactionsRoot = BlockRoots.Transactions(transactions),
            ReceiptsRoot = BlockRoots.Receipts(receipts),
            LogsBloom = BlockRoots.LogsBloom(receipts),
            Difficulty = UInt256.Zero,
            Number = 22_000_000,
            GasLimit = 36_000_000,
            GasUsed = gas,
            Timestamp = 1_750_000_000,
            ExtraData = "beaverbuild.org"u8.ToArray(),
            MixHash = Keccak256.Hash("randao"u8),
            Nonce = 0,
            BaseFeePerGas = Gwei,
            WithdrawalsRoot = BlockRoots.Withdrawals([]),
            BlobGasUsed = 0,
            ExcessBlobGas = 0,
            ParentBeaconBlockRoot = Keccak256.Hash("beacon"u8),
            RequestsHash = Keccak256.Hash("requests"u8),
        };
        var hash = header.ComputeHash();

        var rpcTransactions = transactions.Select((t, i) => ToRpc(t, hash, header.Number, i)).ToArray();
        ulong logIndex = 0;
        var rpcReceipts = receipts.Select((r, i) => new RpcReceipt
        {
            TransactionHash = rpcTransactions[i].Hash,
            TransactionIndex = (ulong)i,
            BlockHash = hash,
            BlockNumber = header.Number,
            From = rpcTransactions[i].From,
            To = transactions[i].To,
            Type = (byte)r.Type,
            Status = r.Succeeded == true ? (byte)1 : (byte)0,
            CumulativeGasUsed = r.CumulativeGasUsed,
            GasUsed = 21_000,
            EffectiveGasPrice = Gwei * 2,
            Logs = r.Logs.Select(l => new RpcLog
            {
                Address = l.Address,
                Topics = l.Topics,
                Data = l.Data,
                BlockHash = hash,
                BlockNumber = header.Number,
                TransactionHash = rpcTransactions[i].Hash,
                TransactionIndex = (ulong)i,
                LogIndex = logIndex++,
            }).ToArray(),
            LogsBloom = r.LogsBloom.Bytes.ToArray(),
        }).ToArray();

        var block = new RpcBlock
        {
            Hash = hash,
            ParentHash = header.ParentHash,
            Sha3Uncles = header.Sha3Uncles,
            Miner = header.Miner,
            StateRoot = header.StateRoot,
            TransactionsRoot = header.TransactionsRoot,
            ReceiptsRoot = header.ReceiptsRoot,
            LogsBloom = header.LogsBloom.Bytes.ToArray(),
            Difficulty = header.Difficulty,
            Number = header.Number,
            GasLimit = header.GasLimit,
            GasUsed = header.GasUsed,
            Timestamp = header.Timestamp,
            ExtraData = header.ExtraData,
            MixHash = header.MixHash,
            Nonce = new byte[8],
            BaseFeePerGas = header.BaseFeePerGas,
            WithdrawalsRoot = header.WithdrawalsRoot,
            BlobGasUsed = header.BlobGasUsed,
            ExcessBlobGas = header.ExcessBlobGas,
            ParentBeaconBlockRoot = header.ParentBeaconBlockRoot,
            RequestsHash = header.RequestsHash,
            Uncles = [],
            Transactions = rpcTransactions,
            Withdrawals = [],
        };
        return (block, rpcReceipts);
    }

    /// <summary>The JSON-RPC object a node returns for <paramref name="transaction"/> at this position.</summary>
    private static RpcTransaction ToRpc(Transaction transaction, Hash256 blockHash, ulong number, int index)
    {
        var signature = transaction.Signature!.Value;
        return new RpcTransaction
        {
            Hash = transaction.ComputeHash(),
            Type = (byte)transaction.Type,
            ChainId = transaction.ChainId,
            Nonce = transaction.Nonce,
            From = transaction.RecoverSender(),
            To = transaction.To,
            Value = transaction.Value,
            Gas = transaction.GasLimit,
            GasPrice = transaction.GasFeeCap,
            MaxFeePerGas = transaction is LegacyTransaction or AccessListTransaction ? null : transaction.GasFeeCap,
            MaxPriorityFeePerGas = transaction is LegacyTransaction or AccessListTransaction ? null : transaction.GasTipCap,
            Input = transaction.Data,
            AccessList = transaction switch
            {
                AccessListTransaction a => a.AccessList.Select(e => new RpcAccessListEntry(e.Address, e.StorageKeys)).ToArray(),
                DynamicFeeTransaction d => d.AccessList.Select(e => new RpcAccessListEntry(e.Address, e.StorageKeys)).ToArray(),
                SetCodeTransaction s => s.AccessList.Select(e => new RpcAccessListEntry(e.Address, e.StorageKeys)).ToArray(),
                _ => null,
            },
            AuthorizationList = (transaction as SetCodeTransaction)?.AuthorizationList
                .Select(a => new RpcAuthorization(a.ChainId, a.Address, a.Nonce, (byte)a.Signature.V.ToUInt64(), a.Signature.R, a.Signature.S)).ToArray(),
            V = signature.V,
            R = signature.R,
            S = signature.S,
            YParity = transaction.Type == TransactionType.Legacy ? null : (byte)signature.V.ToUInt64(),
            BlockHash = blockHash,
            BlockNumber = number,
            TransactionIndex = (ulong)index,
        };
    }

    private static byte[] TokenTransfer(int i)
    {
        var data = new byte[68];
        Hex.Decode("0xa9059cbb").CopyTo(data, 0);
        AddressOf("to", i).CopyTo(data.AsSpan(16));
        data[67] = (byte)(i + 1);
        return data;
    }

    private static Hash256 Word(Address address)
    {
        var word = new byte[32];
        address.CopyTo(word.AsSpan(12));
        return new Hash256(word);
    }

    private static Address AddressOf(string role, int i) =>
        new(Keccak256.HashToArray(System.Text.Encoding.UTF8.GetBytes($"{role}{i}")).AsSpan(12));
}
