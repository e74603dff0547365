using System.Security.Cryptography;
using Obscuro.Contracts.L1;
using Obscuro.Contracts.Rpc;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Host;

/// <summary>
/// The node operator's L1 account: the key that registers the node, pays stake and fees and publishes rollups. It
/// exists only on host silos (never in an enclave grain, never in grain state, never in a log or exception: its
/// <see cref="ToString"/> names the address only). The contract requires <c>msg.sender == tx.origin</c> for a
/// publication, so this key signs the publishing transaction itself.
/// </summary>
public sealed class OperatorAccount : ISigner, IDisposable
{
    private readonly byte[] _privateKey;

    /// <exception cref="ArgumentException">Not a valid secp256k1 private key (the message says so without echoing it).</exception>
    public OperatorAccount(ReadOnlySpan<byte> privateKey)
    {
        using var pair = Secp256k1KeyPair.FromPrivateKey(privateKey);
        Address = pair.Address;
        _privateKey = privateKey.ToArray();
    }

    public Address Address { get; }

    /// <summary>A sender signing with this account; one per publisher activation (it resynchronises its nonce from the node).</summary>
    public L1Sender CreateSender(EthRpcClient rpc, L1SenderOptions options) => new(rpc, _privateKey, options);

    /// <summary>Signs a 32-byte digest (r ‖ s ‖ recovery id), e.g. the operator's signature on a gossip request.</summary>
    public byte[] Sign(ReadOnlySpan<byte> hash32) => Secp256k1.Sign(hash32, _privateKey);

    public void Dispose() => CryptographicOperations.ZeroMemory(_privateKey);

    public override string ToString() => $"operator {Address}";
}
