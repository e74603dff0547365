using Microsoft.Extensions.Hosting;

namespace Obscuro.Client.Node;

/// <summary>
/// The lifetime of a host embedded in a larger program (a wallet's Orleans client, a devnet's silos): it leaves Ctrl-C
/// and SIGTERM alone. The default console lifetime takes them over, cancelling the process's own handling and stopping
/// the host on its own, so a CLI would not exit on Ctrl-C and a devnet could not stop its parts in order.
/// </summary>
public sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
