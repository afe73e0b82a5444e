namespace RetailRecs.Core.Common;

/// <summary>
/// What went wrong, in the words of the exception that says it when it is ours. Work spread over threads (<c>Parallel.For</c>) wraps
/// its failure in an <see cref="AggregateException"/> whose own message is "One or more errors occurred. (…)"; a
/// failed run's reason shows the inner messages instead, each once.
/// </summary>
public static class FailureText
{
    public static string Of(Exception e) => e is AggregateException all
        ? string.Join(" ", all.Flatten().InnerExceptions.Select(Describe).Distinct())
        : Describe(e);

    /// <summary>
    /// Our own messages are written for the reader. A library's or the runtime's ("Index was outside the bounds of the
    /// array.", a database error) are not, and may quote data: before 2026-12-07 they reached the Models, Segments and
    /// Jobs pages. They go to the log (each caller logs the exception), and the page says where to look.
    /// </summary>
    private static string Describe(Exception e) => e.Source?.StartsWith("RetailRecs", StringComparison.Ordinal) == true
        ? e.Message
        : $"an unexpected error ({e.GetType().Name}); the details are in the server log.";
}
