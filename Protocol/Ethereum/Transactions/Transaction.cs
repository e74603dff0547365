using System.Buffers;
using System.Runtime.CompilerServices;
using Obscuro.Protocol.Ethereum.Rlp;

namespace Obscuro.Protocol.Ethereum.Transactions;

/// <summary>
/// An Ethereum transaction of any type. Instances are immutable; signing returns a new instance. The canonical
/// encoding is <c>rlp([fields…, v, r, s])</c> for legacy transactions and <c>type ‖ rlp([fields…, yParity, r, s])</c>
/// (EIP-2718) for typed ones; the transaction hash is Keccak-256 of that encoding.
/// </summary>
/// <remarks>
/// Encoding, hashing and recovery size their buffers exactly with <see cref="RlpLength"/>; hashing and recovery work on
/// the stack for transactions up to 1 KiB (pooled buffers beyond), so they allocate nothing.
/// Lists passed to constructors are kept, not copied: do not change them afterwards.
/// </remarks>
public abstract class Transaction
{
    private const int StackBufferSize = 1024;

    private protected Transaction(ulong? chainId, ulong nonce, ulong gasLimit, Address? to, UInt256 value, ReadOnlyMemory<byte> data, TransactionSignature? signature)
    {
        ChainId = chainId;
        Nonce = nonce;
        GasLimit = gasLimit;
        To = to;
        Value = value;
        Data = data;
        Signature = signature;
    }

    public abstract TransactionType Type { get; }

    /// <summary>The chain the transaction is for; null only for a legacy transaction signed before EIP-155.</summary>
    public ulong? ChainId { get; }

    public ulong Nonce { get; }

    public ulong GasLimit { get; }

    /// <summary>The recipient, or null for contract creation.</summary>
    public Address? To { get; }

    public UInt256 Value { get; }

    public ReadOnlyMemory<byte> Data { get; }

    public TransactionSignature? Signature { get; }

    /// <summary>The most the sender pays per gas: the gas price, or the EIP-1559 max fee per gas.</summary>
    public abstract UInt256 GasFeeCap { get; }

    /// <summary>The most the producer receives per gas above the base fee: the gas price, or the max priority fee per gas.</summary>
    public abstract UInt256 GasTipCap { get; }

    /// <summary>Length of <see cref="Encode()"/>'s result. The transaction must be signed.</summary>
    public int EncodedLength => EnvelopeLength(FieldsLength() + RequireSignature().RlpFieldsLength);

    /// <summary>Decodes any transaction type from its canonical encoding (as in a block or eth_sendRawTransaction).</summary>
    /// <exception cref="TransactionFormatException">The bytes are not exactly one canonically encoded transaction.</exception>
    public static Transaction Decode(ReadOnlySpan<byte> encoded)
    {
        if (encoded.IsEmpty)
        {
            throw new TransactionFormatException("A transaction cannot be empty.");
        }

        var first = encoded[0];
        if (first >= 0xc0)
        {
            return LegacyTransaction.DecodeRlp(encoded);
        }

        if (first >= 0x80)
        {
            throw new TransactionFormatException(
                $"A transaction starts with a type byte (0x01–0x7f) or an RLP list (0xc0–0xff), not 0x{first:x2}.");
        }

        var rlp = encoded[1..];
        return first switch
        {
            (byte)TransactionType.AccessList => AccessListTransaction.DecodeRlp(rlp),
            (byte)TransactionType.DynamicFee => DynamicFeeTransaction.DecodeRlp(rlp),
            (byte)TransactionType.Blob => BlobTransaction.DecodeRlp(rlp),
            (byte)TransactionType.SetCode => SetCodeTransaction.DecodeRlp(rlp),
            0 => throw new TransactionFormatException("Type byte 0x00 is not an envelope: legacy transactions are a bare RLP list."),
            _ => throw new TransactionFormatException($"Unsupported transaction type 0x{first:x2}."),
        };
    }

    /// <summary>The canonical encoding. The transaction must be signed.</summary>
    public byte[] Encode()
    {
        var signature = RequireSignature();
        var payload = FieldsLength() + signature.RlpFieldsLength;
        var output = new byte[EnvelopeLength(payload)];
        Write(output, payload, signature);
        return output;
    }

