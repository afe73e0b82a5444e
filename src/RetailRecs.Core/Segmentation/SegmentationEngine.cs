using RetailRecs.Core.Recommendations.Scoring;

namespace RetailRecs.Core.Segmentation;

/// <summary>
/// One segmentation, no database involved: encode, cluster (choosing k), map to 2-D, score RFM and profile and name
/// every segment. The service, the CLI benchmark and the tests all come through here.
/// </summary>
public static class SegmentationEngine
{
    public sealed record Result(
        DateOnly AsOf,
        int K,
        IReadOnlyList<Clustering.KScore> Scores,
        IReadOnlyList<string> FeatureNames,
        IReadOnlyList<SegmentProfile> Segments,
        IReadOnlyList<CustomerFeatures> Customers,
        int[] Labels,
        RfmScores.Score[] Rfm,
        float[][] Map);

    public static Result Run(CustomerFeatureLoader.Loaded data, SegmentationOptions options, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        if (options.Validate() is { } problem)
        {
            throw new SegmentationException(problem);
        }
        var customers = data.Customers;
        var needed = Math.Max(SegmentationOptions.MinimumCustomers, 2 * (options.FixedK ?? options.MinK));
        if (customers.Count < needed)
        {
            throw new SegmentationException(
                $"Segmentation needs at least {needed} customers with purchases; there {(customers.Count == 1 ? "is" : "are")} {customers.Count}. " +
                "Import more sales (with customer ids) and run it again.");
        }
        var matrix = FeatureEncoder.Encode(customers, data.Categories, options.Seed, data.SpendKnown);
        progress?.Report(0.1);
        var clustering = Clustering.Run(matrix.Rows, options.MinK, options.MaxK, options.FixedK, options.Seed,
            new Common.InlineProgress<double>(p => progress?.Report(0.1 + 0.8 * p)), ct);
        var rfm = RfmScores.For(customers, data.SpendKnown);
        var segments = Profile(customers, matrix, clustering, rfm, data.SpendKnown);
        progress?.Report(1);
        return new Result(data.AsOf, clustering.K, clustering.Scores, matrix.Names, segments, customers, clustering.Labels, rfm, clustering.Map);
    }

    private static List<SegmentProfile> Profile(IReadOnlyList<CustomerFeatures> customers, FeatureEncoder.Matrix matrix,
        Clustering.Result clustering, RfmScores.Score[] rfm, bool spendKnown)
    {
        // A customer's category shares are weighed by what they spent, or without prices by the units they bought.
        var weight = customers.Select(c => spendKnown ? c.Monetary : c.AverageBasketItems * c.Frequency).ToArray();
        var k = clustering.K;
        var members = Enumerable.Range(0, k).Select(c => new List<int>()).ToArray();
        for (var i = 0; i < customers.Count; i++)
        {
            members[clustering.Labels[i]].Add(i);
        }
        var totalSpend = customers.Sum(c => c.Monetary);
        var overallShares = CategoryShares(customers, weight, Enumerable.Range(0, customers.Count));
        var behaviourCount = FeatureEncoder.BehaviourNames.Length;
        // Behaviour the matrix left out (money, when there are no prices) is reported as 0: like everyone, so no trait is read into it.
        var column = Enumerable.Range(0, behaviourCount).Select(d => matrix.BehaviourSlots.ToList().IndexOf(d)).ToArray();

        var draft = members.Select((m, c) =>
        {
            var behaviour = Enumerable.Range(0, behaviourCount)
                .Select(d => m.Count == 0 || column[d] < 0 ? 0 : m.Average(i => (double)matrix.Rows[i][column[d]])).ToList();
            var shares = CategoryShares(customers, weight, m);
            var lift = shares.Where(s => s.Key != "Other" && overallShares.GetValueOrDefault(s.Key) > 0)
                .Select(s => (Category: s.Key, Lift: s.Value / overallShares[s.Key]))
                .OrderByDescending(s => s.Lift).FirstOrDefault();
            var naming = new SegmentNamer.Profile(Median(m.Select(i => (double)rfm[i].R)), Median(m.Select(i => (double)rfm[i].F)),
                behaviour, lift.Category, lift.Category is null ? 0 : lift.Lift, Median(m.Select(i => (double)customers[i].TenureDays)));
            return (Members: m, Behaviour: behaviour, Shares: shares, Naming: naming);
        }).ToList();
        var names = SegmentNamer.Name(draft.Select(d => d.Naming).ToList());

        return draft.Select((d, c) => new SegmentProfile(
            c,
            names[c],
            d.Members.Count,
            totalSpend > 0 ? d.Members.Sum(i => customers[i].Monetary) / totalSpend : 0,
            Median(d.Members.Select(i => (double)customers[i].RecencyDays)),
            Median(d.Members.Select(i => (double)customers[i].Frequency)),
            Median(d.Members.Select(i => customers[i].Monetary)),
            Median(d.Members.Select(i => customers[i].AverageBasketValue)),
            d.Members.Count == 0 ? 0 : d.Members.Average(i => customers[i].ReturnRate),
            d.Behaviour,
            d.Shares.Where(s => s.Key != "Other").OrderByDescending(s => s.Value).Take(5).Select(s => new SegmentProfile.Share(s.Key, s.Value)).ToList(),
            Mix(d.Members.Select(i => customers[i].Country ?? "Unknown"), 5),
            Mix(d.Members.Select(i => rfm[i].Segment), RfmScores.Names.Length))).ToList();
    }

    /// <summary>The segment's spend (or units) per category as a share of its whole spend (or units).</summary>
    private static Dictionary<string, double> CategoryShares(IReadOnlyList<CustomerFeatures> customers, double[] weight, IEnumerable<int> members)
    {
        var spend = new Dictionary<string, double>();
        var total = 0.0;
        foreach (var i in members)
        {
            foreach (var (category, share) in customers[i].CategoryShares)
            {
                var amount = share * weight[i];
                spend[category] = spend.GetValueOrDefault(category) + amount;
                total += amount;
            }
        }
        return spend.ToDictionary(s => s.Key, s => total > 0 ? s.Value / total : 0);
    }

    private static List<SegmentProfile.Share> Mix(IEnumerable<string> labels, int top)
    {
        var list = labels.ToList();
        return list.GroupBy(l => l).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Take(top)
            .Select(g => new SegmentProfile.Share(g.Key, (double)g.Count() / list.Count)).ToList();
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return 0;
        }
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
