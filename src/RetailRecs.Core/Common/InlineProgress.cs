namespace RetailRecs.Core.Common;

/// <summary>An <see cref="IProgress{T}"/> that reports on the caller's thread at once (Progress&lt;T&gt; posts to a context pages and workers lack).</summary>
public sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
