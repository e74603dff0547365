using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Reveal;
using Obscuro.Protocol.Rollups;
using Obscuro.Protocol.Tests.Rollups;
using Obscuro.Protocol.Tests.Transactions;

namespace Obscuro.Protocol.Tests.Reveal;

public sealed class RevealReleaseTests : IDisposable
{
    private readonly RollupFixture _f = new();
    private readonly List<BuiltRollup> _chain = [];

    public RevealReleaseTests()
    {
        // Schedule (1, 3, 6, 12, 24): S interval 0 is generations 0–2. ETH transfers use the default option, S.
        var genesis = _f.Build(RollupFixture.GenesisInputs(RollupFixture.EthDeposit(0, 1, RollupFixture.OneEth)), [Wallets.Sign(1, 0, Wallets.AddressOf(2), new UInt256(11))]);
        var empty = _f.Build(RollupFixture.ChildInputs(genesis, 1, 1), []);
        var third = _f.Build(RollupFixture.ChildInputs(empty, 2, 2), [Wallets.Sign(1, 1, Wallets.AddressOf(3), new UInt256(12))]);
        _chain.AddRange([genesis, empty, third]);
    }

    public void Dispose() => _f.Dispose();

    private RevealRelease Release(ulong interval = 0, Func<RevealEntry, RevealEntry>? change = null)
    {
        using var key = _f.Keys.EncryptionKey(RevealOption.S, interval);
        var entries = _chain.Select(r =>
        {
            var group = r.Layout.Groups.SingleOrDefault(g => g.Option == RevealOption.S);
            var entry = new RevealEntry(r.Rollup.Header.Hash, r.Rollup.Header.Generation, group is not null, group?.Offset ?? 0, group?.Length ?? 0);
            return change is null ? entry : change(entry);
        }).ToList();
        return RevealRelease.Create(key, entries, _f.Enclaves[0]);
    }

    private List<SignedRollup> OnL1 => [.. _chain.Select(r => r.Rollup)];

    [Fact]
    public void A_released_key_opens_exactly_the_interval_s_transactions()
    {
        var opened = RevealVerifier.Verify(RevealRelease.Decode(Release().Encode()), OnL1, _f.Network.Schedule);
        Assert.Equal([_chain[0].Transactions[0].Raw], opened[0].Transactions);
        Assert.Empty(opened[1].Transactions);
        Assert.Equal([_chain[2].Transactions[0].Raw], opened[2].Transactions);
    }

    [Fact]
    public void A_key_for_another_interval_is_detected()
    {
        // Interval 1's key presented (and signed) as interval 0's.
        using var nextInterval = _f.Keys.EncryptionKey(RevealOption.S, 1);
        var bytes = new byte[RevealKey.Size];
        nextInterval.CopyTo(bytes);
        using var mislabelled = RevealKey.FromBytes(RevealOption.S, 0, bytes);
        var forged = RevealRelease.Create(mislabelled, Release().Entries, _f.Enclaves[0]);
        var failure = Assert.Throws<RevealVerificationException>(() => RevealVerifier.Verify(forged, OnL1, _f.Network.Schedule));
        Assert.Contains("do not open", failure.Message);
        Assert.Equal(RevealFailure.Key, failure.Failure);
    }

    [Fact]
    public void Wrong_positions_are_detected()
    {
        var shifted = Release(change: e => e.HasGroup ? e with { Offset = e.Offset + 1, Length = e.Length - 1 } : e);
        var moved = Assert.Throws<RevealVerificationException>(() => RevealVerifier.Verify(shifted, OnL1, _f.Network.Schedule));
        Assert.Contains("do not open", moved.Message);
        Assert.Equal(RevealFailure.Positions, moved.Failure);
        var outside = Release(change: e => e.HasGroup ? e with { Length = e.Length + 1000 } : e);
        var beyond = Assert.Throws<RevealVerificationException>(() => RevealVerifier.Verify(outside, OnL1, _f.Network.Schedule));
        Assert.Contains("outside its", beyond.Message);
        Assert.Equal(RevealFailure.Positions, beyond.Failure);
    }

    [Fact]
    public void Missing_or_foreign_rollups_are_detected()
    {
        var release = Release();
        var fewer = release with { Entries = [.. release.Entries.Take(2)] };
        var resigned = RevealRelease.Create(RevealKey.FromBytes(RevealOption.S, 0, release.Key), fewer.Entries, _f.Enclaves[0]);
        Assert.Contains("no entry", Assert.Throws<RevealVerificationException>(() => RevealVerifier.Verify(resigned, OnL1, _f.Network.Schedule)).Message);
        var fourth = _f.Build(RollupFixture.ChildInputs(_chain[2], 3, 3), []);
        Assert.Contains("outside interval", Assert.Throws<RevealVerificationException>(() => RevealVerifier.Verify(release, [.. OnL1, fourth.Rollup], _f.Network.Schedule)).Message);
    }

    [Fact]
    public void A_forged_release_is_detected()
    {
        var release = Release();
        var forged = Assert.Throws<RevealVerificationException>(() => RevealVerifier.Verify(release with { Interval = 1 }, OnL1, _f.Network.Schedule));
        Assert.Contains("not signed", forged.Message);
        Assert.Equal(RevealFailure.Signature, forged.Failure);
    }

    [Fact]
    public void A_gap_in_the_interval_s_rollups_is_detected()
    {
        var release = Release();
        var gap = Assert.Throws<RevealVerificationException>(() => RevealVerifier.Verify(release, [OnL1[0], OnL1[2]], _f.Network.Schedule));
        Assert.Equal(RevealFailure.Rollups, gap.Failure);
        var shorter = Assert.Throws<RevealVerificationException>(() => RevealVerifier.Verify(release, [OnL1[0], OnL1[1]], _f.Network.Schedule));
        Assert.Contains("end at generation 1", shorter.Message);
    }

    [Fact]
    public void The_positions_come_from_the_published_layout_as_from_the_kept_one()
    {
        using var layoutKey = _f.Keys.LayoutKey();
        foreach (var rollup in _chain)
        {
            Assert.Equal(
                RevealEntries.From(rollup.Rollup.Header, rollup.Layout, RevealOption.S, 0),
                RevealEntries.Open(rollup.Rollup, layoutKey, RevealOption.S, 0));
        }

        Assert.Throws<InvalidOperationException>(() => RevealEntries.From(_chain[0].Rollup.Header, _chain[0].Layout, RevealOption.S, 1));
        var tampered = _chain[0].Rollup with { Blob = [.. _chain[0].Rollup.Blob, 0] };
        Assert.Throws<RollupBodyException>(() => RevealEntries.Open(tampered, layoutKey, RevealOption.S, 0));
    }
}
