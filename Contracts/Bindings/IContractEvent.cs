namespace Obscuro.Contracts.Bindings;

/// <summary>An event of one of the management contracts (or the test token), decoded into its typed record.</summary>
public interface IContractEvent
{
    LogOrigin Origin { get; }
}
