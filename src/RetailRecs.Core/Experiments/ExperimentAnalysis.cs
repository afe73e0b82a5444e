using RetailRecs.Core.Experiments.Statistics;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Experiments;

/// <summary>What one exposed unit did within the attribution window; the page and the simulation both analyse these.</summary>
/// <param name="Purchased">Kept a product they were shown; <paramref name="Revenue"/> its value.</param>
public sealed record UnitOutcome(string Variant, DateTime FirstExposed, int Exposures, bool Accepted, bool Purchased, double Revenue)
{
    /// <summary>Kept anything they bought in the window, shown or not.</summary>
    public bool BoughtAnything { get; init; }

    /// <summary>The value of everything they kept of what they bought in the window.</summary>
    public double Spend { get; init; }

    /// <summary>The store a store experiment assigned them by (their first exposure's); null in a customer experiment.</summary>
    public string? Store { get; init; }

    public double Value(ExperimentMetric metric) => metric switch
    {
        ExperimentMetric.AcceptanceRate => Accepted ? 1 : 0,
        ExperimentMetric.PurchaseWithinDays => Purchased ? 1 : 0,
        ExperimentMetric.AnyPurchaseWithinDays => BoughtAnything ? 1 : 0,
        ExperimentMetric.SpendPerExposed => Spend,
        _ => Revenue,
    };
}

/// <summary>What kind of figure each metric is.</summary>
public static class ExperimentMetrics
{
    /// <summary>An amount per unit (Welch's t-test), not a rate (the z-test).</summary>
    public static bool IsAmount(ExperimentMetric m) => m is ExperimentMetric.RevenuePerExposed or ExperimentMetric.SpendPerExposed;

    /// <summary>Counts only purchases of shown products: biased towards the variant that shows more of them.</summary>
    public static bool CountsShownProducts(ExperimentMetric m) => m is ExperimentMetric.PurchaseWithinDays or ExperimentMetric.RevenuePerExposed;
}

/// <summary>One variant's figures on one metric, and how it compares with the control (null for the control itself).</summary>
public sealed record MetricResult(ExperimentMetric Metric, long Units, long Conversions, double Value, double Low, double High, Comparison? VersusControl);

/// <param name="Units">What the statistics count: customers, or stores in a store experiment.</param>
/// <param name="Customers">The customers exposed (equal to <paramref name="Units"/> in a customer experiment).</param>
public sealed record VariantResult(string Name, long Units, long Exposures, IReadOnlyDictionary<ExperimentMetric, MetricResult> Metrics)
{
    public long Customers { get; init; } = Units;
}

/// <summary>A day of the primary metric, cumulative over the units exposed up to and including it.</summary>
public sealed record SeriesPoint(DateOnly Day, string Variant, long Units, double Value);

/// <param name="Units">"customers", or "stores" when stores were assigned and are what the statistics count.</param>
public sealed record ExperimentReport(IReadOnlyList<VariantResult> Variants, ExperimentMetric Primary, SampleRatioCheck.Result SampleRatio,
    Verdict Verdict, IReadOnlyList<SeriesPoint> Series, double Confidence)
{
    public string Units { get; init; } = "customers";

    /// <summary>
    /// Customers exposed whose attribution window has not ended: left out of every figure until it has (see
    /// ExperimentService.ResultsAsync), or their half-window would read as not having bought.
    /// </summary>
    public int Pending { get; init; }

    /// <summary>When the last pending customer's window ends (UTC); null when none is pending.</summary>
    public DateTime? PendingUntil { get; init; }
}

