using System.Diagnostics;
using Obscuro.Contracts.Rpc;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Tests.Anvil;

/// <summary>Waits for a transaction's receipt by polling with a deadline (anvil mines asynchronously to the send).</summary>
internal static class ReceiptPolling
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public static async Task<RpcReceipt> WaitForReceiptAsync(this EthRpcClient client, Hash256 transactionHash)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var receipt = await client.GetTransactionReceiptAsync(transactionHash);
            if (receipt is not null)
            {
                return receipt;
            }

            if (clock.Elapsed > Deadline)
            {
                throw new TimeoutException($"No receipt for {transactionHash} within {Deadline}.");
            }

            await Task.Delay(20);
        }
    }
}
