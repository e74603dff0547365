using Obscuro.Grains.Node;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Ethereum.Transactions;
using Obscuro.Protocol.Queries;
using Obscuro.Protocol.Transactions;

namespace Obscuro.Grains.Tests.Enclave;

/// <summary>
/// A wallet as a user would run it: an account key that signs EIP-1559 transactions for the L2, which it encrypts to
/// the network key, and a viewing key the account granted, which signs queries and opens the enclave's answers.
/// </summary>
public sealed class L2Wallet : IDisposable
{
    /// <summary>Decodes an answer's payload (the Protocol's answer types decode from a span).</summary>
    public delegate T PayloadDecoder<out T>(ReadOnlySpan<byte> payload);

    public static readonly UInt256 Gwei = new(1_000_000_000UL);

    private readonly byte[] _key;
    private readonly Secp256k1KeyPair _viewing;
    private readonly byte[] _viewingPrivate = new byte[32];

    public L2Wallet(string name)
    {
        _key = Keccak256.HashToArray(System.Text.Encoding.UTF8.GetBytes("Obscuro.Tests.Enclave.L2Wallet." + name));
        Address = Secp256k1.DeriveAddress(_key);
        _viewing = Secp256k1KeyPair.Generate(SystemRandomSource.Instance);
        _viewing.CopyPrivateKeyTo(_viewingPrivate);
        Grant = ViewingKeyGrant.Create(TestNetwork.L2ChainId, _viewing.CompressedPublicKey, _key);
    }

    public Address Address { get; }

    public ViewingKeyGrant Grant { get; }

    public byte[] SignTransfer(ulong nonce, Address to, UInt256 value, ulong chainId = TestNetwork.L2ChainId) =>
        new DynamicFeeTransaction(chainId, nonce, UInt256.Zero, Gwei, 21_000, to, value, ReadOnlyMemory<byte>.Empty, []).Sign(_key).Encode();

    public static byte[] Encrypt(byte[] signedTransaction, byte[] networkPublicKey) =>
        Ecies.Encrypt(networkPublicKey, signedTransaction, SubmissionFormat.TransactionAssociatedData(TestNetwork.L2ChainId), SystemRandomSource.Instance);

    /// <summary>An encrypted query about <paramref name="account"/> (this wallet's own by default) under <paramref name="grant"/> (this wallet's by default).</summary>
    public (byte[] Encrypted, byte[] RequestId) Query(QueryKind kind, byte[] argument, byte[] networkPublicKey, Address? account = null, ViewingKeyGrant? grant = null)
    {
        var request = QueryRequest.Create(TestNetwork.L2ChainId, kind, account ?? Address, argument, grant ?? Grant, _viewingPrivate, SystemRandomSource.Instance);
        return (QueryEnvelope.EncryptRequest(request, networkPublicKey, SystemRandomSource.Instance), request.RequestId);
    }

    /// <summary>Opens an answer with the viewing key and checks the enclave's signature on it.</summary>
    public QueryResponse Open(QueryReply reply, byte[] requestId)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var encrypted = reply.EncryptedResponse ?? throw new InvalidOperationException($"The query was refused ({(QueryRejection)reply.Rejection}): {reply.Message}");
        var response = QueryEnvelope.DecryptResponse(encrypted, _viewing, requestId);
        return response.IsSignedByEnclave() ? response : throw new InvalidOperationException("The answer is not signed by the enclave it names.");
    }

    public async Task<T> AskAsync<T>(NodeHost node, QueryKind kind, byte[] argument, byte[] networkPublicKey, PayloadDecoder<T> decode, Address? expectedEnclave = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(decode);
        var (encrypted, requestId) = Query(kind, argument, networkPublicKey);
        var response = Open(await node.QueryAsync(encrypted), requestId);
        if (!response.Ok) throw new InvalidOperationException("The enclave answered with an error: " + response.Error);
        if (expectedEnclave is { } enclave && response.Enclave != enclave) throw new InvalidOperationException($"Answered by {response.Enclave}, not {enclave}.");
        return decode(response.Payload);
    }

    public void Dispose()
    {
        _viewing.Dispose();
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(_viewingPrivate);
    }
}
