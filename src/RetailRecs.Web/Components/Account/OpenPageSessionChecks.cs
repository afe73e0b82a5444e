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
    /// <summary>
    /// Raised on the change feed's thread with the subjects (<see cref="ChangeKinds.StaffSubject"/>) of the users whose
    /// sessions ended; each open page's state provider re-checks its own session if its user is among them.
    /// </summary>
    public event Action<IReadOnlySet<int>>? Requested;

    public Task OnChangesAsync(IReadOnlyList<ChangeNotice> notices, bool fromThisInstance, CancellationToken ct)
    {
        var users = notices.Where(n => n.Kind == ChangeKinds.Staff).Select(n => n.SubjectId).ToHashSet();
        if (users.Count > 0)
        {
            Requested?.Invoke(users);
        }
        return Task.CompletedTask;
    }
}
