namespace RetailRecs.Core.Model;

/// <summary>
/// How many sales one store took in one hour of one day: the dashboard's weekday × hour chart. Derived data, rebuilt
/// with <see cref="OrderDaySales"/>.
/// </summary>
public class OrderHourCounts
{
    public DateOnly Day { get; set; }
    public int StoreKey { get; set; }
    /// <summary>0–23, the hour of the order's time.</summary>
    public int Hour { get; set; }
    public int Orders { get; set; }
}
