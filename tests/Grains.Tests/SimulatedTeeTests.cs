using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Obscuro.Grains.Tee;
using Obscuro.Protocol.Ethereum;
using Obscuro.Silo.Tee;

namespace Obscuro.Grains.Tests;

public sealed class SimulatedTeeTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("obscuro-simulated-tee-").FullName;

    private string TeeDirectory => Path.Combine(_dataDirectory, SimulatedTee.DirectoryName);

    private string SealingKeyPath => Path.Combine(TeeDirectory, SimulatedTee.SealingKeyFileName);

    private string EnclaveKeyPath => Path.Combine(TeeDirectory, SimulatedTee.EnclaveKeyFileName);

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    [Fact]
    public void First_boot_creates_owner_only_key_files_and_a_reboot_unseals_the_same_enclave_key()
    {
        byte[] first;
        using (var tee = Open())
        {
            first = tee.EnclaveKey.PublicKey.ToArray();
            Assert.Equal(TeeKind.Simulated, tee.Kind);
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(TeeDirectory));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(SealingKeyPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(EnclaveKeyPath));
        Assert.Contains("INSECURE", SimulatedTee.SealingKeyFileName, StringComparison.Ordinal);

        using var rebooted = Open();
        Assert.Equal(first, rebooted.EnclaveKey.PublicKey.ToArray());
        Assert.Equal(Address.FromPublicKey(first), rebooted.EnclaveKey.Address);
    }

    [Fact]
    public void The_key_files_never_contain_the_private_key_in_plaintext()
    {
        using var tee = Open();

        // Recover the private key the way only someone holding the sealing key could, proving the file is the key, sealed.
        var privateKey = AesGcmSealer.Unseal(File.ReadAllBytes(SealingKeyPath), File.ReadAllBytes(EnclaveKeyPath), "enclave-key");
        Assert.Equal(tee.EnclaveKey.PublicKey.ToArray(), Secp256k1.DerivePublicKey(privateKey));

        var hex = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(privateKey));
        foreach (var file in Directory.EnumerateFiles(_dataDirectory, "*", SearchOption.AllDirectories))
        {
            var content = File.ReadAllBytes(file);
            Assert.True(content.AsSpan().IndexOf(privateKey) < 0, $"{file} holds the private key");
            Assert.True(content.AsSpan().IndexOf(hex) < 0, $"{file} holds the private key as hex");
        }

        Assert.DoesNotContain(Convert.ToHexStringLower(privateKey), tee.EnclaveKey.ToString() ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public void The_log_says_INSECURE_and_names_the_enclave_address_but_no_key_material()
    {
        var logger = new RecordingLogger<SimulatedTee>();
        SimulatedTee.Open(_dataDirectory, logger).Dispose();
        using var tee = SimulatedTee.Open(_dataDirectory, logger);

        var privateKey = AesGcmSealer.Unseal(File.ReadAllBytes(SealingKeyPath), File.ReadAllBytes(EnclaveKeyPath), "enclave-key");
        var secrets = new[] { privateKey, File.ReadAllBytes(SealingKeyPath) }
            .SelectMany(secret => new[] { Convert.ToHexStringLower(secret), Convert.ToHexString(secret), Convert.ToBase64String(secret) })
            .ToList();
        Assert.Contains(logger.Lines, line => line.StartsWith("Warning: INSECURE simulated TEE", StringComparison.Ordinal));
        Assert.Contains(logger.Lines, line => line.Contains(tee.EnclaveKey.Address.ToString(), StringComparison.Ordinal));
        Assert.All(logger.Lines, line => Assert.DoesNotContain(secrets, secret => line.Contains(secret, StringComparison.Ordinal)));
    }

    [Fact]
    public void Sealing_round_trips_and_never_outputs_the_plaintext()
    {
        using var tee = Open();
        var secret = Encoding.UTF8.GetBytes("balance of 0xabc: 12345 wei");

        var once = tee.Seal(secret, "account-state");
        var twice = tee.Seal(secret, "account-state");

        Assert.Equal(secret, tee.Unseal(once, "account-state"));
        Assert.Equal(0x01, once[0]);
        Assert.Equal(secret.Length + AesGcmSealer.Overhead, once.Length);
        Assert.NotEqual(once, twice);
        Assert.True(once.AsSpan().IndexOf(secret.AsSpan(0, 8)) < 0);
    }

    [Fact]
    public void Tampered_or_misdirected_sealed_data_is_rejected()
    {
        using var tee = Open();
        var sealedData = tee.Seal(Encoding.UTF8.GetBytes("seed material"), "master-seed");

        for (var i = 1; i < sealedData.Length; i++)
        {
            var tampered = (byte[])sealedData.Clone();
            tampered[i] ^= 0x01;
            Assert.Throws<CryptographicException>(() => tee.Unseal(tampered, "master-seed"));
        }

        var otherVersion = (byte[])sealedData.Clone();
        otherVersion[0] = 0x02;
        Assert.Contains("version", Assert.Throws<CryptographicException>(() => tee.Unseal(otherVersion, "master-seed")).Message, StringComparison.Ordinal);
        Assert.Throws<CryptographicException>(() => tee.Unseal(sealedData.AsSpan(0, AesGcmSealer.Overhead - 1), "master-seed"));
        Assert.Throws<CryptographicException>(() => tee.Unseal(sealedData, "enclave-key"));

        // Sealed by one TEE, refused by another.
        using var other = SimulatedTee.Open(Directory.CreateTempSubdirectory("obscuro-simulated-tee-").FullName, NullLogger<SimulatedTee>.Instance);
        try
        {
            Assert.Throws<CryptographicException>(() => other.Unseal(sealedData, "master-seed"));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(Path.GetDirectoryName(other.SealingKeyPath))!, recursive: true);
        }
    }

    [Fact]
    public async Task Attestation_passes_while_the_sealing_key_file_is_intact_and_fails_once_it_changes()
    {
        using var tee = Open();
        await tee.VerifyAttestationAsync(CancellationToken.None);

        File.SetUnixFileMode(SealingKeyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        await Assert.ThrowsAsync<TeeAttestationException>(() => tee.VerifyAttestationAsync(CancellationToken.None));

        File.SetUnixFileMode(SealingKeyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await tee.VerifyAttestationAsync(CancellationToken.None);

        var key = File.ReadAllBytes(SealingKeyPath);
        key[0] ^= 0xFF;
        File.WriteAllBytes(SealingKeyPath, key);
        await Assert.ThrowsAsync<TeeAttestationException>(() => tee.VerifyAttestationAsync(CancellationToken.None));

        File.Delete(SealingKeyPath);
        await Assert.ThrowsAsync<TeeAttestationException>(() => tee.VerifyAttestationAsync(CancellationToken.None));
    }

    [Fact]
    public void A_sealed_enclave_key_without_its_sealing_key_stops_start_up_instead_of_minting_a_new_identity()
    {
        Open().Dispose();
        File.Delete(SealingKeyPath);

        var error = Assert.Throws<InvalidOperationException>(Open);

        Assert.Contains(SimulatedTee.SealingKeyFileName, error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(SealingKeyPath));
    }

    [Fact]
    public void A_sealing_key_file_readable_by_others_stops_start_up()
    {
        Open().Dispose();
        File.SetUnixFileMode(SealingKeyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        Assert.Contains("chmod 600", Assert.Throws<InvalidOperationException>(Open).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_enclave_key_signs_hashes_that_recover_to_its_address()
    {
        using var tee = Open();
        var hash = Keccak256.HashToArray(Encoding.UTF8.GetBytes("Obscuro.Test.v1"));

        var signature = tee.EnclaveKey.Sign(hash);

        Assert.True(Secp256k1.TryRecoverAddress(hash, signature, out var signer));
        Assert.Equal(tee.EnclaveKey.Address, signer);
    }

    private SimulatedTee Open() => SimulatedTee.Open(_dataDirectory, NullLogger<SimulatedTee>.Instance);
}
