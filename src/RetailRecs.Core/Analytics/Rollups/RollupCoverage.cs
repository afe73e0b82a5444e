using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Analytics.Rollups;

/// <summary>
/// Which days of a dashboard period the rollups answer, and which the orders must: a month with a dirty mark (changed
/// since its refresh) is read from the orders, and so is every day of a view filtered by customers (country, segment),
/// which the rollups do not keep. The answer is therefore always the orders' answer, however late the refresh.
/// </summary>
internal sealed class RollupCoverage
{
    private readonly HashSet<DateOnly> _dirty;
    private readonly bool _byCustomer;
    private readonly SaleDays? _saleDays;
    private readonly HashSet<RollupLabel> _changedLabels;

    private RollupCoverage(HashSet<DateOnly> dirty, bool byCustomer, bool anyDirty, SaleDays? saleDays, HashSet<RollupLabel> changedLabels)
    {
        _dirty = dirty;
        _byCustomer = byCustomer;
        AnyDirty = anyDirty;
        _saleDays = saleDays;
        _changedLabels = changedLabels;
    }

    /// <summary>
    /// True when the label's rollup (categories, countries) agrees with the catalog and the customers: no change since
    /// its rows were written, and no customer filter. Its days are then read from it where <see cref="Days"/> says rolled.
    /// </summary>
    public bool LabelRolled(RollupLabel label) => !_byCustomer && !_changedLabels.Contains(label);

    /// <summary>True when every day of the period is answered by the rollups (no dirty month, no customer filter).</summary>
    public bool AllRolled(DateOnly from, DateOnly to) => Days(from, to).All(r => r.Rolled);

    /// <summary>True when some month (of any period) is dirty: figures that depend on every month (first purchases) read the orders.</summary>
    public bool AnyDirty { get; }

    /// <summary>True when the rollups can answer for customers' first months: nothing dirty, no customer filter.</summary>
    public bool CustomerHistoryRolled => !AnyDirty && !_byCustomer;

    /// <summary>
    /// The dirty months, and the days with sales (in the view's store) of every month the view and the previous period
    /// touch: a partial first or last month whose other days have no sale (the month a view ending today is in, a
    /// history's last month) is then read from the monthly rollups as a whole month. A few hundred day rows at most.
    /// </summary>
    public static async Task<RollupCoverage> ReadAsync(RetailDbContext db, DashboardFilter filter, CancellationToken ct)
    {
        // A month with pending sales (PendingSales) is not in the rollups yet either.
        var dirty = await db.RollupDirtyMonths.Select(m => m.Month).Distinct()
            .Concat(db.RollupPendingOrders.Select(p => p.Month).Distinct()).ToListAsync(ct);
        if (filter.ByCustomer)
        {
            return For(dirty, byCustomer: true);
        }
        var labels = await db.RollupLabelChanges.Select(m => m.Label).Distinct().ToListAsync(ct);
        var from = SalesRollup.MonthOf(filter.Previous().From);
        var next = SalesRollup.MonthOf(filter.To).AddMonths(1);
        var rows = db.OrderDaySales.Where(r => !r.IsCancellation && r.Orders > 0 && r.Day >= from && r.Day < next);
        if (filter.StoreId is { } store)
        {
            rows = rows.Where(r => r.StoreKey == store);
        }
        var days = await rows.Select(r => r.Day).Distinct().ToListAsync(ct);
        return For(dirty, byCustomer: false, new SaleDays(from, next.AddDays(-1), days), labels);
    }

    /// <param name="saleDays">The days with sales in a range of whole months, or null: then only months wholly inside a period are rolled.</param>
    /// <param name="changedLabels">Labels changed since their rollup rows were written.</param>
    internal static RollupCoverage For(IEnumerable<DateOnly> dirtyMonths, bool byCustomer, SaleDays? saleDays = null,
        IEnumerable<RollupLabel>? changedLabels = null)
    {
        var dirty = dirtyMonths.ToHashSet();
        return new RollupCoverage(dirty, byCustomer, dirty.Count > 0, saleDays, [.. changedLabels ?? []]);
    }

    /// <summary>The days with sales between <paramref name="From"/> and <paramref name="To"/> (whole months).</summary>
    internal sealed record SaleDays(DateOnly From, DateOnly To, IReadOnlyCollection<DateOnly> Days);

    /// <summary>The period's days as contiguous ranges, each answered by the rollups or by the orders.</summary>
    public IReadOnlyList<(DateOnly From, DateOnly To, bool Rolled)> Days(DateOnly from, DateOnly to)
    {
        var ranges = new List<(DateOnly From, DateOnly To, bool Rolled)>();
        for (var month = SalesRollup.MonthOf(from); month <= to; month = month.AddMonths(1))
        {
            var start = month < from ? from : month;
            var end = month.AddMonths(1).AddDays(-1) is var last && last > to ? to : last;
            var rolled = !_byCustomer && !_dirty.Contains(month);
            if (ranges.Count > 0 && ranges[^1].Rolled == rolled && ranges[^1].To.AddDays(1) == start)
            {
                ranges[^1] = (ranges[^1].From, end, rolled);
            }
            else
            {
                ranges.Add((start, end, rolled));
            }
        }
        return ranges;
    }

    /// <summary>
    /// The calendar months the monthly rollups answer for the period: those wholly inside it, and a partial first or last
    /// month whose days outside the period have no sales (known from the day rollup, so the month's rows are exactly the
    /// period's); the days left over (other partial months, dirty months) as contiguous ranges for the orders.
    /// </summary>
    public (IReadOnlyList<DateOnly> Months, IReadOnlyList<(DateOnly From, DateOnly To)> Others) WholeMonths(DateOnly from, DateOnly to)
    {
        var months = new List<DateOnly>();
        for (var m = SalesRollup.MonthOf(from); m <= to && !_byCustomer; m = m.AddMonths(1))
        {
            var end = m.AddMonths(1).AddDays(-1);
            if (!_dirty.Contains(m) && ((m >= from && end <= to) || NoSalesOutside(m, end, from, to)))
            {
                months.Add(m);
            }
        }
        var rest = new List<(DateOnly, DateOnly)>();
        var start = from;
        foreach (var month in months)
        {
            if (month > start)
            {
                rest.Add((start, month.AddDays(-1)));
            }
            start = month.AddMonths(1);
        }
        if (start <= to)
        {
            rest.Add((start, to));
        }
        return (months, rest);
    }

    /// <summary>True when the month's days before <paramref name="from"/> and after <paramref name="to"/> are known to have no sale.</summary>
    private bool NoSalesOutside(DateOnly month, DateOnly end, DateOnly from, DateOnly to) =>
        _saleDays is { } known && month >= known.From && end <= known.To
        && !known.Days.Any(d => d >= month && d <= end && (d < from || d > to));
}
