using System.Globalization;

namespace RetailRecs.Core.Experiments;

/// <summary>Customers who bought in the last <c>Days</c> days up to the shop's today: the most an experiment of that length can reach.</summary>
public sealed record ActiveCustomers(DateOnly From, DateOnly To, int Customers)
{
    public int Days => To.DayNumber - From.DayNumber + 1;
}

/// <summary>
/// Whether a plan can reach its sample size in its planned time. A plan that cannot is allowed (a manager may run it
/// longer, or accept a larger change) but is said so before it starts, with the numbers: an A/A test that needs
/// 3,841 customers per variant in a shop where 445 customers buy in a fortnight would otherwise wait months for a
/// verdict nobody expected.
/// </summary>
public static class ExperimentReach
{
    /// <summary>Customers the whole experiment needs: each variant its sample, so the smallest share of traffic decides.</summary>
    public static long Needed(long perVariant, IReadOnlyList<double> weights)
    {
        var total = weights.Sum();
        var smallest = weights.Count == 0 || total <= 0 ? 1 : weights.Min() / total;
        return (long)Math.Ceiling(perVariant / smallest);
    }

    /// <summary>
    /// Customers still to come before every variant has its sample: each arm short of it needs its shortfall divided by
    /// its share of the traffic (a 10% arm 2,841 short needs 28,410 more customers), and the slowest arm decides.
    /// </summary>
    public static long More(long perVariant, IReadOnlyList<long> units, IReadOnlyList<double> weights)
    {
        var total = weights.Sum();
        var more = 0L;
        for (var i = 0; i < units.Count && i < weights.Count; i++)
        {
            if (units[i] < perVariant)
            {
                var share = total <= 0 || weights[i] <= 0 ? 1.0 / units.Count : weights[i] / total;
                more = Math.Max(more, (long)Math.Ceiling((perVariant - units[i]) / share));
            }
        }
        return more;
    }

    /// <summary>The warning to show, or null when the customers active in a period as long as the plan are enough.</summary>
    public static string? Warning(long perVariant, IReadOnlyList<double> weights, ActiveCustomers active)
    {
        var needed = Needed(perVariant, weights);
        if (active.Customers >= needed)
        {
            return null;
        }
        var culture = CultureInfo.CurrentCulture;
        var from = active.From.ToString("d MMM yyyy", culture);
        var to = active.To.ToString("d MMM yyyy", culture);
        if (active.Customers == 0)
        {
            return string.Create(culture,
                $"This plan needs about {needed:N0} customers ({perVariant:N0} per variant), but no customer bought from {from} to {to}: it cannot reach its sample size in {active.Days} days.");
        }
        // Distinct customers grow more slowly than days (regulars come back), so the pace gives the least time needed.
        var weeks = Math.Ceiling(needed * (double)active.Days / active.Customers / 7);
        return string.Create(culture,
            $"This plan needs about {needed:N0} customers ({perVariant:N0} per variant), but {active.Customers:N0} customers bought in the {active.Days} days from {from} to {to}. " +
            $"At that pace it needs at least {weeks:N0} weeks, not {active.Days} days: plan a longer run, a larger change worth finding, or fewer variants.");
    }
}
