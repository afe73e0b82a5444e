using RetailRecs.Core.Common.Changes;
using RetailRecs.Core.Model;

namespace RetailRecs.Web.Components.Account;

/// <summary>
/// Tells every open page on this instance to check its session now, when a staff account's sessions ended here or on
/// another instance (locked, role changed, signed out elsewhere): the page closes within seconds instead of at its next
/// periodic check (IdentityRevalidatingAuthenticationStateProvider).
/// </summary>
internal sealed class OpenPageSessionChecks : IChangeListener
{
    /// <summary>Raised on the change feed's thread; each open page's state provider re-checks its own session.</summary>
    public event Action? Requested;

    public Task OnChangesAsync(IReadOnlyList<ChangeNotice> notices, bool fromThisInstance, CancellationToken ct)
    {
        if (notices.Any(n => n.Kind == ChangeKinds.Staff))
        {
            Requested?.Invoke();
        }
        return Task.CompletedTask;
    }
}
