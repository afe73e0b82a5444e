using RetailRecs.Core.Common;
using RetailRecs.Core.Recommendations.Algorithms;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Serving;

namespace RetailRecs.Core.Recommendations.Scoring;

/// <summary>
/// Scores models on a <see cref="HoldoutSplit"/>: each builds a list of K for every test customer exactly as the
/// serving layer would (<see cref="ServingRules"/>: recommendable products only, popularity filling a short list,
/// diversity caps), and the lists are compared with the truth. No database involved.
/// </summary>
public static class Evaluator
{
    /// <summary>A model to score: the bundle it was trained in and the ranker that orders a customer's list.</summary>
    public sealed record Contender(string Name, bool IsBaseline, ModelBundle Bundle, IRecommender Ranker, bool RepeatTrackOnly = false);

    /// <summary>The lists a model gave, per track, for writing predictions out: (test customer index, items best first with scores).</summary>
    public sealed record Lists(string Model, EvaluationTrack Track, IReadOnlyList<(int Customer, IReadOnlyList<Candidate> Items)> PerCustomer);

    public static (EvaluationResult Result, IReadOnlyList<Lists> Lists) Run(HoldoutSplit split, IReadOnlyList<Contender> contenders,
        EvaluationOptions options, Func<int, string?>? segmentOf = null, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        var k = options.K;
        var items = split.Train.Items;
        var recommendable = items.Count(i => i.Recommendable);
        var buyers = new int[items.Count];
        // Novelty's population: the customers with purchases before the split (the window also knows those whose first
        // purchase came after it, or whose earlier ones all went back).
        var trainCustomers = 0;
        foreach (var history in split.Train.Histories)
        {
            foreach (var h in history)
            {
                buyers[h.Item]++;
            }
            trainCustomers += history.Length > 0 ? 1 : 0;
        }
        var rows = new List<ModelResult>();
        var allLists = new List<Lists>();
        var steps = options.Tracks.Count * contenders.Count;
        var done = 0;
        foreach (var track in options.Tracks)
        {
            var customers = split.CustomersFor(track);
            if (customers.Count == 0)
            {
                // A track nobody is tested on (a shop where everyone only bought again what they had): no rows for it.
                done += contenders.Count(m => track == EvaluationTrack.Repeat || !m.RepeatTrackOnly);
                progress?.Report(done / (double)steps);
                continue;
            }
            var bootstrap = new Bootstrap(customers.Count, options.Resamples, options.Seed);
            var perModel = new List<(Contender Model, double[][] Values, List<Candidate>[] Lists)>();
            foreach (var model in contenders.Where(m => track == EvaluationTrack.Repeat || !m.RepeatTrackOnly))
            {
                ct.ThrowIfCancellationRequested();
                var lists = new List<Candidate>[customers.Count];
                var values = new double[9][];
                for (var m = 0; m < values.Length; m++)
                {
                    values[m] = new double[customers.Count];
                }
                // Models are safe to call from several threads (the web app serves them so): both cores score.
                Parallel.For(0, customers.Count, PerCore.Options(ct), i =>
                {
                    var test = customers[i];
                    var list = ListFor(model, test, track, k, options.Diversity);
                    lists[i] = list;
                    var ids = list.Select(c => c.Item).ToList();
                    var s = RankingMetrics.Score(ids, test.Truth, k)!;
                    values[0][i] = s.Precision;
                    values[1][i] = s.Recall;
                    values[2][i] = s.F1;
                    values[3][i] = s.Ndcg;
                    values[4][i] = s.AveragePrecision;
                    values[5][i] = s.Hit;
                    values[6][i] = s.ReciprocalRank;
                    values[7][i] = BeyondAccuracy.Novelty(ids, buyers, trainCustomers);
                    values[8][i] = BeyondAccuracy.IntraListDiversity(ids, item => items[item].Category);
                });
                perModel.Add((model, values, lists));
                allLists.Add(new Lists(model.Name, track, customers.Select((c, i) => (c.Customer, (IReadOnlyList<Candidate>)lists[i])).ToList()));
                progress?.Report(++done / (double)steps);
            }

            var baselines = perModel.Where(p => p.Model.IsBaseline).ToList();
            var best = baselines.OrderByDescending(b => b.Values[3].Average()).FirstOrDefault();
            foreach (var (model, values, lists) in perModel)
            {
                var metrics = new Dictionary<string, MetricValue>
                {
                    ["precision"] = Interval(bootstrap, values[0]),
                    ["recall"] = Interval(bootstrap, values[1]),
                    ["f1"] = Interval(bootstrap, values[2]),
                    ["ndcg"] = Interval(bootstrap, values[3]),
                    ["map"] = Interval(bootstrap, values[4]),
                    ["hitRate"] = Interval(bootstrap, values[5]),
                    ["mrr"] = Interval(bootstrap, values[6]),
                    ["coverage"] = Fixed(BeyondAccuracy.Coverage(lists.Select(l => (IReadOnlyList<int>)l.Select(c => c.Item).ToList()), recommendable)),
                    ["novelty"] = Interval(bootstrap, values[7]),
                    ["diversity"] = Interval(bootstrap, values[8]),
                };
                MetricValue? versus = null;
                string? losesTo = null;
                if (!model.IsBaseline && best.Model is not null)
                {
                    var d = bootstrap.Difference(values[3], best.Values[3]);
                    versus = new MetricValue(d.Mean, d.Low, d.High);
                    losesTo = d.Low > 0 ? null : best.Model.Name;
                }
                rows.Add(new ModelResult(model.Name, track, model.IsBaseline, customers.Count, metrics, losesTo, versus,
                    Segments(customers, values, segmentOf)));
            }
        }
        return (new EvaluationResult(DateOnly.FromDayNumber(split.All.FirstDay), DateOnly.FromDayNumber(split.All.LastDay),
            DateOnly.FromDayNumber(split.SplitDay), k, rows), allLists);
    }

