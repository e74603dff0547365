using Obscuro.Protocol.Ethereum;

namespace Obscuro.Protocol.Tests.Ethereum;

public class Secp256k1SmokeTests
{
    [Fact]
    public void Anvil_account_zero_address()
    {
        var key = Hex.Decode("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
        Assert.Equal("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", Secp256k1.DeriveAddress(key).ToChecksumString());
    }

    [Fact]
    public void Sign_then_recover()
    {
        var key = Hex.Decode("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
        var hash = Keccak256.Hash("hello"u8).ToArray();
        var sig = Secp256k1.Sign(hash, key);
        Assert.True(Secp256k1.TryRecoverAddress(hash, sig, out var addr));
        Assert.Equal(Secp256k1.DeriveAddress(key), addr);
        Assert.True(Secp256k1.Verify(hash, sig, Secp256k1.DerivePublicKey(key)));
    }
}

public class Secp256k1LibraryTests
{
    [Fact]
    public void A_missing_native_library_names_the_debian_package()
    {
        var e = Assert.Throws<DllNotFoundException>(() => Secp256k1Native.EnsureLoaded("libsecp256k1-absent.so.9"));
        Assert.Contains("apt-get install libsecp256k1-1", e.Message);
        Assert.Contains("libsecp256k1-absent.so.9", e.Message);
    }

    [Fact]
    public void The_installed_library_loads() => Secp256k1Native.EnsureLoaded();
}
