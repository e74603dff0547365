using Microsoft.Extensions.DependencyInjection;
using Obscuro.Grains.Node;
using Orleans.Streams;

namespace Obscuro.Grains.Tests.Host;

/// <summary>Subscribes to one node's L1 stream from inside the host silo and keeps every notice in arrival order.</summary>
internal sealed class NoticeRecorder : IAsyncDisposable
{
    private readonly List<L1BlockNotice> _notices = [];
    private StreamSubscriptionHandle<L1BlockNotice>? _handle;

    public IReadOnlyList<L1BlockNotice> Notices
    {
        get
        {
            lock (_notices)
            {
                return [.. _notices];
            }
        }
    }

    public static async Task<NoticeRecorder> SubscribeAsync(HostClusterFixture fixture, string nodeId)
    {
        var recorder = new NoticeRecorder();
        var client = fixture.HostSilo.ServiceProvider.GetRequiredService<IClusterClient>();
        var stream = client.GetStreamProvider(StreamProviderNames.L1).GetStream<L1BlockNotice>(StreamId.Create(StreamNamespaces.L1Blocks, nodeId));
        recorder._handle = await stream.SubscribeAsync((notice, _) =>
        {
            lock (recorder._notices)
            {
                recorder._notices.Add(notice);
            }

            return Task.CompletedTask;
        });
        return recorder;
    }

    public Task<IReadOnlyList<L1BlockNotice>> UntilAsync(Func<IReadOnlyList<L1BlockNotice>, bool> done, string what) =>
        Poll.UntilAsync(() => Task.FromResult(Notices), done, TimeSpan.FromSeconds(20), what);

    public async ValueTask DisposeAsync()
    {
        if (_handle is not null)
        {
            await _handle.UnsubscribeAsync();
        }
    }
}
