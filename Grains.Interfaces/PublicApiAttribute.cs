namespace Obscuro.Grains;

/// <summary>
/// Marks a grain interface that clients connected through the Orleans gateway may call. The gateway authenticates
/// nobody, so every method of such an interface must either take input that is signed (by a user, an enclave or the
/// L1) and checked inside, or return only public data or output that is encrypted or signed (ARCHITECTURE §3).
/// Calls from clients to any other interface are rejected by the silo's public API call filter; calls between grains
/// are not affected. The mark applies to the methods the interface itself declares: a method inherited from an
/// unmarked base interface stays internal.
/// </summary>
[AttributeUsage(AttributeTargets.Interface, AllowMultiple = false, Inherited = false)]
public sealed class PublicApiAttribute : Attribute;
