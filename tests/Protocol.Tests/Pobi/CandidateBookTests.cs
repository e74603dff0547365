using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Pobi;
using Obscuro.Protocol.Tests.Rollups;

namespace Obscuro.Protocol.Tests.Pobi;

public sealed class CandidateBookTests : IDisposable
{
    private readonly RollupFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void One_candidate_per_parent()
    {
        var inputs = RollupFixture.GenesisInputs();
        var first = _f.Build(inputs, [], nonce: 10).Rollup;
        var second = _f.Build(inputs, [], nonce: 11).Rollup;
        var book = new CandidateBook();
        book.Record(first);
        book.Record(first); // the same candidate again is fine
        Assert.Throws<InvalidOperationException>(() => book.Record(second));
        Assert.True(book.TryGet(Hash256.Zero, out var kept));
        Assert.Equal(first.Header.Hash, kept.Header.Hash);
        Assert.Equal(1, book.Count);
    }

    [Fact]
    public void Old_rounds_are_forgotten()
    {
        var book = new CandidateBook();
        var genesis = _f.Build(RollupFixture.GenesisInputs(), []);
        book.Record(genesis.Rollup);
        var parent = genesis;
        for (var g = 1UL; g <= CandidateBook.RetainedGenerations + 2; g++)
        {
            parent = _f.Build(RollupFixture.ChildInputs(parent, g, g), []);
            book.Record(parent.Rollup);
        }

        Assert.False(book.TryGet(Hash256.Zero, out _));
        Assert.Equal((int)CandidateBook.RetainedGenerations + 1, book.Count);
    }
}
