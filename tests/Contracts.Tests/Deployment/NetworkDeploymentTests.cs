using Obscuro.Contracts.Deployment;
using Obscuro.Protocol.Ethereum;

namespace Obscuro.Contracts.Tests.Deployment;

public class NetworkDeploymentTests
{
    private static NetworkDeployment Sample() => new(
        31337, "http://127.0.0.1:8545", 443,
        Address.Parse("0x5FbDB2315678afecb367f032d93F642f64180aa3"), Address.Parse("0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512"),
        Address.Parse("0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0"), null, 7, Keccak256.Hash("anchor"u8), Keccak256.Hash("parent"u8),
        [1, 3, 6, 12, 24], Keccak256.Hash("measurement"u8), Keccak256.Hash("authority"u8));

    [Fact]
    public void Round_trips_through_json_and_a_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"deployment-{Guid.NewGuid():N}.json");
        try
        {
            var original = Sample() with { TestToken = Address.Parse("0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9") };
            original.Save(path);
            var loaded = NetworkDeployment.Load(path);
            Assert.Equal(original.ToJson(), loaded.ToJson());
            Assert.Equal(original.RevealLengths, loaded.RevealLengths);
            Assert.Equal(original.TestToken, loaded.TestToken);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("\"l1ChainId\": 31337", "\"l1ChainId\": -1", "'l1ChainId' is missing or not a non-negative integer")]
    [InlineData("\"bridge\": \"0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0\"", "\"bridge\": \"0x9fe46736679d2D9a65F0992F2272dE9f3c7fa6e0\"", "'bridge': Address has mixed case but its EIP-55 checksum is wrong")]
    [InlineData("\"l2ChainId\": 443", "\"l2ChainId\": 31337", "'l2ChainId' must differ from 'l1ChainId'")]
    [InlineData("\"revealLengths\": [\n    1,\n    3,", "\"revealLengths\": [\n    4,\n    3,", "non-decreasing")]
    public void Malformed_fields_are_named(string field, string replacement, string problem)
    {
        var json = Sample().ToJson();
        Assert.Contains(field, json);
        var e = Assert.Throws<FormatException>(() => NetworkDeployment.Parse(json.Replace(field, replacement, StringComparison.Ordinal)));
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void A_missing_file_says_how_to_get_one() =>
        Assert.Contains("start the devnet", Assert.Throws<FormatException>(() => NetworkDeployment.Load("/nonexistent/deployment.json")).Message);

    [Fact]
    public void Not_json_is_refused() =>
        Assert.Contains("not JSON", Assert.Throws<FormatException>(() => NetworkDeployment.Parse("{")).Message);
}