    /// <summary>
    /// One customer's list of K, through the same rules the serving layer applies (baselines without the reason rules),
    /// without the products first sold after the split (<see cref="HoldoutSplit"/>), topped up as any short list is.
    /// </summary>
    public static List<Candidate> ListFor(Contender model, HoldoutSplit.TestCustomer test, EvaluationTrack track, int k,
        DiversityMode diversity = DiversityMode.Adaptive, ReasonRules? reasons = null)
    {
        var notYetSold = test.NotYetSold; // one set for every customer, read, never copied (thousands of products in a chain)
        return ServingRules.ListFor(model.Bundle, model.Ranker, model.Bundle.HistoryOf(test.Customer), test.Customer, track == EvaluationTrack.New,
            track == EvaluationTrack.New ? new HashSet<int>(test.BoughtBefore) : [], k, diversity, sayReasons: !model.IsBaseline, reasons,
            isLive: notYetSold.Count == 0 ? null : item => !notYetSold.Contains(item));
    }

    private static MetricValue Interval(Bootstrap bootstrap, double[] values)
    {
        var i = bootstrap.Mean(values);
        return new MetricValue(i.Mean, i.Low, i.High);
    }

    private static MetricValue Fixed(double value) => new(value, value, value);

    private static List<SegmentResult> Segments(IReadOnlyList<HoldoutSplit.TestCustomer> customers, double[][] values, Func<int, string?>? segmentOf)
    {
        if (segmentOf is null)
        {
            return [];
        }
        return customers.Select((c, i) => (Segment: segmentOf(c.Customer), i))
            .Where(x => x.Segment is not null)
            .GroupBy(x => x.Segment!)
            .OrderByDescending(g => g.Count())
            .Select(g => new SegmentResult(g.Key, g.Count(), g.Average(x => values[3][x.i]), g.Average(x => values[5][x.i])))
            .ToList();
    }
}
