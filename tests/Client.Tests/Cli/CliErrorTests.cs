using Obscuro.Client.Tests.Support;

namespace Obscuro.Client.Tests.Cli;

/// <summary>User mistakes that need no network: each gets its exit code and a hint that says what to do.</summary>
public sealed class CliErrorTests : IDisposable
{
    private const string Valid = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    private readonly TempDirectory _directory = new();

    [Theory]
    [InlineData(new[] { "transfer", Valid }, "Required argument 'amount' missing")]
    [InlineData(new[] { "balance", "--frobnicate" }, "Unrecognized command or argument '--frobnicate'")]
    [InlineData(new[] { "teleport" }, "Unrecognized command or argument 'teleport'")]
    [InlineData(new[] { "deposit", "1", "--timeout", "soon" }, "soon")]
    public async Task Malformed_command_lines_exit_2_and_point_at_help(string[] args, string expected)
    {
        var result = await Cli().RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Contains("--help", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recipient_with_a_wrong_checksum_is_refused_before_anything_is_signed()
    {
        var result = await Cli().RunAsync("transfer", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", "1");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("EIP-55 checksum is wrong", result.Error, StringComparison.Ordinal);
        Assert.Contains("hint: Copy the address again", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1e18", "is not an amount")]
    [InlineData("-3", "negative")]
    [InlineData("0.0000000000000000001", "19 decimal places")]
    public async Task Malformed_amounts_exit_2_with_how_to_write_one(string amount, string expected)
    {
        var result = await Cli().RunAsync("transfer", Valid, amount, "--json");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("Usage", result.Json["error"]!["kind"]!.GetValue<string>());
        Assert.Contains(expected, result.Json["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotEmpty(result.Json["error"]!["hint"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_a_deployment_file_the_cli_says_how_to_get_one()
    {
        var result = await Cli().RunAsync("tokens");

        Assert.Equal(13, result.ExitCode);
        Assert.Contains("./scripts/devnet.sh", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gateway_list_that_is_not_host_port_is_a_usage_error()
    {
        var cli = Cli();
        cli.Variables["OBSCURO_DEPLOYMENT"] = Path.Combine(_directory.Path, "deployment.json");
        new Contracts.Deployment.NetworkDeployment(31337, "http://127.0.0.1:9/", 443, default, default, default, null, 0, default, default, [1, 2, 3, 4, 5], default, default)
            .Save(cli.Variables["OBSCURO_DEPLOYMENT"]);

        var result = await cli.RunAsync("node", "--node", "localhost");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("host:port", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wallet_new_import_and_list_round_trip_in_json()
    {
        var cli = Cli();
        cli.Variables["OBSCURO_PASSPHRASE"] = "a long enough passphrase";
        cli.Variables["OBSCURO_PRIVATE_KEY"] = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";

        var created = await cli.RunAsync("wallet", "new", "--label", "alice", "--json");
        var imported = await cli.RunAsync("wallet", "import", "--label", "bob", "--json");
        var listed = await cli.RunAsync("wallet", "list", "--json");

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.True(imported.ExitCode == 0, imported.ToString());
        Assert.Equal("0x2c7536E3605D9C16a7a3D7b1898e529396a65c23", imported.Json["address"]!.GetValue<string>());
        var labels = listed.Json["accounts"]!.AsArray().Select(a => a!["label"]!.GetValue<string>()).Order();
        Assert.Equal(["alice", "bob"], labels);
        foreach (var output in new[] { created, imported, listed })
        {
            Assert.DoesNotContain("a long enough passphrase", output.Out + output.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("4c0883a69102937d", output.Out + output.Error, StringComparison.OrdinalIgnoreCase);
        }

        var duplicate = await cli.RunAsync("wallet", "import");
        Assert.Equal(4, duplicate.ExitCode);
        Assert.Contains("already in", duplicate.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_passphrase_is_typed_twice_and_a_mismatch_creates_nothing()
    {
        var cli = Cli();
        cli.PromptAnswers.Enqueue("first passphrase");
        cli.PromptAnswers.Enqueue("second passphrase");

        var result = await cli.RunAsync("wallet", "new");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("differ", result.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.Exists(_directory.Combine("wallet")) ? Directory.GetFiles(_directory.Combine("wallet")) : []);
    }

    [Fact]
    public async Task Without_a_terminal_or_OBSCURO_PASSPHRASE_the_cli_says_how_to_give_one()
    {
        var result = await Cli().RunAsync("wallet", "new");

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("OBSCURO_PASSPHRASE", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();

    private CliHarness Cli()
    {
        var cli = new CliHarness { WorkingDirectory = _directory.Path };
        cli.Variables["OBSCURO_WALLET"] = _directory.Combine("wallet");
        return cli;
    }
}
