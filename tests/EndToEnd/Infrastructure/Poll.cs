namespace Obscuro.EndToEnd.Tests.Infrastructure;

/// <summary>Polling with a deadline: the only way these tests wait for a node or the L1 (never a fixed sleep).</summary>
public static class Poll
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Reads until <paramref name="done"/> holds, failing with the last value read at the deadline.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(done);
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var last = await read();
            if (done(last)) return last;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Not reached in time: {what}; last: {last}");
            await Task.Delay(200);
        }
    }
}
