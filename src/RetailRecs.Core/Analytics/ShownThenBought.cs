namespace RetailRecs.Core.Analytics;

/// <summary>
/// Whether a purchase came after a suggestion was shown, within a window: the one rule the dashboard's suggestion
/// figures and the experiments' conversions share. Sales carry the shop's wall-clock time (as the till and the export
/// write it; the events API converts to it), while shown suggestions and exposures are stored in UTC: they are compared
/// on the sales' clock. A sale stored at midnight carries a date without a time (member/date/item exports, daily files):
/// it counts on the day of the showing and after, since the file cannot say whether it was bought before or after.
/// </summary>
public static class ShownThenBought
{
    /// <summary>A UTC event time on the sales' clock: the shop's local time.</summary>
    public static DateTime OnSaleClock(DateTime occurredAtUtc, TimeZoneInfo shopZone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(occurredAtUtc, DateTimeKind.Utc), shopZone);

    /// <summary>
    /// The UTC instant a shop day starts, to compare with event times stored in UTC (as a value without a kind, as
    /// they are stored). A midnight the clocks skip (a few zones change at 00:00) starts the day at the first hour that exists.
    /// </summary>
    public static DateTime DayStartUtc(DateOnly day, TimeZoneInfo shopZone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (shopZone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }
        return DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeToUtc(local, shopZone), DateTimeKind.Unspecified);
    }

    /// <param name="placedAt">The sale's stored time (shop wall-clock; midnight for a date without a time).</param>
    /// <param name="shown">When the suggestion was shown, on the sales' clock (<see cref="OnSaleClock"/>).</param>
    public static bool Within(DateTime placedAt, DateTime shown, TimeSpan window) =>
        placedAt.TimeOfDay == TimeSpan.Zero
            ? placedAt.Date >= shown.Date && placedAt.Date <= (shown + window).Date
            : placedAt > shown && placedAt <= shown + window;

    /// <summary>The sales that can be within the window of a showing between these times: from the first one's day.</summary>
    public static (DateTime From, DateTime To) SalesRange(DateTime firstShown, DateTime lastShown, TimeSpan window) =>
        (firstShown.Date, lastShown + window);
}
