using System.Buffers.Binary;

namespace Obscuro.Silo.Tee.Azure.Tpm;

/// <summary>
/// Marshalling of the few TPM 2.0 commands this code sends (TPM 2.0 Library, Part 3), big-endian throughout:
/// <code>
/// command  = tag (2) ‖ size (4) ‖ command code (4) ‖ handles ‖ [authorization size (4) ‖ auth area] ‖ parameters
/// response = tag (2) ‖ size (4) ‖ response code (4) ‖ [parameter size (4)] ‖ parameters ‖ [auth area]
/// password auth area (empty password) = TPM_RS_PW (4) ‖ nonce TPM2B (2: 0) ‖ attributes (1: continueSession) ‖ hmac TPM2B (2: 0)
/// </code>
/// Owner authorization uses the empty owner password, as Azure CVM images leave it.
/// </summary>
public static class Tpm2Commands
{
    public const ushort TagNoSessions = 0x8001;
    public const ushort TagSessions = 0x8002;
    public const uint CcNvDefineSpace = 0x0000012A;
    public const uint CcNvWrite = 0x00000137;
    public const uint CcNvRead = 0x0000014E;
    public const uint CcRsaDecrypt = 0x00000159;
    public const uint CcNvReadPublic = 0x00000169;
    public const uint RhOwner = 0x40000001;
    public const uint RsPassword = 0x40000009;
    public const ushort AlgSha256 = 0x000B;
    public const ushort AlgOaep = 0x0017;

    /// <summary>TPM_RC_NV_DEFINED: NV_DefineSpace on an index that exists.</summary>
    public const uint RcNvDefined = 0x0000014C;

    /// <summary>TPM_RC_HANDLE for handle 1: NV_ReadPublic on an index that does not exist.</summary>
    public const uint RcHandle1 = 0x0000018B;

    /// <summary>OWNERWRITE | AUTHWRITE | OWNERREAD | AUTHREAD, ordinary index: what the user-data index needs.</summary>
    public const uint UserDataAttributes = 0x00060006;

    /// <summary>The largest NV read or write this code sends in one command.</summary>
    public const int MaximumNvChunk = 1024;

    private const int HeaderSize = 10;
    private const int PasswordAuthSize = 9;

    public static byte[] NvReadPublic(uint nvIndex)
    {
        var writer = new Writer(TagNoSessions, CcNvReadPublic);
        writer.U32(nvIndex);
        return writer.Finish();
    }

    /// <summary>The index's data size from a TPM2_NV_ReadPublic response.</summary>
    public static ushort ParseNvReadPublic(byte[] response)
    {
        var reader = Reader.Open(response, TagNoSessions, "NV_ReadPublic");
        var publicSize = reader.U16();
        var start = reader.Position;
        reader.U32(); // nvIndex
        reader.U16(); // nameAlg
        reader.U32(); // attributes
        reader.Skip(reader.U16()); // authPolicy
        var dataSize = reader.U16();
        if (reader.Position - start != publicSize)
        {
            throw new TpmException("TPM2_NV_ReadPublic: the TPMS_NV_PUBLIC size does not match its fields.");
        }

        reader.Skip(reader.U16()); // name
        reader.End();
        return dataSize;
    }

    public static byte[] NvRead(uint authHandle, uint nvIndex, ushort size, ushort offset)
    {
        var writer = new Writer(TagSessions, CcNvRead);
        writer.U32(authHandle);
        writer.U32(nvIndex);
        writer.PasswordAuth();
        writer.U16(size);
        writer.U16(offset);
        return writer.Finish();
    }

    public static byte[] ParseNvRead(byte[] response)
    {
        var reader = Reader.Open(response, TagSessions, "NV_Read");
        var parameters = reader.ParameterSize();
        var data = reader.Bytes(reader.U16());
        reader.EndOfParameters(parameters, "NV_Read");
        reader.SkipAuthResponse();
        return data;
    }

    public static byte[] NvWrite(uint authHandle, uint nvIndex, ReadOnlySpan<byte> data, ushort offset)
    {
        if (data.Length > MaximumNvChunk)
        {
            throw new ArgumentException($"One NV write carries at most {MaximumNvChunk} bytes.", nameof(data));
        }

        var writer = new Writer(TagSessions, CcNvWrite);
        writer.U32(authHandle);
        writer.U32(nvIndex);
        writer.PasswordAuth();
        writer.U16((ushort)data.Length);
        writer.Raw(data);
        writer.U16(offset);
        return writer.Finish();
    }

    public static byte[] NvDefineSpace(uint nvIndex, ushort dataSize, uint attributes)
    {
        var writer = new Writer(TagSessions, CcNvDefineSpace);
        writer.U32(RhOwner);
        writer.PasswordAuth();
        writer.U16(0); // TPM2B_AUTH: the index's own password is empty
        writer.U16(14); // TPM2B_NV_PUBLIC size
        writer.U32(nvIndex);
        writer.U16(AlgSha256);
        writer.U32(attributes);
        writer.U16(0); // authPolicy: none
        writer.U16(dataSize);
        return writer.Finish();
    }

