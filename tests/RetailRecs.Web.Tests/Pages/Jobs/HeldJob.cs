using RetailRecs.Core.Common.Jobs;

namespace RetailRecs.Web.Tests.Pages.Jobs;

/// <summary>A compute job that reports a stage, then waits for the test to let it finish: "while it runs" without timing.</summary>
public sealed class HeldJob(string key, string startedBy, TaskCompletionSource gate, TaskCompletionSource? started = null, string stage = "Working") : Job
{
    public override string Kind => "test";
    public override string Key => key;
    public override string StartedBy => startedBy;

    public override async Task<string> RunAsync(JobContext context)
    {
        context.Report(stage, 0.5);
        started?.TrySetResult();
        await gate.Task.WaitAsync(context.Cancellation);
        return $"{key} done.";
    }
}
