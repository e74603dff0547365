using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Obscuro.Client.L1;
using Obscuro.Contracts.Bindings;
using Obscuro.Contracts.Deployment;
using Obscuro.Contracts.L1;
using Obscuro.Contracts.Rpc;
using Obscuro.Grains.Node;
using Obscuro.Protocol.Crypto;
using Obscuro.Protocol.Ethereum;
using Obscuro.Protocol.Ethereum.Transactions;
using Obscuro.Protocol.Transactions;
using Obscuro.Silo.Devnet;

namespace Obscuro.Benchmarks;

/// <summary>
/// A whole node on this machine: anvil with 1-second blocks, the contracts deployed by <see cref="DevnetL1"/>, one
/// genesis aggregator (a single silo with host and enclave roles and a simulated TEE) in this process, fed by
/// transfers that were signed and encrypted before any timed phase.
/// <list type="number">
/// <item>Funding: one L1 bridge deposit per sender account; the senders are funded once an in-process admission of
/// each sender's first transfer no longer says "insufficient funds".</item>
/// <item>Admission-only rate: L1 mining is paused (so no block arrives, nothing is ingested and nothing is published),
/// and a batch of transfers is submitted through the gateway (client → gateway → NodeApiGrain → MempoolGrain →
/// AdmissionGrain → mempool storage) with a fixed number of calls in flight: accepted transactions per second. The
/// same batch is then admitted again by calling AdmissionGrain directly in the silo (decrypt, recover, check; no
/// storage) for the workers' rate alone. Mining resumes and the batch drains.</item>
/// <item>End to end: the main batch is submitted through the gateway, never more than a window of submitted but not
/// yet included transactions outstanding. The node's included-transactions counter and head generation are polled
/// (in-process, every 100 ms) and the RollupPublished events give each generation's L1 block; the mempool is FIFO, so
/// the k-th included transaction of the phase is the k-th accepted submission. An L1 block's time is when the harness
/// first saw it (eth_blockNumber every 50 ms).</item>
/// </list>
/// Parameters come from the environment (see <see cref="NodeBenchmarkParameters"/>).
/// </summary>
internal static class NodeBenchmarks
{
    private const string Suite = "node";
    private const string NodeId = "bench-1";
    private const int OperatorAccount = 1;
    private const double Goal = 0.5;
    private static readonly UInt256 Ether = new(1_000_000_000_000_000_000UL);
    private static readonly UInt256 TransferValue = new(1_000_000_000UL);
    private static readonly int[] Funders = [4, 5, 6, 7, 8, 9];

    public static void Run(Report report) => RunAsync(report).GetAwaiter().GetResult();

