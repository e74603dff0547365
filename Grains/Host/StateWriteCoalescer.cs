namespace Obscuro.Grains.Host;

/// <summary>
/// Coalesces the state writes of a <c>[Reentrant]</c> grain: at most one write is in flight, and every caller that
/// asks while one runs shares the single next write, which stores everything changed up to its start. Concurrent
/// <c>WriteStateAsync</c> calls would otherwise collide on the ETag. A caller's change is durable once its task
/// completes. Runs on the grain's single-threaded scheduler, so it needs no lock.
/// </summary>
internal sealed class StateWriteCoalescer(Func<Task> write)
{
    private Task? _current;
    private Task? _next;

    public Task WriteAsync()
    {
        if (_next is not null)
        {
            return _next;
        }

        if (_current is null || _current.IsCompleted)
        {
            _current = write();
            return _current;
        }

        _next = WriteAfterAsync(_current);
        return _next;
    }

    private async Task WriteAfterAsync(Task previous)
    {
        // The earlier write's own callers see its failure; this one writes the newer state regardless.
        await Task.WhenAny(previous);
        _next = null;
        _current = write();
        await _current;
    }
}
