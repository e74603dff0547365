using Obscuro.Contracts.L1;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Tests.Management;

/// <summary>
/// Sends with a fixed gas limit, so nothing is estimated and a reverting transaction is really mined (and fails in
/// its block). That makes "state unchanged" a claim about the chain, not just about a refused estimate.
/// </summary>
public sealed class IncludeRevertingSender(IL1TransactionSender inner) : IL1TransactionSender
{
    private const ulong GasLimit = 3_000_000;

    public Address Account => inner.Account;

    public Task<L1TransactionResult> SendAsync(L1TransactionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return inner.SendAsync(request with { GasLimit = GasLimit }, cancellationToken);
    }
}
