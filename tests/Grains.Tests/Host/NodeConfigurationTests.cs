using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Obscuro.Contracts.Deployment;
using Obscuro.Grains.Tests.Host.Infrastructure;
using Obscuro.Protocol.Ethereum;
using Obscuro.Silo;
using Obscuro.Silo.Node;

namespace Obscuro.Grains.Tests.Host;

/// <summary>Node configuration mistakes stop the silo at start-up with messages that name the setting, never the key.</summary>
public sealed class NodeConfigurationTests : IDisposable
{
    private static readonly TestAccount Operator = TestAccount.Create("config-operator");
    private readonly string _directory = Directory.CreateTempSubdirectory("obscuro-node-config-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_complete_node_configuration_with_a_written_deployment_file_is_accepted()
    {
        var path = WriteDeployment();

        using var host = Configure(NodeSettings(path)).Build();

        var errors = new List<string>();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(NodeSettings(path)).Build();
        var node = NodeConfiguration.Read(configuration, SiloRole.Host, errors);
        Assert.Empty(errors);
        Assert.True(node.RunsNode);
        Assert.Equal(Operator.Address, node.Operator!.Address);
        Assert.Equal(HostClusterFixture.Ether, node.Registration!.Stake);
        Assert.Equal(HostClusterFixture.Measurement, node.Registration.Measurement);
        Assert.Equal(Address.Parse("0x00000000000000000000000000000000000000b2"), node.Deployment!.RollupManagement);
        Assert.DoesNotContain(Operator.PrivateKeyHex[2..], node.Operator.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("0x1234")]
    [InlineData("not hex at all, not hex at all, not hex at all, not hex at all!!")]
    [InlineData("0x0000000000000000000000000000000000000000000000000000000000000000")]
    public void A_bad_operator_key_is_refused_without_being_echoed(string key)
    {
        var settings = NodeSettings(WriteDeployment());
        settings["Obscuro:Operator:PrivateKey"] = key;

        var error = Assert.Throws<InvalidOperationException>(() => Configure(settings));

        Assert.Contains("Obscuro:Operator:PrivateKey is not a valid secp256k1 private key", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_operator_key_file_others_may_read_is_refused()
    {
        var file = Path.Combine(_directory, "operator.key");
        File.WriteAllText(file, Operator.PrivateKeyHex);
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        var settings = NodeSettings(WriteDeployment());
        settings.Remove("Obscuro:Operator:PrivateKey");
        settings["Obscuro:Operator:PrivateKeyFile"] = file;

        var error = Assert.Throws<InvalidOperationException>(() => Configure(settings));

        Assert.Contains("chmod 600", error.Message, StringComparison.Ordinal);
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        using var accepted = Configure(settings).Build();
    }

    [Fact]
    public void Running_a_node_without_a_key_is_refused_and_the_endpoint_defaults_to_the_deployment_file_s()
    {
        var settings = NodeSettings(WriteDeployment());
        settings.Remove("Obscuro:L1:Endpoint");
        settings.Remove("Obscuro:Operator:PrivateKey");

        var error = Assert.Throws<InvalidOperationException>(() => Configure(settings));

        Assert.Contains("An operator key is required to run the node", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Obscuro:L1:Endpoint", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ not json", "is invalid")]
    [InlineData("{ \"l1ChainId\": 31337 }", "is invalid")]
    [InlineData("{ \"l1ChainId\": 31337, \"networkManagement\": \"0x12\" }", "is invalid")]
    public void A_malformed_deployment_file_is_refused_naming_the_field(string content, string expected)
    {
        var path = Path.Combine(_directory, "bad.json");
        File.WriteAllText(path, content);

        var error = Assert.Throws<InvalidOperationException>(() => Configure(NodeSettings(path)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_deployment_file_and_a_wrong_node_type_are_both_reported()
    {
        var settings = NodeSettings(Path.Combine(_directory, "absent.json"));
        settings["Obscuro:Node:Type"] = "sequencer";

        var error = Assert.Throws<InvalidOperationException>(() => Configure(settings));

        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
        Assert.Contains("Obscuro:Node:Type must be 'aggregator' or 'verifier'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_operator_key_is_refused_on_an_enclave_silo()
    {
        var settings = NodeSettings(WriteDeployment());
        settings["Obscuro:Role"] = "enclave";
        settings["Orleans:Metadata:tee"] = "simulated";
        settings["Obscuro:DataDirectory"] = _directory;

        var error = Assert.Throws<InvalidOperationException>(() => Configure(settings));

        Assert.Contains("Obscuro:Operator must not be configured on an enclave silo", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Redis_storage_without_a_connection_string_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Configure(new() { ["Obscuro:Storage:Provider"] = "redis" }));

        Assert.Contains("needs the Redis connection string in Obscuro:Storage:Redis", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chain_id_that_contradicts_the_deployment_file_is_refused()
    {
        var settings = NodeSettings(WriteDeployment());
        settings["Obscuro:L1:ChainId"] = "1";

        var error = Assert.Throws<InvalidOperationException>(() => Configure(settings));

        Assert.Contains("Obscuro:L1:ChainId is 1 but the deployment file's l1ChainId is 31337", error.Message, StringComparison.Ordinal);
    }

    private string WriteDeployment()
    {
        var path = Path.Combine(_directory, "deployment.json");
        new NetworkDeployment(
            31337,
            "http://127.0.0.1:8545/",
            443,
            Address.Parse("0x00000000000000000000000000000000000000a1"),
            Address.Parse("0x00000000000000000000000000000000000000b2"),
            Address.Parse("0x00000000000000000000000000000000000000c3"),
            null,
            4,
            Keccak256.Hash("anchor"u8),
            Keccak256.Hash("anchor parent"u8),
            [1, 300, 7_200, 216_000, 2_628_000],
            HostClusterFixture.Measurement,
            HostClusterFixture.Authority).Save(path);
        return path;
    }

    private static Dictionary<string, string?> NodeSettings(string deploymentFile) => new()
    {
        ["Obscuro:NodeId"] = "node-0",
        ["Obscuro:Role"] = "host",
        ["Orleans:Metadata:tee"] = "none",
        ["Obscuro:L1:Endpoint"] = "http://127.0.0.1:8545/",
        ["Obscuro:Operator:PrivateKey"] = Operator.PrivateKeyHex,
        ["Obscuro:Network:DeploymentFile"] = deploymentFile,
        ["Obscuro:Node:Type"] = "aggregator",
        ["Obscuro:Node:Registration:AttestationToken"] = "0x0102",
        ["Obscuro:Node:Registration:Stake"] = "1000000000000000000",
        ["Obscuro:Node:Registration:Fee"] = "10000000000000000",
        ["Obscuro:Node:Registration:Endpoint"] = "node-0.test:7100",
    };

    private static HostApplicationBuilder Configure(Dictionary<string, string?> settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var all = new Dictionary<string, string?> { ["Obscuro:NodeId"] = "node-0", ["Obscuro:Role"] = "host", ["Orleans:Metadata:tee"] = "none" };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(all);
        builder.UseOrleans(silo => silo.UseObscuroSilo());
        return builder;
    }
}
