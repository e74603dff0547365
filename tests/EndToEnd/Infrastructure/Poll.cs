namespace Obscuro.EndToEnd.Tests.Infrastructure;

/// <summary>Polling with a deadline, the only way these tests wait.</summary>
public static class Poll
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Reads until <paramref name="done"/> holds. A read that throws counts as not done (a node restarting answers later);
    /// the deadline's message names the last value or error.
    /// </summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(done);
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        string last = "nothing yet";
        while (true)
        {
            try
            {
                var value = await read();
                if (done(value)) return value;
                last = value?.ToString() ?? "null";
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                last = $"{e.GetType().Name}: {e.Message}";
            }

            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Not reached in time: {what}; last: {last}");
            await Task.Delay(200);
        }
    }
}
