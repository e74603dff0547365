using Obscuro.Cli;

// Ctrl-C cancels the running command (exit code 130) instead of killing the process mid-write.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
return await CliApp.RunAsync(args, CliEnvironment.System(), cancel.Token).ConfigureAwait(false);
