namespace Obscuro.Contracts.Tests.Management;

/// <summary>A chain state tests start from; each stage is built on the one before and kept as an anvil snapshot.</summary>
public enum ManagementStage
{
    /// <summary>The contracts and the test token are deployed (token allow-listed); no node is registered.</summary>
    Deployed,

    /// <summary>
    /// Deployed, plus a provisioned network: aggregator A initialised it, aggregator B and verifier C received the
    /// seed from A. Nothing is deposited or published.
    /// </summary>
    Network,
}
