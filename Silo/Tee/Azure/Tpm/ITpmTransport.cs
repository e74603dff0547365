namespace Obscuro.Silo.Tee.Azure.Tpm;

/// <summary>Sends one marshalled TPM 2.0 command and returns the marshalled response.</summary>
public interface ITpmTransport
{
    Task<byte[]> TransmitAsync(byte[] command, CancellationToken cancellationToken);
}
