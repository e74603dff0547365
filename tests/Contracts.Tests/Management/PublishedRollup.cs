using Obscuro.Contracts.Bindings;
using Obscuro.Contracts.L1;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Rollups;

namespace Obscuro.Contracts.Tests.Management;

/// <summary>A rollup the test published: its header and blob, the transaction, and the decoded RollupPublished event.</summary>
public sealed record PublishedRollup(RollupHeader Header, byte[] Blob, byte[] Signature, L1TransactionResult Transaction, RollupPublishedEvent Event)
{
    public Hash256 Hash => Header.Hash;

    public ulong PublishedAt => Transaction.Receipt.BlockNumber;
}
