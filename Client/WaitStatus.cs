namespace Obscuro.Client;

/// <summary>Progress of a wait (for L1 inclusion, for payability), for a spinner or a log line.</summary>
/// <param name="Message">What is being waited for and where it stands, in words.</param>
/// <param name="Elapsed">Time since the wait started.</param>
public sealed record WaitStatus(string Message, TimeSpan Elapsed);
