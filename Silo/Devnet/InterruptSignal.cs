using System.Runtime.InteropServices;

namespace Obscuro.Silo.Devnet;

/// <summary>
/// A non-interactive shell starts background jobs (<c>devnet.sh &amp;</c>, a test harness) with SIGINT ignored, and the
/// .NET runtime then leaves SIGINT ignored, so <c>kill -INT</c> would not stop the devnet. The devnet wants an explicit
/// interrupt to mean "stop cleanly" however it was started, so it takes SIGINT back before registering its handler.
/// </summary>
internal static partial class InterruptSignal
{
    private const int SigInt = 2;
    private static readonly IntPtr Ignored = 1;
    private static readonly IntPtr Default = 0;

    public static void TakeBackIfIgnored()
    {
        if (!OperatingSystem.IsLinux()) return;

        // struct sigaction starts with the handler on Linux (glibc and musl); the buffer is larger than the whole struct.
        Span<byte> current = stackalloc byte[512];
        unsafe
        {
            fixed (byte* buffer = current)
            {
                if (SigAction(SigInt, IntPtr.Zero, (IntPtr)buffer) != 0) return;
            }
        }

        if (MemoryMarshal.Read<IntPtr>(current) == Ignored) _ = Signal(SigInt, Default);
    }

    [LibraryImport("libc", EntryPoint = "sigaction")]
    private static partial int SigAction(int signal, IntPtr action, IntPtr previous);

    [LibraryImport("libc", EntryPoint = "signal")]
    private static partial IntPtr Signal(int signal, IntPtr handler);
}
