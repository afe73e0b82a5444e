namespace RetailRecs.Core.Model;

/// <summary>
/// The month a moment or a day falls in, as its first day: how sales are rolled up and how the months whose rollups need
/// a refresh are marked (by the context when an order is saved, and by the rollups themselves).
/// </summary>
public static class CalendarMonth
{
    public static DateOnly Of(DateTime at) => new(at.Year, at.Month, 1);

    public static DateOnly Of(DateOnly day) => new(day.Year, day.Month, 1);
}