/// <summary>
/// Turns unit outcomes into the results table: rates with Wilson intervals and the z-test for the two rate metrics,
/// Welch's t-test for revenue, each treatment against the first variant (the control), the SRM check against the
/// configured weights, and the verdict on the primary metric. With more than two variants the confidence is
/// Bonferroni-corrected (the experiment's risk of a false winner, 0.05 unless planned otherwise, split over the
/// comparisons) so that "a winner" is not just the luckiest of several arms.
/// A store experiment assigns whole stores, and a store's customers are alike (the same neighbourhood, staff and
/// shelves), so its customers are not independent evidence: counted one by one, a difference between two stores reads
/// as a certain winner. There each store is one unit — its customers' mean on each metric — compared by Welch's t-test
/// over stores (the cluster-level analysis of a cluster-randomised trial).
/// </summary>
public static class ExperimentAnalysis
{
    /// <param name="unit">What was assigned: by store, the stores are the units (see the class).</param>
    /// <param name="storesAssigned">A store experiment's stores per variant as the assignment puts them (all the shop's stores), or null.</param>
    public static ExperimentReport Analyse(IReadOnlyList<UnitOutcome> outcomes, IReadOnlyList<ExperimentVariant> variants, ExperimentMetric primary,
        long? plannedPerVariant, double daysRun, int plannedDays, double alpha = 0.05, ExperimentUnit unit = ExperimentUnit.Customer,
        IReadOnlyDictionary<string, int>? storesAssigned = null)
    {
        var byStore = unit == ExperimentUnit.Store;
        var units = byStore ? "stores" : "customers";
        var confidence = 1 - Bonferroni.PerComparison(alpha, variants.Count);
        var byVariant = variants.Select(v => outcomes.Where(o => o.Variant == v.Name).ToList()).ToList();
        var control = byVariant[0];
        var results = new List<VariantResult>();
        for (var i = 0; i < variants.Count; i++)
        {
            var arm = byVariant[i];
            var metrics = Enum.GetValues<ExperimentMetric>().ToDictionary(m => m,
                m => byStore ? MeasureByStore(m, control, arm, i == 0, confidence) : Measure(m, control, arm, i == 0, confidence));
            results.Add(new VariantResult(variants[i].Name, byStore ? StoresOf(arm).Count : arm.Count, arm.Sum(o => (long)o.Exposures), metrics)
            {
                Customers = arm.Count,
            });
        }
        // The stores' split is fixed by which stores there are, not drawn anew with each customer: a chi-square of a few
        // stores against the weights can neither flag a broken arm nor stay quiet on an uneven but honest split. A store
        // experiment is checked for a variant whose stores show nothing instead (below).
        var srm = byStore ? new SampleRatioCheck.Result(0, 1)
            : SampleRatioCheck.Test(results.Select(r => r.Units).ToList(), variants.Select(v => v.Weight).ToList());
        var silent = byStore && storesAssigned is not null && results.Any(r => r.Units >= MinStoresPerVariant)
            ? results.FirstOrDefault(r => r.Units == 0 && storesAssigned.GetValueOrDefault(r.Name) > 0)
            : null;

        // The verdict speaks about the treatment furthest from "no difference".
        var best = results.Skip(1).OrderBy(r => r.Metrics[primary].VersusControl!.PValue).FirstOrDefault();
        var smallest = results.Count == 0 ? 0 : results.Min(r => r.Units);
        Verdict verdict;
        if (best is null)
        {
            verdict = new Verdict("An experiment needs at least two variants.", false, null, null, null);
        }
        else if (silent is not null)
        {
            var shown = results.Where(r => r.Units > 0).MaxBy(r => r.Units)!;
            verdict = new Verdict(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"Do not trust these results: none of {silent.Name}'s {storesAssigned![silent.Name]} store(s) has shown its suggestions, while {shown.Units} of " +
                $"{shown.Name}'s have. Check that {silent.Name}'s model can still be read (Models page); until then its stores get the champion."),
                false, null, null, null);
        }
        else if (byStore && smallest < MinStoresPerVariant)
        {
            var fewest = results.MinBy(r => r.Units)!;
            verdict = new Verdict(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"Too few stores to tell: {fewest.Name} has {fewest.Units} so far. A store experiment compares stores, not customers (a store's " +
                $"customers are alike), and needs at least {MinStoresPerVariant} stores in every variant; more stores, not more days, make it able to decide."),
                false, null, null, null);
        }
        else
        {
            var comparison = best.Metrics[primary].VersusControl!;
            // Without a planned size, the observed effect sizes the estimate only while the planned days run: after them
            // a non-significant result is "no detectable difference", not an invitation to keep going.
            // A store experiment's plan counts customers and its estimate would need how alike a store's customers are:
            // neither says how many stores are needed, so only the planned days count there.
            var needed = byStore ? null : plannedPerVariant ?? (daysRun < plannedDays ? EstimateNeeded(primary, comparison, 1 - confidence) : null);
            var more = needed is { } n ? ExperimentReach.More(n, results.Select(r => (long)r.Units).ToList(), variants.Select(v => v.Weight).ToList()) : 0;
            verdict = Verdict.For(comparison, results[0].Name, best.Name, smallest, needed, more, daysRun, plannedDays, srm.Mismatch, units, confidence);
        }
        return new ExperimentReport(results, primary, srm, verdict, byStore ? StoreSeries(outcomes, variants, primary) : Series(outcomes, variants, primary), confidence)
        {
            Units = units,
        };
    }

    /// <summary>Stores per variant below which a store experiment gives no verdict (a variance needs two; three is the least that tells much).</summary>
    public const int MinStoresPerVariant = 3;

    /// <summary>Each store's customers, in a stable order (the router assigns no customer without a store).</summary>
    private static List<List<UnitOutcome>> StoresOf(List<UnitOutcome> arm) =>
        arm.GroupBy(o => o.Store ?? "").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.ToList()).ToList();

    /// <summary>Each store is one unit: its customers' mean (their rate, or their mean amount), compared by Welch's t-test over stores.</summary>
    private static MetricResult MeasureByStore(ExperimentMetric metric, List<UnitOutcome> control, List<UnitOutcome> arm, bool isControl, double confidence)
    {
        List<double> Means(List<UnitOutcome> outcomes) => StoresOf(outcomes).Select(s => s.Average(o => o.Value(metric))).ToList();
        var sample = Sample.Of(Means(arm));
        var half = sample.Count < 2 ? 0 : WelchTest.TQuantile(1 - (1 - confidence) / 2, sample.Count - 1) * Math.Sqrt(sample.Variance / sample.Count);
        return new MetricResult(metric, sample.Count, arm.Count(o => o.Value(metric) > 0), sample.Mean, sample.Mean - half, sample.Mean + half,
            isControl ? null : WelchTest.Compare(Sample.Of(Means(control)), sample, confidence));
    }

    private static MetricResult Measure(ExperimentMetric metric, List<UnitOutcome> control, List<UnitOutcome> arm, bool isControl, double confidence)
    {
        if (ExperimentMetrics.IsAmount(metric))
        {
            var sample = Sample.Of(arm.Select(o => o.Value(metric)).ToList());
            var half = sample.Count < 2 ? 0 : WelchTest.TQuantile(1 - (1 - confidence) / 2, sample.Count - 1) * Math.Sqrt(sample.Variance / sample.Count);
            return new MetricResult(metric, sample.Count, arm.Count(o => o.Value(metric) > 0), sample.Mean, sample.Mean - half, sample.Mean + half,
                isControl ? null : WelchTest.Compare(Sample.Of(control.Select(o => o.Value(metric)).ToList()), sample, confidence));
        }
        var conversions = arm.Count(o => o.Value(metric) > 0);
        var rate = Rate.Of(conversions, arm.Count, confidence);
        return new MetricResult(metric, arm.Count, conversions, rate.Value, rate.Low, rate.High,
            isControl ? null : ProportionTest.Compare(control.Count(o => o.Value(metric) > 0), control.Count, conversions, arm.Count, confidence));
    }

    /// <summary>Without a plan: the units per variant that would detect the difference seen so far (none when there is no difference to detect).</summary>
    /// <param name="alpha">The risk each comparison is judged at (the experiment's, split over the comparisons).</param>
    private static long? EstimateNeeded(ExperimentMetric metric, Comparison c, double alpha)
    {
        // The pair of rates seen, lower first (the formula is symmetric in the two): a treatment worse than the control
        // is 5% against 3%, not 5% against 7%.
        var low = Math.Min(c.Control, c.Control + c.Difference);
        if (ExperimentMetrics.IsAmount(metric) || c.Difference == 0 || low <= 0 || low + Math.Abs(c.Difference) >= 1)
        {
            return null;
        }
        return SampleSize.PerVariant(low, Math.Abs(c.Difference), alpha: alpha);
    }

    /// <summary>The table's figure over time: by each day, the mean over the variant's stores of their customers' mean so far.</summary>
    private static List<SeriesPoint> StoreSeries(IReadOnlyList<UnitOutcome> outcomes, IReadOnlyList<ExperimentVariant> variants, ExperimentMetric metric)
    {
        var points = new List<SeriesPoint>();
        var days = outcomes.Select(o => DateOnly.FromDateTime(o.FirstExposed)).Distinct().Order().ToList();
        foreach (var v in variants)
        {
            var arm = outcomes.Where(o => o.Variant == v.Name).ToList();
            foreach (var day in days)
            {
                var stores = StoresOf(arm.Where(o => DateOnly.FromDateTime(o.FirstExposed) <= day).ToList());
                points.Add(new SeriesPoint(day, v.Name, stores.Count, stores.Count == 0 ? 0 : stores.Average(s => s.Average(o => o.Value(metric)))));
            }
        }
        return points;
    }

    private static List<SeriesPoint> Series(IReadOnlyList<UnitOutcome> outcomes, IReadOnlyList<ExperimentVariant> variants, ExperimentMetric metric)
    {
        var points = new List<SeriesPoint>();
        var days = outcomes.Select(o => DateOnly.FromDateTime(o.FirstExposed)).Distinct().Order().ToList();
        foreach (var v in variants)
        {
            var arm = outcomes.Where(o => o.Variant == v.Name).OrderBy(o => o.FirstExposed).ToList();
            double sum = 0;
            var n = 0;
            var next = 0;
            foreach (var day in days)
            {
                for (; next < arm.Count && DateOnly.FromDateTime(arm[next].FirstExposed) <= day; next++, n++)
                {
                    sum += arm[next].Value(metric);
                }
                points.Add(new SeriesPoint(day, v.Name, n, n == 0 ? 0 : sum / n));
            }
        }
        return points;
    }
}
