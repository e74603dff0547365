using System.Security.Cryptography;
using Obscuro.Grains.Host;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Silo.Node;

/// <summary>Reads the operator key from configuration or its file. Its messages describe what is wrong, never the value.</summary>
internal static class OperatorKeyReader
{
    private const UnixFileMode OthersMayAccess =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    public static OperatorAccount? Read(OperatorSettings settings, List<string> errors)
    {
        if (!string.IsNullOrEmpty(settings.PrivateKey) && !string.IsNullOrEmpty(settings.PrivateKeyFile))
        {
            errors.Add("Set only one of Obscuro:Operator:PrivateKey and Obscuro:Operator:PrivateKeyFile.");
            return null;
        }

        string source;
        string text;
        if (!string.IsNullOrEmpty(settings.PrivateKeyFile))
        {
            var path = settings.PrivateKeyFile;
            source = $"Obscuro:Operator:PrivateKeyFile '{path}'";
            try
            {
                if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & OthersMayAccess) != 0)
                {
                    errors.Add($"{source} may be read by other users; make it owner-only (chmod 600).");
                    return null;
                }

                text = File.ReadAllText(path).Trim();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors.Add($"{source} cannot be read: {e.Message}");
                return null;
            }
        }
        else
        {
            source = "Obscuro:Operator:PrivateKey";
            text = settings.PrivateKey!.Trim();
        }

        var key = new byte[32];
        try
        {
            Hex.DecodeExact(text, key);
            return new OperatorAccount(key);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            errors.Add($"{source} is not a valid secp256k1 private key: expected 32 bytes as 64 hex digits (0x optional), a scalar in [1, n-1].");
            return null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }
}
