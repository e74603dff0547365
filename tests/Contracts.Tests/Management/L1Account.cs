using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Tests.Management;

/// <summary>An L1 account the tests sign for locally (operators, governance, depositors, attackers).</summary>
public sealed record L1Account(string Name, byte[] PrivateKey, Address Address)
{
    /// <summary>A reproducible account: the same name gives the same key in every run.</summary>
    public static L1Account Create(string name)
    {
        using var key = Secp256k1KeyPair.Generate(new DeterministicRandomSource(System.Text.Encoding.UTF8.GetBytes("Obscuro.Tests.L1Account." + name)));
        var privateKey = new byte[32];
        key.CopyPrivateKeyTo(privateKey);
        return new L1Account(name, privateKey, key.Address);
    }

    public override string ToString() => $"{Name} ({Address})";
}