    private static async Task RunAsync(Report report)
    {
        var p = NodeBenchmarkParameters.FromEnvironment();
        var total = Stopwatch.StartNew();
        Console.WriteLine($"node: {p}");
        Console.WriteLine($"node: {Environment.ProcessorCount} cores shared by anvil, the node's silo, its gateway client and the load generator (and whatever else runs on this machine)");

        var root = Directory.CreateTempSubdirectory("obscuro-bench-node-").FullName;
        using var http = new HttpClient();
        await using var anvil = await AnvilProcess.StartAsync(blockTime: 1, hardfork: "prague");
        var rpc = anvil.CreateClient(http);
        var deployment = await DevnetL1.DeployAsync(rpc, anvil.Endpoint, [1, 3, 6, 12, 24]);
        var deploymentFile = Path.Combine(root, "deployment.json");
        deployment.Save(deploymentFile);
        var dataDirectory = Directory.CreateDirectory(Path.Combine(root, "node")).FullName;
        var overrides = new Dictionary<string, string?>();
        if (p.MaxRollupTransactions is { } max)
        {
            overrides["Obscuro:Node:MaxRollupTransactions"] = max.ToString(CultureInfo.InvariantCulture);
            overrides["Obscuro:Enclave:MaxRollupTransactions"] = max.ToString(CultureInfo.InvariantCulture);
        }

        await using var node = await BenchNode.StartAsync(NodeId, OperatorAccount, dataDirectory, deploymentFile, overrides);
        Console.WriteLine($"node: logs in {dataDirectory}");
        await node.WaitForStatusAsync(s => s.Enclave is { Provisioned: true } && !s.HeadRollup.IsZero, TimeSpan.FromSeconds(180), "provisioned, with a rollup head");
        Console.WriteLine($"node: provisioned after {total.Elapsed.TotalSeconds:0.0} s");

        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var l1Head = new L1HeadTracker(rpc, clock);
        var status = new StatusTracker(node, clock);
        var trackers = Task.WhenAll(l1Head.RunAsync(stop.Token), status.RunAsync(stop.Token));
        try
        {
            await MeasureAsync(report, p, node, rpc, deployment, clock, l1Head, status);
        }
        finally
        {
            await stop.CancelAsync();
            await trackers;
        }

        Console.WriteLine($"node: whole suite took {total.Elapsed.TotalSeconds:0} s");
        if (Environment.GetEnvironmentVariable("OBSCURO_BENCH_NODE_KEEP") is { Length: > 0 })
        {
            return;
        }

        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // Log files still open; the temp folder is the OS's to clean.
        }
    }

    private static async Task MeasureAsync(
        Report report, NodeBenchmarkParameters p, BenchNode node, EthRpcClient rpc, NetworkDeployment deployment, Stopwatch clock, L1HeadTracker l1Head, StatusTracker status)
    {
        // ---- Senders, deposits, ciphertexts (untimed) ----
        var keys = Enumerable.Range(0, p.Senders).Select(i => Keccak256.Hash(Encoding.UTF8.GetBytes($"obscuro-bench-sender-{i}")).ToArray()).ToArray();
        var addresses = keys.Select(k => Secp256k1.DeriveAddress(k)).ToArray();
        var setup = Stopwatch.StartNew();
        var depositBlock = await DepositAsync(rpc, deployment, addresses);
        Console.WriteLine($"node: {p.Senders} deposits in L1 by block {depositBlock} ({setup.Elapsed.TotalSeconds:0.0} s)");

        var l1 = new L1Network(deployment, rpc);
        var networkKey = await l1.GetNetworkPublicKeyAsync();
        var feePerGas = await l1.GetL2FeePerGasAsync();
        var count = p.AdmissionTransactions + p.Transactions;
        var ciphertexts = new byte[count][];
        var associatedData = SubmissionFormat.TransactionAssociatedData(deployment.L2ChainId);
        setup.Restart();
        Parallel.For(0, count, j =>
        {
            // Round robin over the senders, so consecutive submissions are from different accounts and a sender's
            // nonces go up by one per round.
            var sender = j % p.Senders;
            var unsigned = new DynamicFeeTransaction(
                deployment.L2ChainId, (ulong)(j / p.Senders), UInt256.Zero, feePerGas, 21_000, addresses[(sender + 1) % p.Senders], TransferValue, ReadOnlyMemory<byte>.Empty, []);
            var raw = unsigned.Sign(keys[sender]).Encode();
            ciphertexts[j] = Ecies.Encrypt(networkKey, raw, associatedData, SystemRandomSource.Instance);
        });
        Console.WriteLine($"node: {count} transfers signed and encrypted in {setup.Elapsed.TotalSeconds:0.0} s (not measured)");

        setup.Restart();
        await WaitUntilFundedAsync(node, ciphertexts, p.Senders);
        Console.WriteLine($"node: all senders funded on L2 after {setup.Elapsed.TotalSeconds:0.0} s more");

        // ---- Admission only: no L1 blocks, so nothing is ingested and nothing published ----
        await rpc.RequestAsync("evm_setIntervalMining", [JsonValue.Create(0)]);
        var pausedAt = await rpc.GetBlockNumberAsync();
        await node.WaitForStatusAsync(s => s.Enclave?.LastIngested?.Number >= pausedAt, TimeSpan.FromSeconds(60), $"L1 block {pausedAt} ingested");
        await Task.Delay(1000); // the publication that block started takes its (empty) batch
        var includedBeforeAdmission = status.Included;
        var admissionBatch = ciphertexts[..p.AdmissionTransactions];
        var viaSilo = Environment.GetEnvironmentVariable("OBSCURO_BENCH_NODE_ADMISSION_VIA") == "silo";
        var gateway = await SubmitAsync(viaSilo ? node.SiloGrains.GetGrain<INodeApiGrain>(NodeId) : node.Api, admissionBatch, p.Concurrency);
        var gatewayRate = gateway.Accepted / gateway.Seconds;
        var admission = node.SiloGrains.GetGrain<IAdmissionGrain>(0);
        var workers = await AdmitDirectlyAsync(admission, admissionBatch, p.Concurrency);
        var workerRate = workers.Accepted / workers.Seconds;
        await rpc.RequestAsync("evm_setIntervalMining", [JsonValue.Create(1)]);
        var drainStart = clock.Elapsed.TotalSeconds;
        await WaitForIncludedAsync(status, includedBeforeAdmission + gateway.Accepted, TimeSpan.FromSeconds(120), "the admission batch drained");
        var drainSeconds = clock.Elapsed.TotalSeconds - drainStart;
        Console.WriteLine($"node: admission batch: {gateway.Accepted}/{admissionBatch.Length} accepted through the gateway in {gateway.Seconds:0.00} s{gateway.DescribeRejections()}; " +
            $"{workers.Accepted} accepted by AdmissionGrain directly in {workers.Seconds:0.00} s{workers.DescribeRejections()}; drained in {drainSeconds:0.0} s");
        Console.WriteLine($"node: admission-only rate per tenth of the batch (tx/s): {gateway.Profile}");

        // ---- End to end ----
        var includedBase = status.Included;
        var main = ciphertexts[p.AdmissionTransactions..];
        var run = await SubmitWindowedAsync(node.Api, main, p.Concurrency, p.Window, status, includedBase, l1Head, clock);
        Console.WriteLine($"node: main batch: {run.Accepted}/{main.Length} accepted in {run.LastSubmitAt - run.FirstSubmitAt:0.0} s{run.DescribeRejections()}");
        var allIncluded = await WaitForIncludedAsync(status, includedBase + run.Accepted, TimeSpan.FromSeconds(120), "the main batch included", throwOnTimeout: false);
        await Task.Delay(300); // one more status sample past the last step

        // ---- Analysis (after the run: nothing below loads the node) ----
        var published = await PublishedRollupsAsync(rpc, deployment.RollupManagement, pausedAt);
        var steps = status.Steps();
        var analysis = Analyse(run, steps, published, l1Head, includedBase);
        var maxPerRollup = p.MaxRollupTransactions ?? 1000;

        var details = await RollupCostsAsync(rpc, published, analysis.WindowGenerations);
        var blockGasLimit = (await rpc.GetBlockByNumberAsync(BlockTag.Latest))?.GasLimit ?? 0;
        var pendingMean = status.MeanPending(analysis.WindowStart, analysis.WindowEnd);

        Console.WriteLine();
        Console.WriteLine("node: definitions");
        Console.WriteLine("  sustained = transactions in the rollups of the steady-state window (from the first non-empty rollup of the main batch, exclusive,");
        Console.WriteLine("              to the last rollup whose L1 block appeared before the last submission) / time between those two L1 blocks.");
        Console.WriteLine("  admission-only = accepted submissions / s through the gateway (client → NodeApiGrain → MempoolGrain → AdmissionGrain → storage),");
        Console.WriteLine($"              {p.Concurrency} in flight, L1 mining paused so no block is ingested and nothing is published, in the same process and run.");
        Console.WriteLine("  latency = from the submit call to the first sight (50 ms polling) of the L1 block holding the rollup that included the transaction;");
        Console.WriteLine("            in blocks, that block's number minus the L1 head at submission. Inclusion per transaction: FIFO over the node's included counter.");
        Console.WriteLine();

        var ratio = analysis.Sustained / gatewayRate;
        report.Add(new Measurement(Suite, "sustained throughput, submission → L1 inclusion", analysis.Sustained, "tx/s",
            $"{analysis.WindowTransactions} tx in {analysis.WindowRollups} rollups over {analysis.WindowBlocks} L1 blocks ({analysis.WindowSeconds:0.0} s)"));
        report.Add(new Measurement(Suite, "admission-only rate (gateway, no L1 blocks)", gatewayRate, "tx/s", $"{gateway.Accepted} tx, {p.Concurrency} in flight"));
        report.Add(new Measurement(Suite, "ratio sustained / admission-only", ratio, "x", $"goal ≥ {Goal:0.0}: {(ratio >= Goal ? "MET" : "NOT MET")}"));
        report.Add(new Measurement(Suite, "admission workers alone (in-process AdmitAsync)", workerRate, "tx/s", "decrypt + recover + state checks + seal, no gateway or storage"));
        report.Add(new Measurement(Suite, "end to end, first submission → last inclusion", analysis.Overall, "tx/s", allIncluded ? "all accepted transactions included" : "NOT all included before the deadline"));
        report.Add(new Measurement(Suite, "backlog drain (admission batch, mining resumed)", gateway.Accepted / drainSeconds, "tx/s", $"{gateway.Accepted} tx in {drainSeconds:0.0} s"));
        report.Add(new Measurement(Suite, "latency p50, submission → rollup in L1 block", analysis.LatencySeconds.P50, "s", $"window {p.Window} outstanding"));
        report.Add(new Measurement(Suite, "latency p99, submission → rollup in L1 block", analysis.LatencySeconds.P99, "s", $"max {analysis.LatencySeconds.Max:0.0} s"));
        report.Add(new Measurement(Suite, "latency p50 in L1 blocks", analysis.LatencyBlocks.P50, "blocks"));
        report.Add(new Measurement(Suite, "latency p99 in L1 blocks", analysis.LatencyBlocks.P99, "blocks", $"max {analysis.LatencyBlocks.Max:0}"));
        report.Add(new Measurement(Suite, "transactions per rollup (window, mean)", analysis.MeanPerRollup, "tx", $"max {analysis.MaxPerRollup}, cap MaxRollupTransactions = {maxPerRollup}"));
        report.Add(new Measurement(Suite, "rollups with < 100 transactions (window)", analysis.SmallRollups, "rollups", $"of {analysis.WindowRollups}, while {pendingMean:0} were pending on average"));
        report.Add(new Measurement(Suite, "rollups per L1 block (window)", analysis.RollupsPerBlock, "rollups", $"{analysis.WindowRollups} in {analysis.WindowBlocks} blocks"));
        report.Add(new Measurement(Suite, "mempool pending (window, mean)", pendingMean, "tx"));
        if (details.Count > 0)
        {
            var gas = details.Average(d => (double)d.GasUsed);
            report.Add(new Measurement(Suite, "publishRollup gas (window, mean)", gas, "gas", blockGasLimit > 0 ? $"{100 * gas / blockGasLimit:0.0}% of the {blockGasLimit:N0} block gas limit" : null));
            report.Add(new Measurement(Suite, "publishRollup calldata (window, mean)", details.Average(d => (double)d.CalldataBytes), "bytes", $"max {details.Max(d => d.CalldataBytes):N0}"));
        }

        if (analysis.MultiGenerationSteps > 0 || analysis.Unmapped > 0)
        {
            Console.WriteLine($"node: {analysis.MultiGenerationSteps} counter steps spanned more than one rollup (their transactions are attributed to the later one); {analysis.Unmapped} transactions had no L1 block");
        }

        Console.WriteLine();
        foreach (var line in Diagnose(analysis, maxPerRollup, pendingMean, gatewayRate, run.Rejected))
        {
            Console.WriteLine($"node: bottleneck: {line}");
        }
    }

    private static IEnumerable<string> Diagnose(RunAnalysis a, int maxPerRollup, double pendingMean, double admissionRate, int rejected)
    {
        if (a.WindowRollups == 0)
        {
            yield return "no steady-state window (too few rollups): raise OBSCURO_BENCH_NODE_TXS.";
            yield break;
        }

        var blockSeconds = a.WindowSeconds / Math.Max(1, a.WindowBlocks);
        var perRollupCeiling = maxPerRollup * a.RollupsPerBlock / blockSeconds;
        if (a.MeanPerRollup >= 0.9 * maxPerRollup)
        {
            yield return $"rollups are full: {a.MeanPerRollup:0} of at most {maxPerRollup} transactions (MaxRollupTransactions); at {a.RollupsPerBlock:0.00} rollups per L1 block of {blockSeconds:0.00} s that caps throughput at {perRollupCeiling:0} tx/s.";
        }
        else if (pendingMean >= maxPerRollup)
        {
            yield return $"rollups are not full ({a.MeanPerRollup:0} of {maxPerRollup}) although {pendingMean:0} transactions were pending on average: rollup production itself (build, sign, publish) is the limit.";
        }
        else
        {
            yield return $"rollups hold {a.MeanPerRollup:0} of {maxPerRollup} with {pendingMean:0} pending on average: the node is not fed faster than it includes (admission or the window limits).";
        }

        if (a.SmallRollups > 0 && pendingMean >= maxPerRollup)
        {
            yield return $"{a.SmallRollups} of {a.WindowRollups} rollups in the window held fewer than 100 transactions while {pendingMean:0} were pending: a candidate built from a mempool snapshot that still holds the parent's transactions spends its slice on them (see the README's node suite notes).";
        }

        if (a.RollupsPerBlock < 0.9)
        {
            yield return $"{a.RollupsPerBlock:0.00} rollups per L1 block: one rollup is published per parent, and the next is built only after the parent's L1 block has been ingested, so a slow ingest or build skips blocks.";
        }

        if (rejected > 0)
        {
            yield return $"{rejected} submissions were rejected (see above); latency per transaction assumes none were.";
        }

        if (a.Sustained < Goal * admissionRate && a.MeanPerRollup >= 0.9 * maxPerRollup)
        {
            yield return $"to reach the goal the node would need ≥ {Goal * admissionRate:0} tx/s, i.e. ≥ {Goal * admissionRate * blockSeconds / Math.Max(0.01, a.RollupsPerBlock):0} transactions per rollup at this rollup rate.";
        }
    }

    // ---- Load ----

    private static async Task<ulong> DepositAsync(EthRpcClient rpc, NetworkDeployment deployment, Address[] recipients)
    {
        var senders = Funders.Select(account => new L1Sender(rpc, DevnetAccounts.PrivateKey(account))).ToArray();
        try
        {
            var bridge = new BridgeContract(deployment.Bridge, rpc);
            using var gate = new SemaphoreSlim(64);
            var results = await Task.WhenAll(recipients.Select(async (recipient, i) =>
            {
                await gate.WaitAsync();
                try
                {
                    return await bridge.WithSender(senders[i % senders.Length]).DepositEthAsync(recipient, Ether);
                }
                finally
                {
                    gate.Release();
                }
            }));
            return results.Max(r => r.Receipt.BlockNumber);
        }
        finally
        {
            foreach (var sender in senders) sender.Dispose();
        }
    }

    /// <summary>Each sender's first transfer (nonce 0) is admitted in the silo until none is refused for lack of funds.</summary>
    private static async Task WaitUntilFundedAsync(BenchNode node, byte[][] ciphertexts, int senders)
    {
        var admission = node.SiloGrains.GetGrain<IAdmissionGrain>(0);
        var unfunded = Enumerable.Range(0, senders).ToList();
        var deadline = Stopwatch.StartNew();
        while (unfunded.Count > 0)
        {
            var verdicts = await Task.WhenAll(unfunded.Select(s => admission.AdmitAsync(NodeId, ciphertexts[s])));
            if (verdicts.FirstOrDefault(v => !v.Accepted && v.Reason != (byte)TransactionRejection.InsufficientFunds) is { } other)
            {
                throw new InvalidOperationException($"A funding probe was refused: {(TransactionRejection)other.Reason}: {other.Message}");
            }

            unfunded = unfunded.Where((_, k) => !verdicts[k].Accepted).ToList();
            if (unfunded.Count > 0)
            {
                if (deadline.Elapsed > TimeSpan.FromSeconds(90)) throw new TimeoutException($"{unfunded.Count} senders are still unfunded on L2 after 90 s.");
                await Task.Delay(250);
            }
        }
    }

    private static async Task<BatchResult> SubmitAsync(INodeApiGrain api, byte[][] batch, int concurrency)
    {
        var result = new BatchResult();
        var next = -1;
        var done = -1;
        var completedAt = new double[batch.Length];
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < batch.Length)
            {
                var answer = await api.SubmitTransactionAsync(batch[i]);
                completedAt[Interlocked.Increment(ref done)] = watch.Elapsed.TotalSeconds;
                result.Record(answer.Accepted, answer.Reason, answer.Message);
            }
        }));
        result.Seconds = watch.Elapsed.TotalSeconds;
        result.Profile = Profile(completedAt);
        return result;
    }

    /// <summary>Rate per tenth of a batch, to show whether it changes as the mempool fills.</summary>
    private static string Profile(double[] completedAt)
    {
        var parts = new List<string>();
        var chunk = Math.Max(1, completedAt.Length / 10);
        for (var start = 0; start + chunk <= completedAt.Length; start += chunk)
        {
            var begin = start == 0 ? 0 : completedAt[start - 1];
            parts.Add((chunk / Math.Max(1e-6, completedAt[start + chunk - 1] - begin)).ToString("0", CultureInfo.InvariantCulture));
        }

        return string.Join(" ", parts);
    }

    private static async Task<BatchResult> AdmitDirectlyAsync(IAdmissionGrain admission, byte[][] batch, int concurrency)
    {
        var result = new BatchResult();
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < batch.Length)
            {
                var verdict = await admission.AdmitAsync(NodeId, batch[i]);
                result.Record(verdict.Accepted, verdict.Reason, verdict.Message);
            }
        }));
        result.Seconds = watch.Elapsed.TotalSeconds;
        return result;
    }

    /// <summary>Submits in order with at most <paramref name="window"/> submitted transactions not yet included.</summary>
    private static async Task<WindowedRun> SubmitWindowedAsync(
        INodeApiGrain api, byte[][] batch, int concurrency, int window, StatusTracker status, long includedBase, L1HeadTracker l1Head, Stopwatch clock)
    {
        var run = new WindowedRun(batch.Length);
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < batch.Length)
            {
                while (i - (status.Included - includedBase) >= window)
                {
                    await Task.Delay(5);
                }

                run.SubmittedAt[i] = clock.Elapsed.TotalSeconds;
                run.SubmittedAtBlock[i] = l1Head.Head;
                var answer = await api.SubmitTransactionAsync(batch[i]);
                run.AcceptedFlags[i] = answer.Accepted;
                run.Record(answer.Accepted, answer.Reason, answer.Message);
            }
        }));
        run.FirstSubmitAt = run.SubmittedAt.Length > 0 ? run.SubmittedAt.Min() : 0;
        run.LastSubmitAt = run.SubmittedAt.Length > 0 ? run.SubmittedAt.Max() : 0;
        return run;
    }

    private static async Task<bool> WaitForIncludedAsync(StatusTracker status, long target, TimeSpan timeout, string what, bool throwOnTimeout = true)
    {
        var deadline = Stopwatch.StartNew();
        while (status.Included < target)
        {
            if (deadline.Elapsed > timeout)
            {
                if (throwOnTimeout) throw new TimeoutException($"Not reached in {timeout}: {what} ({status.Included} of {target} included).");
                Console.WriteLine($"node: not reached in {timeout}: {what} ({status.Included} of {target} included)");
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }

    // ---- L1 records (read after the run) ----

    private static async Task<Dictionary<ulong, RollupPublishedEvent>> PublishedRollupsAsync(EthRpcClient rpc, Address rollupManagement, ulong from)
    {
        var contract = new RollupManagementContract(rollupManagement, rpc);
        var topic = RollupManagementContract.Abi.GetEvent("RollupPublished").Topic0;
        var head = await rpc.GetBlockNumberAsync();
        var logs = await rpc.GetLogsAsync(LogFilter.ForRange(BlockTag.At(from), BlockTag.At(head)).WithAddresses(rollupManagement).WithTopics([topic]));
        var byGeneration = new Dictionary<ulong, RollupPublishedEvent>();
        foreach (var log in logs.Where(l => !l.Removed))
        {
            var published = contract.DecodeRollupPublished(log);
            byGeneration[published.Generation] = published;
        }

        return byGeneration;
    }

    private static async Task<List<RollupCost>> RollupCostsAsync(EthRpcClient rpc, Dictionary<ulong, RollupPublishedEvent> published, IReadOnlyList<ulong> generations)
    {
        var costs = new List<RollupCost>();
        foreach (var generation in generations)
        {
            if (!published.TryGetValue(generation, out var rollup) || rollup.Origin.TransactionHash is not { } hash) continue;
            var receipt = await rpc.GetTransactionReceiptAsync(hash);
            var transaction = await rpc.GetTransactionByHashAsync(hash);
            if (receipt is null || transaction is null) continue;
            costs.Add(new RollupCost(receipt.GasUsed, transaction.Input.Length));
        }

        return costs;
    }

    // ---- Analysis ----

    private static RunAnalysis Analyse(WindowedRun run, IReadOnlyList<CounterStep> steps, Dictionary<ulong, RollupPublishedEvent> published, L1HeadTracker l1Head, long includedBase)
    {
        ulong? BlockOf(ulong generation) => published.TryGetValue(generation, out var e) ? e.Origin.BlockNumber : null;

        // Rollups of the main batch: the counter steps at or past the phase's base, with their L1 blocks.
        var rollups = steps
            .Where(s => s.To > includedBase)
            .GroupBy(s => s.Generation)
            .Select(g => (Generation: g.Key, Count: g.Sum(s => s.To - Math.Max(s.From, includedBase)), Block: BlockOf(g.Key)))
            .Where(r => r.Block is not null)
            .Select(r => (r.Generation, r.Count, Block: r.Block!.Value, Seen: l1Head.SeenAt(r.Block!.Value)))
            .OrderBy(r => r.Generation)
            .ToList();

        // Latency: the k-th accepted submission is the k-th transaction included in the phase.
        var secondsList = new List<double>();
        var blocksList = new List<double>();
        var unmapped = 0;
        var ordinal = includedBase - 1;
        var stepIndex = 0;
        for (var i = 0; i < run.SubmittedAt.Length; i++)
        {
            if (!run.AcceptedFlags[i]) continue;
            ordinal++;
            while (stepIndex < steps.Count && steps[stepIndex].To <= ordinal) stepIndex++;
            if (stepIndex >= steps.Count || steps[stepIndex].From > ordinal || BlockOf(steps[stepIndex].Generation) is not { } block)
            {
                unmapped++;
                continue;
            }

            secondsList.Add(l1Head.SeenAt(block) - run.SubmittedAt[i]);
            blocksList.Add(block - (double)run.SubmittedAtBlock[i]);
        }

        var analysis = new RunAnalysis
        {
            LatencySeconds = Percentiles.Of(secondsList),
            LatencyBlocks = Percentiles.Of(blocksList),
            Unmapped = unmapped,
            MultiGenerationSteps = steps.Count(s => s.To > includedBase && s.Spanned > 1),
        };

        var nonEmpty = rollups.Where(r => r.Count > 0).ToList();
        if (nonEmpty.Count > 0)
        {
            var last = nonEmpty[^1];
            analysis.Overall = nonEmpty.Sum(r => r.Count) / Math.Max(0.001, last.Seen - run.FirstSubmitAt);
        }

        var first = nonEmpty.Count > 0 ? nonEmpty[0] : default;
        var window = rollups.Where(r => nonEmpty.Count > 0 && r.Generation > first.Generation && r.Seen <= run.LastSubmitAt).ToList();
        if (window.Count > 0)
        {
            var end = window[^1];
            analysis.WindowTransactions = window.Sum(r => r.Count);
            analysis.WindowRollups = (int)(end.Generation - first.Generation);
            analysis.WindowBlocks = (int)(end.Block - first.Block);
            analysis.WindowStart = first.Seen;
            analysis.WindowEnd = end.Seen;
            analysis.WindowSeconds = end.Seen - first.Seen;
            analysis.Sustained = analysis.WindowTransactions / Math.Max(0.001, analysis.WindowSeconds);
            analysis.MeanPerRollup = analysis.WindowTransactions / (double)Math.Max(1, analysis.WindowRollups);
            analysis.MaxPerRollup = window.Max(r => r.Count);
            analysis.RollupsPerBlock = analysis.WindowRollups / (double)Math.Max(1, analysis.WindowBlocks);
            analysis.WindowGenerations = window.Select(r => r.Generation).ToList();
            analysis.SmallRollups = analysis.WindowRollups - window.Count(r => r.Count >= 100);
        }

        return analysis;
    }

    // ---- Helpers ----

    private class BatchResult
    {
        private readonly ConcurrentDictionary<string, int> _rejections = new();
        private int _accepted;
        private int _rejected;

        public int Accepted => _accepted;

        public int Rejected => _rejected;

        public double Seconds { get; set; }

        public string Profile { get; set; } = string.Empty;

        public void Record(bool accepted, byte reason, string message)
        {
            if (accepted)
            {
                Interlocked.Increment(ref _accepted);
                return;
            }

            Interlocked.Increment(ref _rejected);
            _rejections.AddOrUpdate($"{reason}: {message}", 1, (_, n) => n + 1);
        }

        public string DescribeRejections() =>
            _rejected == 0 ? string.Empty : $" ({_rejected} rejected: {string.Join("; ", _rejections.OrderByDescending(r => r.Value).Take(3).Select(r => $"{r.Value}× {r.Key}"))})";
    }

    private sealed class WindowedRun(int count) : BatchResult
    {
        public double[] SubmittedAt { get; } = new double[count];

        public ulong[] SubmittedAtBlock { get; } = new ulong[count];

        public bool[] AcceptedFlags { get; } = new bool[count];

        public double FirstSubmitAt { get; set; }

        public double LastSubmitAt { get; set; }
    }

    private sealed record RollupCost(ulong GasUsed, int CalldataBytes);

    private sealed class RunAnalysis
    {
        public double Sustained { get; set; }

        public double Overall { get; set; }

        public long WindowTransactions { get; set; }

        public int WindowRollups { get; set; }

        public int WindowBlocks { get; set; }

        public double WindowStart { get; set; }

        public double WindowEnd { get; set; }

        public double WindowSeconds { get; set; }

        public double MeanPerRollup { get; set; }

        public long MaxPerRollup { get; set; }

        public double RollupsPerBlock { get; set; }

        public IReadOnlyList<ulong> WindowGenerations { get; set; } = [];

        public Percentiles LatencySeconds { get; set; } = Percentiles.Empty;

        public Percentiles LatencyBlocks { get; set; } = Percentiles.Empty;

        public int Unmapped { get; set; }

        public int SmallRollups { get; set; }

        public int MultiGenerationSteps { get; set; }
    }

    private sealed record Percentiles(double P50, double P99, double Max)
    {
        public static Percentiles Empty { get; } = new(double.NaN, double.NaN, double.NaN);

        public static Percentiles Of(List<double> values)
        {
            if (values.Count == 0) return Empty;
            values.Sort();
            double At(double q) => values[(int)Math.Round(q * (values.Count - 1))];
            return new Percentiles(At(0.50), At(0.99), values[^1]);
        }
    }
}

/// <summary>One rise of the node's included-transactions counter, seen between two status polls.</summary>
internal sealed record CounterStep(long From, long To, ulong Generation, ulong Spanned, double At);

/// <summary>The L1 head, polled every 50 ms; remembers when each block number was first seen.</summary>
internal sealed class L1HeadTracker(EthRpcClient rpc, Stopwatch clock)
{
    private readonly ConcurrentDictionary<ulong, double> _seen = new();
    private long _head;

    public ulong Head => (ulong)Interlocked.Read(ref _head);

    public double SeenAt(ulong block) => _seen.TryGetValue(block, out var at) ? at : double.NaN;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var head = await rpc.GetBlockNumberAsync(cancellationToken);
                var now = clock.Elapsed.TotalSeconds;
                var known = Head;
                for (var n = known == 0 ? head : known + 1; n <= head; n++) _seen.TryAdd(n, now);
                if (head > known) Interlocked.Exchange(ref _head, (long)head);
                await Task.Delay(50, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e) when (e is L1UnavailableException or RpcException or RpcProtocolException)
            {
                // Keep polling.
            }
        }
    }
}

