namespace RetailRecs.Core.Common;

/// <summary>
/// What went wrong, in the words of the exception that says it. Work spread over threads (<c>Parallel.For</c>) wraps
/// its failure in an <see cref="AggregateException"/> whose own message is "One or more errors occurred. (…)"; a
/// failed run's reason shows the inner messages instead, each once.
/// </summary>
public static class FailureText
{
    public static string Of(Exception e) => e is AggregateException all
        ? string.Join(" ", all.Flatten().InnerExceptions.Select(i => i.Message).Distinct())
        : e.Message;
}
