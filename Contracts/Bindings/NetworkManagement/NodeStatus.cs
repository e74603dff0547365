namespace Obscuro.Contracts.Bindings;

/// <summary>NetworkManagement's <c>NodeStatus</c>: where a node is in registration and provisioning.</summary>
public enum NodeStatus : byte
{
    /// <summary>Never registered.</summary>
    None = 0,

    /// <summary>Registered, waiting for the shared secret.</summary>
    Pending = 1,

    /// <summary>Holds the shared secret (initialised the network, or received a response).</summary>
    Provisioned = 2,
}