/// <summary>The node's status, polled in the silo every 100 ms: included counter, head generation, pending.</summary>
internal sealed class StatusTracker(BenchNode node, Stopwatch clock)
{
    private readonly List<(double At, long Included, ulong Generation, int Pending)> _samples = [];
    private long _included;

    public long Included => Interlocked.Read(ref _included);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var api = node.SiloGrains.GetGrain<INodeApiGrain>(node.Spec.NodeId);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var status = await api.GetStatusAsync();
                lock (_samples) _samples.Add((clock.Elapsed.TotalSeconds, status.IncludedTransactions, status.HeadGeneration, status.PendingTransactions));
                Interlocked.Exchange(ref _included, status.IncludedTransactions);
                await Task.Delay(100, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e) when (e is OrleansException or TimeoutException)
            {
                // Keep polling.
            }
        }
    }

    public IReadOnlyList<CounterStep> Steps()
    {
        lock (_samples)
        {
            var steps = new List<CounterStep>();
            for (var i = 1; i < _samples.Count; i++)
            {
                var (previous, current) = (_samples[i - 1], _samples[i]);
                if (current.Included > previous.Included)
                {
                    steps.Add(new CounterStep(previous.Included, current.Included, current.Generation, current.Generation - previous.Generation, current.At));
                }
            }

            return steps;
        }
    }

    public double MeanPending(double from, double to)
    {
        lock (_samples)
        {
            var window = _samples.Where(s => s.At >= from && s.At <= to).ToList();
            return window.Count == 0 ? double.NaN : window.Average(s => s.Pending);
        }
    }
}

