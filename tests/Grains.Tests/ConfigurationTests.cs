using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Obscuro.Silo;

namespace Obscuro.Grains.Tests;

/// <summary>Start-up refuses a configuration that would put enclave grains or secrets in the wrong place.</summary>
public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("enclave", "none", "needs a TEE")]
    [InlineData("both", "none", "needs a TEE")]
    [InlineData("host", "simulated", "needs Orleans:Metadata:tee 'none'")]
    [InlineData("host", "noen", "is not one of none, simulated, sev-snp, tdx")]
    [InlineData("enclave", "sev-snp", "Obscuro:Azure:AttestationEndpoint must be")]
    [InlineData("enclave", "tdx", "Obscuro:Azure:KeyName is required")]
    public void A_role_and_tee_that_do_not_fit_together_stop_the_silo(string role, string tee, string expected)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Configure(new() { ["Obscuro:Role"] = role, ["Orleans:Metadata:tee"] = tee }));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_storage_provider_is_refused_clearly()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Configure(new() { ["Obscuro:Storage:Provider"] = "cassandra" }));

        Assert.Contains("is not one of 'memory', 'redis'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_clustering_provider_is_refused_clearly()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Configure(new() { ["Obscuro:Clustering:Provider"] = "zookeeper" }, clustering: true));

        Assert.Contains("is not one of 'localhost', 'redis'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_error_is_reported_at_once()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Configure(new() { ["Obscuro:NodeId"] = "", ["Obscuro:Storage:Provider"] = "cassandra" }));

        Assert.Contains("Obscuro:NodeId is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("Obscuro:Storage:Provider", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_command_line_switches_reach_the_settings_they_name()
    {
        var configuration = new ConfigurationBuilder()
            .AddCommandLine(["--role", "enclave", "--tee", "simulated", "--node-id", "n1", "--data-dir", "/var/obscuro"], SiloCommandLine.SwitchMappings)
            .Build();

        Assert.Equal("enclave", configuration["Obscuro:Role"]);
        Assert.Equal("simulated", configuration["Orleans:Metadata:tee"]);
        Assert.Equal("n1", configuration["Obscuro:NodeId"]);
        Assert.Equal("/var/obscuro", configuration["Obscuro:DataDirectory"]);
    }

    [Theory]
    [InlineData("enclave", "simulated", 0)]
    [InlineData("both", "simulated", 30000)]
    [InlineData("host", "none", 30000)]
    public void Only_silos_with_a_host_side_open_a_client_gateway(string role, string tee, int gatewayPort)
    {
        var settings = new Dictionary<string, string?> { ["Obscuro:Role"] = role, ["Orleans:Metadata:tee"] = tee, ["Obscuro:DataDirectory"] = "unused" };

        using var host = Configure(settings, clustering: true).Build();

        Assert.Equal(gatewayPort, host.Services.GetRequiredService<IOptions<EndpointOptions>>().Value.GatewayPort);
    }

    private static HostApplicationBuilder Configure(Dictionary<string, string?> overrides, bool clustering = false)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var settings = new Dictionary<string, string?>
        {
            ["Obscuro:NodeId"] = "node-0",
            ["Obscuro:Role"] = "host",
            ["Orleans:Metadata:tee"] = "none",
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.UseOrleans(silo =>
        {
            if (clustering)
            {
                silo.UseObscuroClustering();
            }

            silo.UseObscuroSilo();
        });
        return builder;
    }
}
