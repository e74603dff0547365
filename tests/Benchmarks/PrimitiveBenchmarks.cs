using Obscuro.Protocol.Ethereum;

namespace Obscuro.Benchmarks;

/// <summary>secp256k1 through the wrapper and through raw P/Invoke, and Keccak-256 throughput.</summary>
internal static unsafe class PrimitiveBenchmarks
{
    public static void Run(Report report)
    {
        var key = Hex.Decode("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");
        var peer = Secp256k1.DerivePublicKey(Hex.Decode("0x8da4ef21b864d2cc526dbdb2a120bd2874c36c9d0a1fb7f8c63d7f7a8b41de8f"));
        var hash = Keccak256.HashToArray("benchmark"u8);
        var signature = Secp256k1.Sign(hash, key);

        var recover = Meter.Rate(() =>
        {
            Span<byte> pub = stackalloc byte[64];
            Secp256k1.TryRecover(hash, signature, pub);
        });
        report.Add(new("secp256k1", "recover (wrapper), 1 core", recover, "ops/s"));
        report.Add(new("secp256k1", $"recover (wrapper), {Environment.ProcessorCount} cores", Meter.ParallelRate(() => () =>
        {
            Span<byte> pub = stackalloc byte[64];
            Secp256k1.TryRecover(hash, signature, pub);
        }), "ops/s"));

        var rawRecover = Meter.Rate(() => RawRecover(hash, signature));
        report.Add(new("secp256k1", "recover (raw P/Invoke), 1 core", rawRecover, "ops/s"));
        var overhead = (rawRecover / recover) - 1;
        report.Add(new("secp256k1", "wrapper overhead over raw recover", overhead * 100, "%", overhead < 0.10 ? "goal < 10%: met" : "goal < 10%: NOT met"));

        report.Add(new("secp256k1", "sign, 1 core", Meter.Rate(() =>
        {
            Span<byte> sig = stackalloc byte[65];
            Secp256k1.Sign(hash, key, sig);
        }), "ops/s"));
        report.Add(new("secp256k1", $"sign, {Environment.ProcessorCount} cores", Meter.ParallelRate(() => () =>
        {
            Span<byte> sig = stackalloc byte[65];
            Secp256k1.Sign(hash, key, sig);
        }), "ops/s"));

        report.Add(new("secp256k1", "ECDH, 1 core", Meter.Rate(() =>
        {
            Span<byte> shared = stackalloc byte[32];
            Secp256k1.TryEcdh(peer, key, shared);
        }), "ops/s"));
        report.Add(new("secp256k1", $"ECDH, {Environment.ProcessorCount} cores", Meter.ParallelRate(() => () =>
        {
            Span<byte> shared = stackalloc byte[32];
            Secp256k1.TryEcdh(peer, key, shared);
        }), "ops/s"));

        var megabyte = new byte[1 << 20];
        new Random(1).NextBytes(megabyte);
        report.Add(new("keccak", "Keccak-256 of 1 MiB buffers", Meter.Rate(() => Keccak256.Hash(megabyte)), "MiB/s"));
        var small = new byte[64];
        report.Add(new("keccak", "Keccak-256 of 64 bytes", Meter.Rate(() => Keccak256.Hash(small)), "ops/s"));
    }

    /// <summary>The same native calls as <see cref="Secp256k1.TryRecover"/> without the wrapper's checks and spans.</summary>
    private static void RawRecover(byte[] hash, byte[] signature)
    {
        var ctx = RawContext.Value;
        byte* sig = stackalloc byte[65];
        byte* pub = stackalloc byte[64];
        byte* output = stackalloc byte[65];
        nuint length = 65;
        fixed (byte* h = hash, s = signature)
        {
            _ = Secp256k1Native.secp256k1_ecdsa_recoverable_signature_parse_compact(ctx, sig, s, s[64]);
            _ = Secp256k1Native.secp256k1_ecdsa_recover(ctx, pub, sig, h);
            _ = Secp256k1Native.secp256k1_ec_pubkey_serialize(ctx, output, &length, pub, Secp256k1Native.EcUncompressed);
        }
    }

    private static class RawContext
    {
        public static readonly IntPtr Value = Secp256k1Native.secp256k1_context_create(Secp256k1Native.ContextSign | Secp256k1Native.ContextVerify);
    }
}
