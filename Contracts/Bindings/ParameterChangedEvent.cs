using Obscuro.Contracts.Abi;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Bindings;

/// <summary>
/// <c>ParameterChanged(bytes32 indexed name, uint256 value)</c>, emitted by NetworkManagement, RollupManagement and
/// (declared, never emitted) Bridge. <paramref name="Name"/> is the parameter's name, decoded from the right-padded
/// ASCII word (e.g. <c>headTimeout</c>); <paramref name="NameWord"/> is the word itself.
/// </summary>
public sealed record ParameterChangedEvent(string Name, Hash256 NameWord, UInt256 Value, LogOrigin Origin) : IContractEvent
{
    internal static ParameterChangedEvent From(AbiTuple arguments, LogOrigin origin)
    {
        var word = arguments.Hash("name");
        return new ParameterChangedEvent(AbiValues.PaddedAscii(word), word, arguments.UInt("value"), origin);
    }
}
