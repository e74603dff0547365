using System.Security.Cryptography;
using Obscuro.Silo.Tee.Azure;

namespace Obscuro.Azure.Tests;

public sealed class AesKeyWrapTests
{
    private static readonly byte[] Rfc5649Kek = Convert.FromHexString("5840df6e29b02af1ab493b705bf16ea1ae8338f4dcc176a8");

    [Fact]
    public void Rfc5649_vector_with_a_20_octet_key()
    {
        var key = Convert.FromHexString("c37b7e6492584340bed12207808941155068f738");
        var expected = Convert.FromHexString("138bdeaa9b8fa7fc61f97742e72248ee5ae6ae5360d1ae6a5f54f373fa543b6a");

        Assert.Equal(expected, AesKeyWrap.WrapWithPadding(Rfc5649Kek, key));
        Assert.Equal(key, AesKeyWrap.UnwrapWithPadding(Rfc5649Kek, expected));
    }

    [Fact]
    public void Rfc5649_vector_with_a_7_octet_key()
    {
        var key = Convert.FromHexString("466f7250617369");
        var expected = Convert.FromHexString("afbeb0f07dfbf5419200f2ccb50bb24f");

        Assert.Equal(expected, AesKeyWrap.WrapWithPadding(Rfc5649Kek, key));
        Assert.Equal(key, AesKeyWrap.UnwrapWithPadding(Rfc5649Kek, expected));
    }

    [Fact]
    public void Rfc3394_vectors_4_1_and_4_6()
    {
        var kek128 = Convert.FromHexString("000102030405060708090A0B0C0D0E0F");
        var data128 = Convert.FromHexString("00112233445566778899AABBCCDDEEFF");
        Assert.Equal(Convert.FromHexString("1FA68B0A8112B447AEF34BD8FB5A7B829D3E862371D2CFE5"), AesKeyWrap.Wrap(kek128, data128));

        var kek256 = Convert.FromHexString("000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F");
        var data256 = Convert.FromHexString("00112233445566778899AABBCCDDEEFF000102030405060708090A0B0C0D0E0F");
        var wrapped = Convert.FromHexString("28C9F404C4B810F4CBCCB35CFB87F8263F5786E2D80ED326CBC7F0E71A99F43BFB988B9B7A02DD21");
        Assert.Equal(wrapped, AesKeyWrap.Wrap(kek256, data256));
        Assert.Equal(data256, AesKeyWrap.Unwrap(kek256, wrapped));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(32)]
    [InlineData(33)]
    public void Padded_wrap_round_trips_every_length(int length)
    {
        var kek = RandomNumberGenerator.GetBytes(32);
        var key = RandomNumberGenerator.GetBytes(length);

        Assert.Equal(key, AesKeyWrap.UnwrapWithPadding(kek, AesKeyWrap.WrapWithPadding(kek, key)));
    }

    [Fact]
    public void Altered_data_or_the_wrong_key_is_refused()
    {
        var kek = RandomNumberGenerator.GetBytes(32);
        var wrapped = AesKeyWrap.WrapWithPadding(kek, RandomNumberGenerator.GetBytes(32));
        var altered = (byte[])wrapped.Clone();
        altered[^1] ^= 1;

        Assert.Throws<CryptographicException>(() => AesKeyWrap.UnwrapWithPadding(kek, altered));
        Assert.Throws<CryptographicException>(() => AesKeyWrap.UnwrapWithPadding(RandomNumberGenerator.GetBytes(32), wrapped));
        Assert.Throws<CryptographicException>(() => AesKeyWrap.Unwrap(kek, AesKeyWrap.Wrap(RandomNumberGenerator.GetBytes(32), new byte[32])));
    }
}
