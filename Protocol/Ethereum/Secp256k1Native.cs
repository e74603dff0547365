using System.Reflection;
using System.Runtime.InteropServices;

namespace Obscuro.Protocol.Ethereum;

/// <summary>
/// Raw P/Invoke surface of Debian's libsecp256k1 (0.2.x). Opaque structs are passed as byte buffers of the sizes the
/// library documents: secp256k1_pubkey 64, secp256k1_ecdsa_signature 64, secp256k1_ecdsa_recoverable_signature 65.
/// </summary>
internal static unsafe partial class Secp256k1Native
{
    public const string LibraryName = "libsecp256k1.so.1";
    public const string AptPackage = "libsecp256k1-1";

    public const uint ContextSign = (1 << 0) | (1 << 9);
    public const uint ContextVerify = (1 << 0) | (1 << 8);
    public const uint EcCompressed = (1 << 1) | (1 << 8);
    public const uint EcUncompressed = 1 << 1;

    static Secp256k1Native()
    {
        NativeLibrary.SetDllImportResolver(typeof(Secp256k1Native).Assembly, Resolve);
    }

    /// <summary>Loads the library once, turning a missing library into one error that names the package to install.</summary>
    internal static void EnsureLoaded() => EnsureLoaded(LibraryName);

    /// <summary>The check itself, parameterised so a test can show the message for a library that is not there.</summary>
    internal static void EnsureLoaded(string libraryName)
    {
        if (!NativeLibrary.TryLoad(libraryName, typeof(Secp256k1Native).Assembly, null, out _))
        {
            throw new DllNotFoundException(
                $"The native secp256k1 library '{libraryName}' was not found. Install the Debian package '{AptPackage}' " +
                $"(apt-get install {AptPackage}); the project's scripts do this for you.");
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path) =>
        name == LibraryName && NativeLibrary.TryLoad(name, assembly, path, out var handle) ? handle : IntPtr.Zero;

    [LibraryImport(LibraryName)]
    public static partial IntPtr secp256k1_context_create(uint flags);

    [LibraryImport(LibraryName)]
    public static partial int secp256k1_context_randomize(IntPtr ctx, byte* seed32);

    [LibraryImport(LibraryName)]
    public static partial int secp256k1_ec_seckey_verify(IntPtr ctx, byte* seckey);

    [LibraryImport(LibraryName)]
    public static partial int secp256k1_ec_pubkey_create(IntPtr ctx, byte* pubkey, byte* seckey);

    [LibraryImport(LibraryName)]
    public static partial int secp256k1_ec_pubkey_parse(IntPtr ctx, byte* pubkey, byte* input, nuint inputlen);

    [LibraryImport(LibraryName)]
    public static partial int secp256k1_ec_pubkey_serialize(IntPtr ctx, byte* output, nuint* outputlen, byte* pubkey, uint flags);

    [LibraryImport(LibraryName)]
    public static partial int secp256k1_ecdsa_sign_recoverable(IntPtr ctx, byte* sig, byte* msghash32, byte* seckey, IntPtr noncefp, IntPtr ndata);

    [LibraryImport(LibraryName)]
    public static partial int secp256k1_ecdsa_recoverable_signature_serialize_compact(IntPtr ctx, byte* output64, int* recid, byte* sig);

    [LibraryImport(LibraryName)]
    public static partial int secp256k1_ecdsa_recoverable_signature_parse_compact(IntPtr ctx, byte* sig, byte* input64, int recid);

    [LibraryImport(LibraryName)]
    public static partial int secp256k1_ecdsa_recover(IntPtr ctx, byte* pubkey, byte* sig, byte* msghash32);

    [LibraryImport(LibraryName)]
    public static partial int secp256k1_ecdsa_signature_parse_compact(IntPtr ctx, byte* sig, byte* input64);

    [LibraryImport(LibraryName)]
    public static partial int secp256k1_ecdsa_verify(IntPtr ctx, byte* sig, byte* msghash32, byte* pubkey);

    [LibraryImport(LibraryName)]
    public static partial int secp256k1_ecdh(IntPtr ctx, byte* output, byte* pubkey, byte* seckey, delegate* unmanaged<byte*, byte*, byte*, void*, int> hashfp, void* data);
}
