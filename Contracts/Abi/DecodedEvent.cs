namespace Obscuro.Contracts.Abi;

/// <summary>A log decoded against its event: the arguments in declaration order, named by the event's parameters.</summary>
public sealed record DecodedEvent(AbiEvent Event, AbiTuple Arguments)
{
    public string Name => Event.Name;

    public override string ToString() => Event.Name + Arguments;
}
