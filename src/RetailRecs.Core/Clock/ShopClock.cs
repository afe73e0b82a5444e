using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;

namespace RetailRecs.Core.Clock;

/// <summary>
/// The one "today" every figure counts to. For a shop whose sales arrive day by day it is the real date; for historical
/// data (an export that ended long ago, like the demo's 2011 sales) it is the data's last day, or the card would say
/// "5,481 days ago" while the reasons count "the last 30 days" to the end of the data. Decided here only: the customer
/// card, the reasons, the dashboard's default period and the suggestion figures all ask this class.
/// </summary>
public sealed class ShopClock(IDbContextFactory<RetailDbContext> contexts, TimeProvider time)
{
    /// <summary>
    /// Data whose last sale is at most this many days old is live (a quiet fortnight, a closed week); older data is
    /// historical. The figure only has to separate "a shop that is trading" from "an export of the past".
    /// </summary>
    public const int LiveWithinDays = 31;

    public async Task<ShopDay> TodayAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await TodayAsync(db, ct);
    }

    /// <summary>The same, on a context the caller already has open.</summary>
    public async Task<ShopDay> TodayAsync(RetailDbContext db, CancellationToken ct = default)
    {
        // PlacedAt is indexed: the maximum is one index seek.
        var last = await db.Orders.MaxAsync(o => (DateTime?)o.PlacedAt, ct);
        return Decide(last is { } l ? DateOnly.FromDateTime(l) : null, DateOnly.FromDateTime(time.GetLocalNow().DateTime));
    }

    /// <summary>The rule itself: the real date while the data is live, else the day of the last sale.</summary>
    public static ShopDay Decide(DateOnly? lastSale, DateOnly realToday) =>
        lastSale is { } last && realToday.DayNumber - last.DayNumber > LiveWithinDays
            ? new ShopDay(last, Historical: true)
            : new ShopDay(realToday, Historical: false);
}

/// <param name="Today">The day figures count to ("N days ago", "the last 30 days", the dashboard's default period).</param>
/// <param name="Historical">True when the data ended long ago and <paramref name="Today"/> is its last day, not the real date.</param>
public sealed record ShopDay(DateOnly Today, bool Historical)
{
    /// <summary>Whole days from <paramref name="day"/> to today (0 for today, never negative).</summary>
    public int DaysSince(DateTime day) => Math.Max(0, Today.DayNumber - DateOnly.FromDateTime(day).DayNumber);
}
