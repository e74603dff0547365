namespace Obscuro.Grains.Tests;

/// <summary>Waits for a condition the cluster reaches on its own (membership, metadata), checking often until a deadline.</summary>
internal static class Poll
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> attempt, Func<T, bool> done, TimeSpan deadline, string what)
    {
        var until = DateTime.UtcNow + deadline;
        while (true)
        {
            var result = await attempt();
            if (done(result))
            {
                return result;
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"Still not {what} after {deadline.TotalSeconds} s; last result: {result}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }
}