/// <summary>Parameters of the node suite, from the environment.</summary>
internal sealed record NodeBenchmarkParameters(int Senders, int Transactions, int AdmissionTransactions, int Window, int Concurrency, int? MaxRollupTransactions)
{
    public static NodeBenchmarkParameters FromEnvironment()
    {
        var p = new NodeBenchmarkParameters(
            Senders: Read("OBSCURO_BENCH_NODE_SENDERS") ?? 256,
            Transactions: Read("OBSCURO_BENCH_NODE_TXS") ?? 12_000,
            AdmissionTransactions: Read("OBSCURO_BENCH_NODE_ADMISSION_TXS") ?? 3_000,
            Window: Read("OBSCURO_BENCH_NODE_WINDOW") ?? 2_000,
            Concurrency: Read("OBSCURO_BENCH_NODE_CONCURRENCY") ?? 64,
            MaxRollupTransactions: Read("OBSCURO_BENCH_NODE_MAX_ROLLUP"));
        if (p.Senders < 1 || p.Transactions < 1 || p.AdmissionTransactions < 1 || p.Window < 1 || p.Concurrency < 1)
        {
            throw new ArgumentException($"Every node-suite parameter must be positive: {p}.");
        }

        // Admission refuses a nonce more than TransactionAdmission.MaxNonceGap ahead of the account's L1-included nonce.
        var perSender = (int)TransactionAdmission.MaxNonceGap - 4;
        if (p.AdmissionTransactions > perSender * p.Senders || p.Window > perSender * p.Senders)
        {
            throw new ArgumentException($"With {p.Senders} senders, the admission batch and the window may hold at most {perSender * p.Senders} transactions (nonce gap {TransactionAdmission.MaxNonceGap}); raise OBSCURO_BENCH_NODE_SENDERS.");
        }

        return p;
    }

    public override string ToString() =>
        $"{Senders} senders (OBSCURO_BENCH_NODE_SENDERS), {Transactions} transfers (…_TXS), admission batch {AdmissionTransactions} (…_ADMISSION_TXS), " +
        $"window {Window} outstanding (…_WINDOW), {Concurrency} calls in flight (…_CONCURRENCY), MaxRollupTransactions {MaxRollupTransactions?.ToString(CultureInfo.InvariantCulture) ?? "node default"} (…_MAX_ROLLUP)";

    private static int? Read(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } text ? int.Parse(text, CultureInfo.InvariantCulture) : null;
}
