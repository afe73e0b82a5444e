using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;

namespace RetailRecs.Core.Recommendations.Training;

/// <summary>
/// The default training window (<see cref="TrainingOptions.WindowMonths"/>): the last N months that have sales, up to the
/// window's end (the last sale when none is given). Months without a sale do not count: a shop closed for a season, or an
/// old import followed by the first live sales years later, keeps what it has.
/// </summary>
internal static class SalesWindow
{
    public static async Task<TrainingWindow> LastMonthsWithSalesAsync(RetailDbContext db, TrainingWindow asked, int months, CancellationToken ct)
    {
        var sale = await LastSaleBeforeAsync(db, asked.To?.AddDays(1) ?? DateOnly.MaxValue, ct);
        DateOnly? from = null;
        for (var counted = 0; counted < months && sale is { } day; counted++)
        {
            from = new DateOnly(day.Year, day.Month, 1);
            sale = await LastSaleBeforeAsync(db, from.Value, ct);
        }
        // No older sale: the window is every sale, as asked.
        return sale is null ? asked : asked with { From = from };
    }

    /// <summary>The day of the last sale, or null when nothing was sold.</summary>
    public static Task<DateOnly?> LastSaleAsync(RetailDbContext db, CancellationToken ct) => LastSaleBeforeAsync(db, DateOnly.MaxValue, ct);

    // One seek on the index of PlacedAt: the latest sale before a day, so gaps between sales cost nothing.
    private static async Task<DateOnly?> LastSaleBeforeAsync(RetailDbContext db, DateOnly day, CancellationToken ct)
    {
        var before = day.ToDateTime(TimeOnly.MinValue);
        return await db.Orders.Where(o => o.PlacedAt < before).MaxAsync(o => (DateTime?)o.PlacedAt, ct) is { } at
            ? DateOnly.FromDateTime(at) : null;
    }
}
