using Obscuro.Grains.Node;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Host;

/// <summary>
/// One published rollup as one node saw it on L1, keyed <c>{nodeId}/{rollupHash}</c>: public facts (its parent,
/// generation, the L1 block that included it, the enclave's verdict on it; or that an L1 reorg removed that block) and
/// its children. A child may be announced
/// before its parent is recorded (blocks are processed in order, but a fork can name a parent this node never
/// recorded); children are kept either way.
/// </summary>
public sealed class RollupGrain([PersistentState("rollup")] IPersistentState<RollupState> state) : Grain, IRollupGrain
{
    async Task IRollupGrain.RecordAsync(RollupRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var key = this.GetPrimaryKeyString();
        if (!key.EndsWith("/" + record.RollupHash, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"Rollup {record.RollupHash} cannot be recorded under key {key}.", nameof(record));
        }

        foreach (var child in record.Children.Where(child => !state.State.Children.Contains(child)))
        {
            state.State.Children.Add(child);
        }

        var updated = record with { Children = [.. state.State.Children] };
        if (state.State.Record is { } existing && Same(existing, updated))
        {
            return;
        }

        state.State.Record = updated;
        await state.WriteStateAsync();
    }

    async Task IRollupGrain.MarkRemovedAsync(Hash256 l1BlockHash)
    {
        if (state.State.Record is not { } record || record.IncludedIn?.Hash != l1BlockHash)
        {
            return;
        }

        state.State.Record = record with { IncludedIn = null, Standing = RollupRecord.RemovedStanding };
        await state.WriteStateAsync();
    }

    async Task IRollupGrain.AddChildAsync(Hash256 child)
    {
        if (state.State.Children.Contains(child))
        {
            return;
        }

        state.State.Children.Add(child);
        if (state.State.Record is { } record)
        {
            state.State.Record = record with { Children = [.. state.State.Children] };
        }

        await state.WriteStateAsync();
    }

    Task<RollupRecord?> IRollupGrain.GetAsync() => Task.FromResult(state.State.Record);

    private static bool Same(RollupRecord a, RollupRecord b) =>
        a.RollupHash == b.RollupHash && a.ParentHash == b.ParentHash && a.Generation == b.Generation && a.IncludedIn == b.IncludedIn
        && a.Standing == b.Standing && a.Children.SequenceEqual(b.Children);
}
