using RetailRecs.Core.Model;

namespace RetailRecs.Core.Common.Changes;

/// <summary>
/// A part of the app that keeps something in memory (the champion, cached API keys, open pages) and must act when it
/// changes, here or on another instance. Registered in DI; <see cref="ChangeFeed"/> calls every listener with the notices.
/// </summary>
public interface IChangeListener
{
    /// <param name="notices">The notices, in the order they were written; only kinds the listener knows need acting on.</param>
    /// <param name="fromThisInstance">
    /// True when this instance published them (just after the change was committed): a listener whose service already acted
    /// on its own change ignores these.
    /// </param>
    Task OnChangesAsync(IReadOnlyList<ChangeNotice> notices, bool fromThisInstance, CancellationToken ct);
}
