namespace Obscuro.Silo.Devnet.Status;

public enum AgreementKind
{
    /// <summary>The aggregator had the same rollup at the verifier's generation.</summary>
    Agrees,

    /// <summary>The aggregator had another rollup at the verifier's generation.</summary>
    Differs,

    /// <summary>The verifier is at a generation the aggregator has not been seen at.</summary>
    Ahead,

    /// <summary>The verifier has no rollup yet (the network's first rollup is not on L1, or not ingested).</summary>
    NoRollup,

    /// <summary>The aggregator's rollup at that generation was not observed (before the view started, or no answer yet).</summary>
    Unknown,
}