    /// <summary>Writes the canonical encoding and returns its length (see <see cref="EncodedLength"/>).</summary>
    public int Encode(Span<byte> destination)
    {
        var signature = RequireSignature();
        var payload = FieldsLength() + signature.RlpFieldsLength;
        var length = EnvelopeLength(payload);
        if (destination.Length < length)
        {
            throw new ArgumentException($"The transaction needs {length} bytes, the destination has {destination.Length}.", nameof(destination));
        }

        return Write(destination, payload, signature);
    }

    /// <summary>The bytes whose Keccak-256 is signed: the unsigned fields (plus chainId, 0, 0 for EIP-155), in the type's envelope.</summary>
    public byte[] EncodeForSigning()
    {
        var payload = FieldsLength() + SigningSuffixLength;
        var output = new byte[EnvelopeLength(payload)];
        Write(output, payload, signature: null);
        return output;
    }

    /// <summary>The transaction hash: Keccak-256 of the canonical encoding.</summary>
    [SkipLocalsInit]
    public Hash256 ComputeHash()
    {
        Span<byte> hash = stackalloc byte[Hash256.Size];
        HashEncoding(RequireSignature(), hash);
        return new Hash256(hash);
    }

    /// <summary>The hash the sender signs.</summary>
    [SkipLocalsInit]
    public Hash256 ComputeSigningHash()
    {
        Span<byte> hash = stackalloc byte[Hash256.Size];
        HashEncoding(signature: null, hash);
        return new Hash256(hash);
    }

    /// <summary>Signs the transaction's signing hash; v is set as the type requires (y parity, 27/28 or EIP-155).</summary>
    [SkipLocalsInit]
    public TransactionSignature CreateSignature(ReadOnlySpan<byte> privateKey)
    {
        Span<byte> hash = stackalloc byte[Hash256.Size];
        HashEncoding(signature: null, hash);
        var (r, s, recoveryId) = EcdsaRecovery.Sign(hash, privateKey);
        return new TransactionSignature(VFor(recoveryId), r, s);
    }

    /// <summary>The same transaction with the given signature (replacing any it had).</summary>
    public abstract Transaction WithSignature(TransactionSignature signature);

    /// <summary>The same transaction signed with <paramref name="privateKey"/>.</summary>
    public abstract Transaction Sign(ReadOnlySpan<byte> privateKey);

    /// <summary>
    /// Recovers the sender without regard to the chain. Fails with a precise <paramref name="error"/> for a missing
    /// signature, a v the type does not allow (or, for legacy, one inconsistent with <see cref="ChainId"/>), r or s out
    /// of range, a high s (EIP-2), or a signature that recovers no key.
    /// </summary>
    [SkipLocalsInit]
    public bool TryRecoverSender(out Address sender, out SignatureError error)
    {
        sender = default;
        if (Signature is not { } signature)
        {
            error = SignatureError.MissingSignature;
            return false;
        }

        error = CheckV(signature.V, out var recoveryId);
        if (error != SignatureError.None)
        {
            return false;
        }

        Span<byte> hash = stackalloc byte[Hash256.Size];
        HashEncoding(signature: null, hash);
        error = EcdsaRecovery.TryRecover(hash, signature.R, signature.S, recoveryId, out sender);
        return error == SignatureError.None;
    }

    /// <summary>As <see cref="TryRecoverSender(out Address, out SignatureError)"/>, and also requires the transaction to be for <paramref name="expectedChainId"/>.</summary>
    public bool TryRecoverSender(ulong expectedChainId, out Address sender, out SignatureError error)
    {
        sender = default;
        if (ChainId is not { } chainId)
        {
            error = SignatureError.NotReplayProtected;
            return false;
        }

        if (chainId != expectedChainId)
        {
            error = SignatureError.WrongChainId;
            return false;
        }

        return TryRecoverSender(out sender, out error);
    }

    /// <exception cref="InvalidSignatureException">No sender can be recovered; the message says why.</exception>
    public Address RecoverSender() =>
        TryRecoverSender(out var sender, out var error) ? sender : throw new InvalidSignatureException(error, DescribeError(error, null));

    /// <exception cref="InvalidSignatureException">No sender can be recovered, or the transaction is not for <paramref name="expectedChainId"/>.</exception>
    public Address RecoverSender(ulong expectedChainId) =>
        TryRecoverSender(expectedChainId, out var sender, out var error) ? sender : throw new InvalidSignatureException(error, DescribeError(error, expectedChainId));

