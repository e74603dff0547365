namespace Obscuro.Silo.Tee.Azure.Tpm;

/// <summary>
/// The kernel's TPM resource manager, <c>/dev/tpmrm0</c>: write one command, read one response. Needs a Linux guest
/// with a (v)TPM and a user in the <c>tss</c> group; it cannot run in a container or on a developer machine, so only
/// a confidential VM confirms it. Commands are serialised: the device takes one at a time per open handle.
/// </summary>
public sealed class TpmDeviceTransport(string devicePath = TpmDeviceTransport.DefaultDevicePath) : ITpmTransport, IDisposable
{
    public const string DefaultDevicePath = "/dev/tpmrm0";
    private const int MaximumResponseSize = 4096;

    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<byte[]> TransmitAsync(byte[] command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Unbuffered: the TPM driver wants the whole command in one write() and answers one read().
            await using var device = new FileStream(devicePath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0, useAsync: false);
            await device.WriteAsync(command, cancellationToken).ConfigureAwait(false);
            var buffer = new byte[MaximumResponseSize];
            var read = await device.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            return buffer[..read];
        }
        catch (IOException exception)
        {
            throw new TpmException($"The TPM device {devicePath} could not be used.", exception);
        }
        catch (UnauthorizedAccessException exception)
        {
            throw new TpmException($"No access to the TPM device {devicePath} (is the silo's user in the 'tss' group?).", exception);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
