using System.CommandLine;
using Obscuro.Client;
using Obscuro.Client.Configuration;
using Obscuro.Client.Errors;
using Obscuro.Client.Keys;
using Obscuro.Contracts.Deployment;
using Spectre.Console;

namespace Obscuro.Cli;

/// <summary>
/// One command's run: its parsed options resolved against the environment (defaults point at the running devnet), the
/// keystore, the passphrase, and the library client, created on first use and disposed at the end.
/// </summary>
internal sealed class CliContext : IAsyncDisposable
{
    public const string PassphraseVariable = "OBSCURO_PASSPHRASE";

    private readonly GlobalOptions _options;
    private readonly ParseResult _parse;
    private ObscuroClient? _client;

    public CliContext(CliEnvironment environment, GlobalOptions options, ParseResult parse)
    {
        Environment = environment;
        _options = options;
        _parse = parse;
        Output = new Output(environment, parse.GetValue(options.Json));
    }

    public CliEnvironment Environment { get; }

    public Output Output { get; }

    public Keystore Keystore => new(KeystoreDirectory);

    public string KeystoreDirectory =>
        _parse.GetValue(_options.Wallet) is { Length: > 0 } given ? Resolve(given)
        : Environment.GetVariable(Keystore.DirectoryVariable) is { Length: > 0 } configured ? Resolve(configured)
        : Keystore.DefaultDirectory;

    public string? AccountName => _parse.GetValue(_options.Account);

    /// <summary>The passphrase from <c>$OBSCURO_PASSPHRASE</c>, else typed at a prompt (twice for a new one).</summary>
    public string Passphrase(string prompt, bool confirm)
    {
        if (Environment.GetVariable(PassphraseVariable) is { Length: > 0 } configured)
        {
            return configured;
        }

        var typed = Environment.PromptSecret(prompt)
            ?? throw new KeystoreException(
                "No passphrase: there is no terminal to ask for it and OBSCURO_PASSPHRASE is not set.",
                "Run the command in a terminal, or set OBSCURO_PASSPHRASE for scripts.");
        if (confirm && Environment.PromptSecret("Repeat the passphrase:") != typed)
        {
            throw new InputFormatException("The two passphrases differ.", "Type the same passphrase twice.");
        }

        return typed;
    }

    /// <summary>The account named by <c>--account</c> (or the only one), opened with its passphrase.</summary>
    public UnlockedAccount UnlockAccount()
    {
        var keystore = Keystore;
        var entry = keystore.Find(AccountName);
        return keystore.Unlock(entry, Passphrase($"Passphrase of {entry.DisplayName}:", confirm: false));
    }

    public NetworkDeployment Deployment() => DeploymentFile.Read(DeploymentPath());

    /// <summary>The deployment file: <c>--deployment</c>, else <c>$OBSCURO_DEPLOYMENT</c>, else the devnet's here or above.</summary>
    public string DeploymentPath() =>
        _parse.GetValue(_options.Deployment) is { Length: > 0 } given
            ? Resolve(given)
            : Resolve(DeploymentFile.FindDefault(Environment.WorkingDirectory, Environment.GetVariable)
                ?? throw new NotReadyException(
                    $"No deployment file: none given, OBSCURO_DEPLOYMENT is not set, and there is no {DeploymentFile.DevnetRelativePath} in {Environment.WorkingDirectory} or above.",
                    "Start the devnet (./scripts/devnet.sh) and run obscuro inside the repository, or pass --deployment with the network's deployment file."));

