using Obscuro.Protocol.Ethereum;

namespace Obscuro.Protocol.Tests.Ethereum;

/// <summary>The test vectors in the text of EIP-55.</summary>
public class AddressChecksumTests
{
    [Theory]
    [InlineData("0x52908400098527886E0F7030069857D2E4169EE7")] // all caps
    [InlineData("0x8617E340B3D01FA5F11F306F4090FD50E238070D")]
    [InlineData("0xde709f2102306220921060314715629080e2fb77")] // all lower
    [InlineData("0x27b1fdb04752bbc536007a920d24acb045561c26")]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")] // mixed
    [InlineData("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359")]
    [InlineData("0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB")]
    [InlineData("0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb")]
    public void Checksums_match_the_eip(string address)
    {
        var parsed = Address.Parse(address);
        Assert.Equal(address, parsed.ToChecksumString());
        Assert.Equal(address.ToLowerInvariant(), parsed.ToString());
        Assert.Equal(parsed, Address.Parse(address.ToLowerInvariant()));
        Assert.Equal(parsed, Address.Parse("0x" + address[2..].ToUpperInvariant()));
    }

    [Theory]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD")] // last letter's case flipped
    [InlineData("0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")] // second letter's case flipped
    [InlineData("0xfb6916095ca1df60bB79Ce92cE3Ea74c37c5d359")]
    public void A_mixed_case_address_with_a_wrong_checksum_is_rejected(string address)
    {
        Assert.False(Address.TryParse(address, out _, out var error));
        Assert.Contains("checksum is wrong", error, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => Address.Parse(address));
    }

    [Theory]
    [InlineData(null, "missing")]
    [InlineData("0x1234", "40 hex digits, got 4")]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeg", "not a hex digit")]
    public void Malformed_addresses_are_rejected(string? address, string reason)
    {
        Assert.False(Address.TryParse(address, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
