namespace RetailRecs.Web.Components.Pages.Customers;

/// <summary>
/// The visits open at this instance's counters, shared by every circuit: the associate's card and the screen turned to
/// the customer (the same tab after "Show to customer", or another window: another circuit) read and change one visit,
/// and each is told of the other's changes at once. The card also keeps its visit in the tab's session storage, so a
/// visit outlives a reload and a restart; here it lives while a card holds it, until the visit ends or lies idle for
/// <see cref="IdleLimit"/>.
/// A visit is found only by its random id, for the customer and the member of staff who opened it: a customer screen
/// cannot be pointed at another customer, or at a visit it was not opened from. In-process, like the circuits
/// themselves: with several instances, both screens must reach the same one (the sticky sessions Blazor Server needs).
/// </summary>
public sealed class CounterVisits(TimeProvider time)
{
    /// <summary>A visit untouched this long is let go (a tab closed without "End visit").</summary>
    public static readonly TimeSpan IdleLimit = TimeSpan.FromHours(12);

    /// <param name="BasketsShown">The baskets whose "goes with the basket" list was recorded as shown in this visit.</param>
    private sealed record Entry(CounterVisit Visit, string? StaffUserId, DateTimeOffset Touched, IReadOnlySet<string> BasketsShown);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _visits = new(StringComparer.Ordinal);

    /// <summary>Raised after a visit changed (on the thread that changed it): handlers switch to their own circuit.</summary>
    public event Action<VisitChange>? Changed;

    public int Count
    {
        get { lock (_gate) { return _visits.Count; } }
    }

    /// <summary>
    /// The card's visit, from now on shared. When the instance already holds it (the card reloaded, or came back from the
    /// customer's screen), the visit as held here, with what the card added meanwhile: the customer may have added since.
    /// Null when the id is held for another customer or member of staff: the card starts a visit of its own.
    /// </summary>
    public CounterVisit? Attach(CounterVisit visit, string? staffUserId)
    {
        if (visit.VisitId.Length == 0)
        {
            return null;
        }
        var now = time.GetUtcNow();
        lock (_gate)
        {
            foreach (var idle in _visits.Where(v => now - v.Value.Touched > IdleLimit).Select(v => v.Key).ToList())
            {
                _visits.Remove(idle);
            }
            if (_visits.TryGetValue(visit.VisitId, out var held))
            {
                if (held.Visit.CustomerId != visit.CustomerId || held.StaffUserId != staffUserId)
                {
                    return null;
                }
                visit = visit.Merge(held.Visit); // the held visit's marks are the newer ones
            }
            _visits[visit.VisitId] = new Entry(visit, staffUserId, now, held?.BasketsShown ?? new HashSet<string>());
            return visit;
        }
    }

    /// <summary>The visit of this id, if it is this customer's and was opened by this member of staff; else null.</summary>
    public CounterVisit? Find(string? visitId, int customerId, string? staffUserId)
    {
        lock (_gate)
        {
            return visitId is not null && _visits.TryGetValue(visitId, out var held)
                   && held.Visit.CustomerId == customerId && held.StaffUserId == staffUserId
                   && time.GetUtcNow() - held.Touched <= IdleLimit
                ? held.Visit
                : null;
        }
    }

    /// <summary>
    /// Changes a held visit at once for every screen. <paramref name="change"/> returns null when there is nothing to do
    /// (the product is already in the basket): the check and the change are one step, so an action tapped twice, or on
    /// two screens, happens once.
    /// </summary>
    /// <param name="fromCustomer">What the customer did on their screen, in words for the associate; null for the card's own changes.</param>
    /// <returns>The changed visit, or null when nothing changed (or the visit is not held).</returns>
    public CounterVisit? Change(string visitId, Func<CounterVisit, CounterVisit?> change, string? fromCustomer = null)
    {
        CounterVisit changed;
        lock (_gate)
        {
            if (!_visits.TryGetValue(visitId, out var held) || change(held.Visit) is not { } next)
            {
                return null;
            }
            changed = next;
            _visits[visitId] = held with { Visit = changed, Touched = time.GetUtcNow() };
        }
        Changed?.Invoke(new VisitChange(visitId, changed, fromCustomer));
        return changed;
    }

    /// <summary>
    /// Whether the list of what goes with this basket is shown for the first time in the visit: true once per basket
    /// content, so the card and the customer's screen (or a re-render, a reload) showing it again record it once.
    /// True when the visit is not held here: nothing can say it was shown before.
    /// </summary>
    public bool FirstShowingFor(string? visitId, IEnumerable<int> basketProductIds)
    {
        var basket = string.Join(',', basketProductIds.Order());
        lock (_gate)
        {
            if (visitId is null || !_visits.TryGetValue(visitId, out var held))
            {
                return true;
            }
            if (held.BasketsShown.Contains(basket))
            {
                return false;
            }
            _visits[visitId] = held with { BasketsShown = new HashSet<string>(held.BasketsShown) { basket } };
            return true;
        }
    }

    /// <summary>Tells the associate's card what the customer is looking at, without changing the visit.</summary>
    public void Tell(string visitId, string fromCustomer)
    {
        CounterVisit visit;
        lock (_gate)
        {
            if (!_visits.TryGetValue(visitId, out var held))
            {
                return;
            }
            visit = held.Visit;
        }
        Changed?.Invoke(new VisitChange(visitId, visit, fromCustomer));
    }

    /// <summary>The visit is over (ended, or another customer came to the counter): its customer screen shows nothing more.</summary>
    public void End(string visitId)
    {
        bool ended;
        lock (_gate)
        {
            ended = _visits.Remove(visitId);
        }
        if (ended)
        {
            Changed?.Invoke(new VisitChange(visitId, null, null));
        }
    }
}

/// <summary>A visit changed on one screen. <paramref name="Visit"/> is null when the visit ended.</summary>
/// <param name="FromCustomer">What the customer did on their screen, for the associate; null for the card's own changes.</param>
public sealed record VisitChange(string VisitId, CounterVisit? Visit, string? FromCustomer);
