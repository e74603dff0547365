namespace Obscuro.Silo.Tee.Azure;

/// <summary>An HCL report from vTPM NV index 0x01400001 was refused; <see cref="Problem"/> says why.</summary>
public sealed class HclReportException : Exception
{
    public HclReportException()
        : this(HclReportProblem.Truncated, "The HCL report was refused.")
    {
    }

    public HclReportException(string message)
        : this(HclReportProblem.BadRuntimeData, message)
    {
    }

    public HclReportException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problem = HclReportProblem.BadRuntimeData;
    }

    public HclReportException(HclReportProblem problem, string message)
        : base($"HCL report refused ({problem}): {message}")
    {
        Problem = problem;
    }

    public HclReportException(HclReportProblem problem, string message, Exception innerException)
        : base($"HCL report refused ({problem}): {message}", innerException)
    {
        Problem = problem;
    }

    public HclReportProblem Problem { get; }
}
