using Obscuro.Protocol.Ethereum;

namespace Obscuro.Silo.Devnet.Status;

/// <summary>Short forms for a status line that has to fit a terminal.</summary>
public static class ShortForm
{
    /// <summary>0x1234…cdef: enough to tell rollups apart at a glance.</summary>
    public static string Hash(Hash256 hash)
    {
        var text = hash.ToString();
        return $"{text[..6]}…{text[^4..]}";
    }

    public static string Address(Address address)
    {
        var text = address.ToChecksumString();
        return $"{text[..6]}…{text[^4..]}";
    }
}
