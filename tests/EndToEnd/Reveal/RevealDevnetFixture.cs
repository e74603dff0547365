using Obscuro.EndToEnd.Tests.Infrastructure;
using Obscuro.Protocol.Crypto;

namespace Obscuro.EndToEnd.Tests.Reveal;

/// <summary>
/// The shared devnet with the test token allow-listed as XS (one rollup) beside ETH's default S (three rollups here), so
/// one network carries groups of both options.
/// </summary>
public sealed class RevealDevnetFixture() : DevnetFixture(new DevnetFixtureOptions { RevealLengths = [1, 3, 6, 12, 24], TestTokenRevealOption = RevealOption.XS });