    /// <summary>The library client for the deployment, with <c>--l1</c>, <c>--node</c>, <c>--node-id</c> and <c>--timeout</c> applied.</summary>
    public ObscuroClient Client()
    {
        if (_client is not null)
        {
            return _client;
        }

        var deploymentPath = DeploymentPath();
        var deployment = DeploymentFile.Read(deploymentPath);
        var node = ChooseNode(NodesFile.TryReadBeside(deploymentPath));
        if (_parse.GetValue(_options.NodeId) is { Length: > 0 } nodeId)
        {
            node = node with { Id = nodeId };
        }

        if (_parse.GetValue(_options.ClusterId) is { Length: > 0 } clusterId)
        {
            node = node with { ClusterId = clusterId };
        }

        if (_parse.GetValue(_options.ServiceId) is { Length: > 0 } serviceId)
        {
            node = node with { ServiceId = serviceId };
        }

        Uri? l1 = null;
        if (_parse.GetValue(_options.L1) is { Length: > 0 } l1Text && !Uri.TryCreate(l1Text, UriKind.Absolute, out l1))
        {
            throw new InputFormatException($"'{l1Text}' is not an L1 endpoint URL.", "Write it as a URL, e.g. http://127.0.0.1:8545.");
        }

        var wait = new WaitOptions();
        if (_parse.GetValue(_options.Timeout) is { } seconds)
        {
            if (seconds <= 0)
            {
                throw new InputFormatException($"--timeout {seconds} is not a positive number of seconds.", "Give the seconds to wait, e.g. --timeout 300.");
            }

            wait = wait with { InclusionTimeout = TimeSpan.FromSeconds(seconds), PayableTimeout = TimeSpan.FromSeconds(seconds) };
        }

        var options = new ClientOptions(deployment) { L1Rpc = l1, Node = node, Wait = wait };
        if (_parse.GetValue(_options.ConnectTimeout) is { } connect)
        {
            options = connect > 0
                ? options with { NodeConnectTimeout = TimeSpan.FromSeconds(connect), NodeCallRetryWindow = TimeSpan.FromSeconds(connect) }
                : throw new InputFormatException($"--connect-timeout {connect} is not a positive number of seconds.", "Give the seconds to keep trying, e.g. --connect-timeout 30.");
        }

        _client = ObscuroClient.Create(options, Environment.Http);
        return _client;
    }

    /// <summary>
    /// Runs a long wait with progress: a spinner in an interactive terminal, grey lines on stderr otherwise, nothing
    /// with <c>--json</c> (stdout carries only the result).
    /// </summary>
    public async Task<T> WithProgressAsync<T>(string initial, Func<IProgress<WaitStatus>, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (Output.IsJson)
        {
            return await work(new Progress<WaitStatus>()).ConfigureAwait(false);
        }

        if (Environment.Error.Profile.Capabilities.Interactive)
        {
            return await Environment.Error.Status().StartAsync(Markup.Escape(initial), async status =>
                await work(new InlineProgress(update => status.Status = Markup.Escape($"{update.Message} [{update.Elapsed.TotalSeconds:0}s]"))).ConfigureAwait(false)).ConfigureAwait(false);
        }

        Output.Progress(initial);
        string? last = null;
        return await work(new InlineProgress(update =>
        {
            // One line per change, not per poll: a log should show the stages, not every second.
            if (update.Message != last)
            {
                last = update.Message;
                Output.Progress(update.Message);
            }
        })).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// <c>--node</c> as gateways (<c>host:port,…</c>: the ids of the listed node with such a gateway, else the devnet
    /// defaults), as a node id from the devnet's <c>nodes.json</c>, or absent: the listing's first aggregator.
    /// </summary>
    private NodeEndpoint ChooseNode(IReadOnlyList<NodeListing>? listed)
    {
        var given = _parse.GetValue(_options.Node)?.Trim();
        if (string.IsNullOrEmpty(given))
        {
            return listed is null ? NodeEndpoint.DevnetDefault : NodesFile.Select(listed, null).ToEndpoint();
        }

        if (given.Contains(':', StringComparison.Ordinal) || given.Contains(',', StringComparison.Ordinal))
        {
            var gateways = GatewayAddress.ParseList(given);
            var known = listed?.FirstOrDefault(n => n.Gateways.Any(gateways.Contains));
            return (known?.ToEndpoint() ?? NodeEndpoint.DevnetDefault) with { Gateways = gateways };
        }

        return listed is not null
            ? NodesFile.Select(listed, given).ToEndpoint()
            : throw new InputFormatException(
                $"'{given}' is not a gateway address, and there is no running devnet ({NodesFile.FileName} beside the deployment file) to look it up as a node id.",
                "Give the node's gateways as host:port (e.g. 127.0.0.1:30000), or start the devnet (./scripts/devnet.sh) to pick its nodes by id.");
    }

    private string Resolve(string path) => Path.GetFullPath(path, Environment.WorkingDirectory);

    /// <summary>Reports synchronously, unlike <see cref="Progress{T}"/>, which posts to a thread-pool callback.</summary>
    private sealed class InlineProgress(Action<WaitStatus> report) : IProgress<WaitStatus>
    {
        public void Report(WaitStatus value) => report(value);
    }
}
