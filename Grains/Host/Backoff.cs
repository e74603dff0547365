namespace Obscuro.Grains.Host;

/// <summary>Exponential backoff between retries of a step that must eventually succeed (ingesting a block, starting the node).</summary>
internal sealed class Backoff(TimeSpan initial, TimeSpan max)
{
    private TimeSpan _next = initial;

    public int Failures { get; private set; }

    public Task WaitAsync(CancellationToken cancellationToken)
    {
        Failures++;
        var delay = _next;
        _next = TimeSpan.FromTicks(Math.Min(max.Ticks, _next.Ticks * 2));
        return Task.Delay(delay, cancellationToken);
    }
}
