namespace Obscuro.Protocol.State;

/// <summary>A value stored in a <see cref="PersistentMap{TValue}"/>: a fixed-size encoding feeds the Merkle hash.</summary>
public interface IStateValue<TValue> : IEquatable<TValue>
    where TValue : struct, IStateValue<TValue>
{
    static abstract int EncodedSize { get; }

    void WriteTo(Span<byte> destination);
}
