using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Protocol.Tests.Crypto;

public class StateCommitmentTests
{
    [Fact]
    public void Vector_and_dependence_on_key_and_root()
    {
        using var seed = CryptoVectors.Seed();
        using var schedule = new KeySchedule(seed);
        using var key = schedule.StateCommitmentKey();
        using var otherKey = schedule.StateSealingKey();
        var root = new Hash256(Enumerable.Repeat((byte)0x11, 32).ToArray());
        var otherRoot = new Hash256(Enumerable.Repeat((byte)0x12, 32).ToArray());

        Assert.Equal(CryptoVectors.StateCommitmentOf11, StateCommitment.Compute(key, root).ToString());
        Assert.NotEqual(StateCommitment.Compute(key, root), StateCommitment.Compute(key, otherRoot));
        Assert.NotEqual(StateCommitment.Compute(key, root), StateCommitment.Compute(otherKey, root));
        Assert.NotEqual(root, StateCommitment.Compute(key, root));
    }
}
