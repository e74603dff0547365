using Obscuro.Protocol.Crypto;

namespace Obscuro.Protocol.Tests.Crypto;

/// <summary>Hands out exactly the given chunks, in order, so a test can fix an ephemeral key or a salt.</summary>
internal sealed class ScriptedRandomSource(params byte[][] chunks) : IRandomSource
{
    private int _next;

    public void Fill(Span<byte> destination)
    {
        if (_next == chunks.Length)
        {
            throw new InvalidOperationException("The scripted random source has no more chunks.");
        }

        var chunk = chunks[_next++];
        if (chunk.Length != destination.Length)
        {
            throw new InvalidOperationException($"Scripted chunk {_next - 1} is {chunk.Length} bytes but {destination.Length} were asked for.");
        }

        chunk.CopyTo(destination);
    }
}
