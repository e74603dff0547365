using Obscuro.Silo.Tee.Azure.Tpm;

namespace Obscuro.Azure.Tests;

/// <summary>
/// Byte-exact TPM 2.0 marshalling, against vectors written out by hand from the TPM 2.0 Library (Part 3). That the
/// Azure vTPM accepts these commands needs a real CVM to confirm; these tests pin what is sent and how answers are read.
/// </summary>
public sealed class Tpm2CommandsTests
{
    private const string PasswordAuth = "00000009" + "40000009" + "0000" + "01" + "0000";

    [Fact]
    public void Nv_read_public_command_and_response()
    {
        Assert.Equal(Convert.FromHexString("8001" + "0000000E" + "00000169" + "01400001"), Tpm2Commands.NvReadPublic(0x01400001));

        var response = Hex("8001", "000E", "01400001", "000B", "00060006", "0000", "0A40", "0004", "DEADBEEF");
        Assert.Equal(0x0A40, Tpm2Commands.ParseNvReadPublic(response));
    }

    [Fact]
    public void Nv_read_command_and_response()
    {
        var command = Tpm2Commands.NvRead(Tpm2Commands.RhOwner, 0x01400001, 1024, 2048);
        Assert.Equal(Convert.FromHexString("8002" + "00000023" + "0000014E" + "40000001" + "01400001" + PasswordAuth + "0400" + "0800"), command);

        var response = Hex("8002", "00000005", "0003", "AABBCC", "0000", "01", "0000");
        Assert.Equal(Convert.FromHexString("AABBCC"), Tpm2Commands.ParseNvRead(response));
    }

    [Fact]
    public void Nv_write_and_define_space_commands()
    {
        var write = Tpm2Commands.NvWrite(Tpm2Commands.RhOwner, 0x01400002, [0x01, 0x02], 0);
        Assert.Equal(Convert.FromHexString("8002" + "00000025" + "00000137" + "40000001" + "01400002" + PasswordAuth + "0002" + "0102" + "0000"), write);

        var define = Tpm2Commands.NvDefineSpace(0x01400002, 64, Tpm2Commands.UserDataAttributes);
        Assert.Equal(Convert.FromHexString("8002" + "0000002D" + "0000012A" + "40000001" + PasswordAuth + "0000" + "000E" + "01400002" + "000B" + "00060006" + "0000" + "0040"), define);
        Tpm2Commands.ParseNoOutput(Hex("8002", "00000000", "0000", "01", "0000"), "NV_Write");
    }

    [Fact]
    public void Rsa_decrypt_command_and_response()
    {
        var command = Tpm2Commands.RsaDecrypt(0x81000010, [0x11, 0x22]);
        Assert.Equal(Convert.FromHexString("8002" + "00000025" + "00000159" + "81000010" + PasswordAuth + "0002" + "1122" + "0017" + "000B" + "0000"), command);

        Assert.Equal(Convert.FromHexString("CAFE"), Tpm2Commands.ParseRsaDecrypt(Hex("8002", "00000004", "0002", "CAFE", "0000", "01", "0000")));
    }

    [Fact]
    public void An_error_response_code_becomes_a_tpm_exception_with_that_code()
    {
        var error = Assert.Throws<TpmException>(() => Tpm2Commands.ParseNvReadPublic(Convert.FromHexString("8001" + "0000000A" + "0000018B")));

        Assert.Equal(0x18Bu, error.ResponseCode);
    }

    [Fact]
    public void Truncated_or_inconsistent_responses_are_refused()
    {
        Assert.Throws<TpmException>(() => Tpm2Commands.ParseNvRead(Convert.FromHexString("8002000000")));
        Assert.Throws<TpmException>(() => Tpm2Commands.ParseNvRead(Hex("8002", "00000005", "0009", "AABBCC", "0000", "01", "0000")));
        Assert.Throws<TpmException>(() => Tpm2Commands.ParseNvRead(Hex("8002", "00000005", "0003", "AABBCC", "0000", "01", "0000", "FF")));
    }

    [Fact]
    public async Task Reading_an_nv_index_goes_in_chunks_of_at_most_1024_bytes()
    {
        var content = Enumerable.Range(0, 2600).Select(i => (byte)i).ToArray();
        var transport = new ScriptedTransport();
        transport.Expect(Tpm2Commands.NvReadPublic(0x01400001), Hex("8001", "000E", "01400001", "000B", "00060006", "0000", "0A28", "0000"));
        foreach (var (offset, size) in new[] { (0, 1024), (1024, 1024), (2048, 552) })
        {
            transport.Expect(
                Tpm2Commands.NvRead(Tpm2Commands.RhOwner, 0x01400001, (ushort)size, (ushort)offset),
                Hex("8002", (size + 2).ToString("X8"), size.ToString("X4"), Convert.ToHexString(content, offset, size), "0000", "01", "0000"));
        }

        var read = await new TpmDeviceVtpm(transport).ReadNvAsync(0x01400001, CancellationToken.None);

        Assert.Equal(content, read);
        Assert.True(transport.Done);
    }

    [Fact]
    public async Task Writing_user_data_defines_the_index_when_it_is_missing()
    {
        var data = Enumerable.Repeat((byte)0x5A, 64).ToArray();
        var ok = Hex("8002", "00000000", "0000", "01", "0000");
        var transport = new ScriptedTransport();
        transport.Expect(Tpm2Commands.NvReadPublic(0x01400002), Convert.FromHexString("8001" + "0000000A" + "0000018B"));
        transport.Expect(Tpm2Commands.NvDefineSpace(0x01400002, 64, Tpm2Commands.UserDataAttributes), ok);
        transport.Expect(Tpm2Commands.NvWrite(Tpm2Commands.RhOwner, 0x01400002, data, 0), ok);

        await new TpmDeviceVtpm(transport).WriteNvAsync(0x01400002, data, CancellationToken.None);

        Assert.True(transport.Done);
    }

    /// <summary>A success response: tag, then the size (filled in) and response code 0, then the given fields.</summary>
    private static byte[] Hex(string tag, params string[] fields)
    {
        var bytes = Convert.FromHexString(tag + "00000000" + "00000000" + string.Concat(fields));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(2), (uint)bytes.Length);
        return bytes;
    }

    /// <summary>A transport that expects exact commands in order and replays canned responses (part of the vTPM fake).</summary>
    private sealed class ScriptedTransport : ITpmTransport
    {
        private readonly Queue<(byte[] Command, byte[] Response)> _script = new();

        public bool Done => _script.Count == 0;

        public void Expect(byte[] command, byte[] response) => _script.Enqueue((command, response));

        public Task<byte[]> TransmitAsync(byte[] command, CancellationToken cancellationToken)
        {
            var (expected, response) = _script.Dequeue();
            Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(command));
            return Task.FromResult(response);
        }
    }
}
