using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Grains.Tests.Host.Infrastructure;

/// <summary>An L1 account the tests sign for locally; the same name gives the same key in every run.</summary>
public sealed record TestAccount(string Name, byte[] PrivateKey, Address Address)
{
    public static TestAccount Create(string name)
    {
        using var key = Secp256k1KeyPair.Generate(new DeterministicRandomSource(System.Text.Encoding.UTF8.GetBytes("Obscuro.Tests.Host.L1Account." + name)));
        var privateKey = new byte[32];
        key.CopyPrivateKeyTo(privateKey);
        return new TestAccount(name, privateKey, key.Address);
    }

    public string PrivateKeyHex => Hex.Encode(PrivateKey);

    public override string ToString() => $"{Name} ({Address})";
}
