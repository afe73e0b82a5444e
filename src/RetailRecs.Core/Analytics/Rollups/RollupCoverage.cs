using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;

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

    private RollupCoverage(HashSet<DateOnly> dirty, bool byCustomer, bool anyDirty)
    {
        _dirty = dirty;
        _byCustomer = byCustomer;
        AnyDirty = anyDirty;
    }

    /// <summary>True when some month (of any period) is dirty: figures that depend on every month (first purchases) read the orders.</summary>
    public bool AnyDirty { get; }

    /// <summary>True when the rollups can answer for customers' first months: nothing dirty, no customer filter.</summary>
    public bool CustomerHistoryRolled => !AnyDirty && !_byCustomer;

    public static async Task<RollupCoverage> ReadAsync(RetailDbContext db, DashboardFilter filter, CancellationToken ct) =>
        For(await db.RollupDirtyMonths.Select(m => m.Month).Distinct().ToListAsync(ct), filter.ByCustomer);

    internal static RollupCoverage For(IEnumerable<DateOnly> dirtyMonths, bool byCustomer)
    {
        var dirty = dirtyMonths.ToHashSet();
        return new RollupCoverage(dirty, byCustomer, dirty.Count > 0);
    }

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
    /// The whole calendar months inside the period that the monthly rollups answer, and the days left over (the
    /// partial first and last months, dirty months) as contiguous ranges for the orders.
    /// </summary>
    public (IReadOnlyList<DateOnly> Months, IReadOnlyList<(DateOnly From, DateOnly To)> Others) WholeMonths(DateOnly from, DateOnly to)
    {
        var first = SalesRollup.MonthOf(from) == from ? from : SalesRollup.MonthOf(from).AddMonths(1);
        var end = SalesRollup.MonthOf(to.AddDays(1)); // the first month not wholly inside
        var months = new List<DateOnly>();
        for (var m = first; m < end && !_byCustomer; m = m.AddMonths(1))
        {
            if (!_dirty.Contains(m))
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
}
