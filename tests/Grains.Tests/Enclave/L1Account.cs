using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Tests.Enclave;

/// <summary>An L1 account the tests sign for locally (governance, operators, depositors); the same name gives the same key.</summary>
public sealed record L1Account(string Name, byte[] PrivateKey, Address Address)
{
    public static L1Account Create(string name)
    {
        using var key = Secp256k1KeyPair.Generate(new DeterministicRandomSource(System.Text.Encoding.UTF8.GetBytes("Obscuro.Tests.Enclave.L1Account." + name)));
        var privateKey = new byte[32];
        key.CopyPrivateKeyTo(privateKey);
        return new L1Account(name, privateKey, key.Address);
    }

    public override string ToString() => $"{Name} ({Address})";
}
