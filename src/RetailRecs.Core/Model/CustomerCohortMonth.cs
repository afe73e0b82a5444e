namespace RetailRecs.Core.Model;

/// <summary>
/// How many customers whose first purchase (in any store) was in <see cref="FirstMonth"/> bought in <see cref="Month"/>:
/// the dashboard's new-versus-returning and cohort charts. Derived from <see cref="CustomerMonthSales"/> as a whole (a
/// sale in an old month can move a customer's first month), recomputed by the refresh that clears the last dirty month.
/// </summary>
public class CustomerCohortMonth
{
    /// <summary>The first day of the month of purchase.</summary>
    public DateOnly Month { get; set; }
    /// <summary>The first day of the customers' first month.</summary>
    public DateOnly FirstMonth { get; set; }
    public int Customers { get; set; }
}
