using System.Security.Cryptography;
using Obscuro.Silo.Tee.Azure;
using Obscuro.Silo.Tee.Azure.Tpm;

namespace Obscuro.Azure.Tests.Fakes;

/// <summary>
/// The one fake of a Microsoft component these tests need: a vTPM, which exists only inside an Azure CVM. It keeps
/// the NV indices in memory, regenerates the HCL report from the current user data when 0x01400001 is read (as the
/// paravisor does), and holds an RSA transfer key that it lists among the runtime keys and decrypts with.
/// </summary>
internal sealed class FakeVtpm : IVtpm, IDisposable
{
    public const string TransferKeyId = "TpmEphemeralEncryptionKey";
    public const uint TransferKeyHandle = 0x81000010;

    private readonly RSA _transferKey = RSA.Create(2048);
    private byte[] _userData = new byte[64];

    public HclReportType ReportType { get; init; } = HclReportType.SevSnp;

    public byte[] Measurement { get; init; } = Enumerable.Range(0, 48).Select(i => (byte)(0x10 + i)).ToArray();

    /// <summary>When set, writes to the user-data index are accepted but not reflected (a stale report).</summary>
    public bool IgnoreUserDataWrites { get; set; }

    public int DecryptCount { get; private set; }

    public RSA TransferPublicKey => _transferKey;

    public Task<byte[]> ReadNvAsync(uint index, CancellationToken cancellationToken)
    {
        if (index != VtpmIndices.HclReport)
        {
            throw new TpmException("NV_Read", Tpm2Commands.RcHandle1);
        }

        var parameters = _transferKey.ExportParameters(false);
        var builder = new HclReportBuilder
        {
            ReportType = ReportType,
            Measurement = Measurement,
            UserData = _userData,
            Keys =
            [
                new() { ["kid"] = "HCLAkPub", ["kty"] = "RSA", ["key_ops"] = new[] { "sign" }, ["n"] = B64(parameters.Modulus!), ["e"] = B64(parameters.Exponent!) },
                new() { ["kid"] = TransferKeyId, ["kty"] = "RSA", ["key_ops"] = new[] { "encrypt" }, ["n"] = B64(parameters.Modulus!), ["e"] = B64(parameters.Exponent!) },
            ],
        };
        return Task.FromResult(builder.Build());
    }

    public Task WriteNvAsync(uint index, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (index != VtpmIndices.UserData || data.Length != 64)
        {
            throw new TpmException("NV_Write", 0x14A);
        }

        if (!IgnoreUserDataWrites)
        {
            _userData = data.ToArray();
        }

        return Task.CompletedTask;
    }

    public Task<byte[]> RsaDecryptOaepSha256Async(uint keyHandle, ReadOnlyMemory<byte> ciphertext, CancellationToken cancellationToken)
    {
        if (keyHandle != TransferKeyHandle)
        {
            throw new TpmException("RSA_Decrypt", Tpm2Commands.RcHandle1);
        }

        DecryptCount++;
        return Task.FromResult(_transferKey.Decrypt(ciphertext.Span, RSAEncryptionPadding.OaepSHA256));
    }

    public void Dispose() => _transferKey.Dispose();

    private static string B64(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}
