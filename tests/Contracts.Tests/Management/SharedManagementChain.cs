namespace Obscuro.Contracts.Tests.Management;

/// <summary>
/// The management-contract tests share one anvil and one deployment; each test starts from a snapshot of a stage
/// (<see cref="ManagementFixture.StartAsync"/>), so the tests are independent but must run one after another.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedManagementChain : ICollectionFixture<ManagementFixture>
{
    public const string Name = "management contracts";
}