    /// <summary>A sentence explaining <paramref name="error"/> for this transaction, with the offending values.</summary>
    public string DescribeError(SignatureError error, ulong? expectedChainId) => error switch
    {
        SignatureError.InvalidV or SignatureError.ChainIdMismatch => DescribeVError(Signature.GetValueOrDefault().V),
        SignatureError.WrongChainId => $"The transaction is for chain {ChainId} but chain {expectedChainId} was expected.",
        SignatureError.NotReplayProtected =>
            $"A legacy transaction signed without EIP-155 names no chain and can be replayed on any; chain {expectedChainId} does not accept it.",
        _ => EcdsaRecovery.Describe(error, Signature.GetValueOrDefault()),
    };

    /// <summary>Length of the RLP payload of the fields before the signature.</summary>
    private protected abstract int FieldsLength();

    private protected abstract void WriteFields(ref RlpWriter writer);

    /// <summary>Fields appended to the signing payload only (EIP-155's chainId, 0, 0).</summary>
    private protected virtual int SigningSuffixLength => 0;

    private protected virtual void WriteSigningSuffix(ref RlpWriter writer)
    {
    }

    /// <summary>Checks v and turns it into a recovery id.</summary>
    private protected virtual SignatureError CheckV(in UInt256 v, out int recoveryId)
    {
        recoveryId = v.IsZero ? 0 : 1;
        return v <= UInt256.One ? SignatureError.None : SignatureError.InvalidV;
    }

    private protected virtual UInt256 VFor(int recoveryId) => new((ulong)recoveryId);

    private protected virtual string DescribeVError(in UInt256 v) =>
        $"The y parity (v) of a typed transaction must be 0 or 1, got {v}.";

    private protected TransactionSignature RequireSignature() =>
        Signature ?? throw new InvalidOperationException("The transaction is not signed; only signed transactions have a canonical encoding and hash.");

    private protected static void RequireList<T>(IReadOnlyList<T> list, string parameterName) => ArgumentNullException.ThrowIfNull(list, parameterName);

    private protected delegate T FieldsReader<out T>(ref RlpReader fields, ref string field);

    /// <summary>Reads exactly one RLP list of fields and nothing after it, naming the field being read in any error.</summary>
    private protected static T DecodeList<T>(TransactionType type, ReadOnlySpan<byte> rlp, FieldsReader<T> readFields)
    {
        var field = "the transaction list";
        try
        {
            var outer = new RlpReader(rlp);
            var fields = outer.ReadList();
            field = "the bytes after the transaction list";
            outer.EnsureEnd();
            field = "the first field";
            var transaction = readFields(ref fields, ref field);
            field = $"the end of the list (after '{field}')";
            fields.EnsureEnd();
            return transaction;
        }
        catch (RlpException e)
        {
            throw TransactionFormatException.InField(type, field, e);
        }
    }

    private int EnvelopeLength(int payloadLength) => (Type == TransactionType.Legacy ? 0 : 1) + RlpLength.OfList(payloadLength);

    /// <summary>Writes the signed encoding, or the signing payload when <paramref name="signature"/> is null.</summary>
    private int Write(Span<byte> destination, int payloadLength, TransactionSignature? signature)
    {
        var offset = 0;
        if (Type != TransactionType.Legacy)
        {
            destination[0] = (byte)Type;
            offset = 1;
        }

        var writer = new RlpWriter(destination[offset..]);
        writer.WriteListPrefix(payloadLength);
        WriteFields(ref writer);
        if (signature is { } s)
        {
            s.WriteFields(ref writer);
        }
        else
        {
            WriteSigningSuffix(ref writer);
        }

        return offset + writer.Position;
    }

    [SkipLocalsInit]
    private void HashEncoding(TransactionSignature? signature, Span<byte> hash32)
    {
        var payload = FieldsLength() + (signature is { } s ? s.RlpFieldsLength : SigningSuffixLength);
        var length = EnvelopeLength(payload);
        byte[]? rented = null;
        var buffer = length <= StackBufferSize ? stackalloc byte[StackBufferSize] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = Write(buffer, payload, signature);
            Keccak256.Hash(buffer[..written], hash32);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