    public static byte[] RsaDecrypt(uint keyHandle, ReadOnlySpan<byte> ciphertext)
    {
        var writer = new Writer(TagSessions, CcRsaDecrypt);
        writer.U32(keyHandle);
        writer.PasswordAuth();
        writer.U16((ushort)ciphertext.Length);
        writer.Raw(ciphertext);
        writer.U16(AlgOaep);
        writer.U16(AlgSha256);
        writer.U16(0); // label: empty
        return writer.Finish();
    }

    public static byte[] ParseRsaDecrypt(byte[] response)
    {
        var reader = Reader.Open(response, TagSessions, "RSA_Decrypt");
        var parameters = reader.ParameterSize();
        var message = reader.Bytes(reader.U16());
        reader.EndOfParameters(parameters, "RSA_Decrypt");
        reader.SkipAuthResponse();
        return message;
    }

    /// <summary>Checks a response of a command with sessions and no output parameters (NV_Write, NV_DefineSpace).</summary>
    public static void ParseNoOutput(byte[] response, string command)
    {
        var reader = Reader.Open(response, TagSessions, command);
        var parameters = reader.ParameterSize();
        reader.EndOfParameters(parameters, command);
        reader.SkipAuthResponse();
    }

    /// <summary>The response code of any response (0 = success); throws when not even the header is there.</summary>
    public static uint ResponseCode(byte[] response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.Length < HeaderSize)
        {
            throw new TpmException($"A TPM response is at least {HeaderSize} bytes, got {response.Length}.");
        }

        return BinaryPrimitives.ReadUInt32BigEndian(response.AsSpan(6));
    }

    private sealed class Writer(ushort tag, uint commandCode)
    {
        private readonly List<byte> _bytes = [];

        public void U16(ushort value)
        {
            _bytes.Add((byte)(value >> 8));
            _bytes.Add((byte)value);
        }

        public void U32(uint value)
        {
            U16((ushort)(value >> 16));
            U16((ushort)value);
        }

        public void Raw(ReadOnlySpan<byte> data) => _bytes.AddRange(data);

        public void PasswordAuth()
        {
            U32(PasswordAuthSize);
            U32(RsPassword);
            U16(0); // nonceCaller
            _bytes.Add(0x01); // continueSession
            U16(0); // empty password
        }

        public byte[] Finish()
        {
            var output = new byte[HeaderSize + _bytes.Count];
            BinaryPrimitives.WriteUInt16BigEndian(output, tag);
            BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(2), (uint)output.Length);
            BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(6), commandCode);
            _bytes.CopyTo(output, HeaderSize);
            return output;
        }
    }

    private sealed class Reader
    {
        private readonly byte[] _data;
        private readonly string _command;

        private Reader(byte[] data, string command)
        {
            _data = data;
            _command = command;
            Position = HeaderSize;
        }

        public int Position { get; private set; }

        public static Reader Open(byte[] response, ushort expectedTag, string command)
        {
            var code = ResponseCode(response);
            if (code != 0)
            {
                throw new TpmException(command, code);
            }

            var tag = BinaryPrimitives.ReadUInt16BigEndian(response);
            var size = BinaryPrimitives.ReadUInt32BigEndian(response.AsSpan(2));
            if (tag != expectedTag || size != response.Length)
            {
                throw new TpmException($"TPM2_{command}: response tag 0x{tag:X4} or size {size} does not match ({response.Length} bytes received).");
            }

            return new Reader(response, command);
        }

        public ushort U16()
        {
            Need(2);
            var value = BinaryPrimitives.ReadUInt16BigEndian(_data.AsSpan(Position));
            Position += 2;
            return value;
        }

        public uint U32()
        {
            Need(4);
            var value = BinaryPrimitives.ReadUInt32BigEndian(_data.AsSpan(Position));
            Position += 4;
            return value;
        }

        public byte[] Bytes(int count)
        {
            Need(count);
            var value = _data.AsSpan(Position, count).ToArray();
            Position += count;
            return value;
        }

        public void Skip(int count)
        {
            Need(count);
            Position += count;
        }

        public int ParameterSize()
        {
            var size = U32();
            Need((int)Math.Min(size, int.MaxValue));
            return Position + (int)size;
        }

        public void EndOfParameters(int expectedEnd, string command)
        {
            if (Position != expectedEnd)
            {
                throw new TpmException($"TPM2_{command}: the parameter size does not match the parameters.");
            }
        }

        public void SkipAuthResponse()
        {
            Skip(U16()); // nonceTPM
            Skip(1); // session attributes
            Skip(U16()); // hmac
            End();
        }

        public void End()
        {
            if (Position != _data.Length)
            {
                throw new TpmException($"TPM2_{_command}: {_data.Length - Position} unexpected trailing byte(s) in the response.");
            }
        }

        private void Need(int count)
        {
            if (count < 0 || Position + count > _data.Length)
            {
                throw new TpmException($"TPM2_{_command}: the response is truncated.");
            }
        }
    }
}
