namespace Obscuro.Silo.Tee.Azure.Tpm;

/// <summary>
/// <see cref="IVtpm"/> over raw TPM 2.0 commands (<see cref="Tpm2Commands"/>) sent through an
/// <see cref="ITpmTransport"/> — in production <see cref="TpmDeviceTransport"/> on <c>/dev/tpmrm0</c>. The command
/// and response formats are unit-tested here; that the Azure vTPM accepts them (owner auth with the empty password,
/// the user-data index attributes, the transfer key's handle) needs a real CVM to confirm.
/// </summary>
public sealed class TpmDeviceVtpm(ITpmTransport transport) : IVtpm
{
    public async Task<byte[]> ReadNvAsync(uint index, CancellationToken cancellationToken)
    {
        var size = Tpm2Commands.ParseNvReadPublic(await transport.TransmitAsync(Tpm2Commands.NvReadPublic(index), cancellationToken).ConfigureAwait(false));
        var output = new byte[size];
        for (var offset = 0; offset < size; offset += Tpm2Commands.MaximumNvChunk)
        {
            var chunk = (ushort)Math.Min(Tpm2Commands.MaximumNvChunk, size - offset);
            var command = Tpm2Commands.NvRead(Tpm2Commands.RhOwner, index, chunk, (ushort)offset);
            var data = Tpm2Commands.ParseNvRead(await transport.TransmitAsync(command, cancellationToken).ConfigureAwait(false));
            if (data.Length != chunk)
            {
                throw new TpmException($"TPM2_NV_Read of index 0x{index:X8} returned {data.Length} bytes at offset {offset}, not {chunk}.");
            }

            data.CopyTo(output, offset);
        }

        return output;
    }

    public async Task WriteNvAsync(uint index, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (data.Length is 0 or > ushort.MaxValue)
        {
            throw new ArgumentException("An NV write carries 1 to 65535 bytes.", nameof(data));
        }

        var publicResponse = await transport.TransmitAsync(Tpm2Commands.NvReadPublic(index), cancellationToken).ConfigureAwait(false);
        if (Tpm2Commands.ResponseCode(publicResponse) == Tpm2Commands.RcHandle1)
        {
            var define = Tpm2Commands.NvDefineSpace(index, (ushort)data.Length, Tpm2Commands.UserDataAttributes);
            var defined = await transport.TransmitAsync(define, cancellationToken).ConfigureAwait(false);
            if (Tpm2Commands.ResponseCode(defined) != Tpm2Commands.RcNvDefined)
            {
                Tpm2Commands.ParseNoOutput(defined, "NV_DefineSpace");
            }
        }
        else
        {
            var size = Tpm2Commands.ParseNvReadPublic(publicResponse);
            if (size < data.Length)
            {
                throw new TpmException($"NV index 0x{index:X8} holds {size} bytes; {data.Length} do not fit.");
            }
        }

        for (var offset = 0; offset < data.Length; offset += Tpm2Commands.MaximumNvChunk)
        {
            var chunk = data.Span.Slice(offset, Math.Min(Tpm2Commands.MaximumNvChunk, data.Length - offset));
            var command = Tpm2Commands.NvWrite(Tpm2Commands.RhOwner, index, chunk, (ushort)offset);
            Tpm2Commands.ParseNoOutput(await transport.TransmitAsync(command, cancellationToken).ConfigureAwait(false), "NV_Write");
        }
    }

    public async Task<byte[]> RsaDecryptOaepSha256Async(uint keyHandle, ReadOnlyMemory<byte> ciphertext, CancellationToken cancellationToken)
    {
        var command = Tpm2Commands.RsaDecrypt(keyHandle, ciphertext.Span);
        return Tpm2Commands.ParseRsaDecrypt(await transport.TransmitAsync(command, cancellationToken).ConfigureAwait(false));
    }
}
