using RetailRecs.Core.Common;
using RetailRecs.Core.Recommendations.Algorithms;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Scoring;

namespace RetailRecs.Core.Recommendations.Training;

/// <summary>
/// Chooses the champion by evidence after a training. The models just trained learned from every sale, so they cannot
/// be judged on any of them: each algorithm is trained again on the sales before the last <see cref="HoldoutDays"/>
/// days and scored on those days with the serving rules (the offline evaluation's protocol and code), beside best
/// sellers and the champion's algorithm trained on the same side. The best model serves only when the paired bootstrap
/// interval of its NDCG difference is above zero against both, on every deciding track; otherwise the champion keeps
/// serving, and a new install serves best sellers. The evidence is about an algorithm on this shop's recent sales, not
/// about one stored run: the stored champion learned from the held-out days and would be judged on what it has seen.
/// </summary>
public static class ChampionSelection
{
    public const int HoldoutDays = 30;
    public const int K = 10;
    public const int Resamples = 1000;

    public static bool Decides(SelectionTrack selection, EvaluationTrack track) => selection switch
    {
        SelectionTrack.Repeat => track == EvaluationTrack.Repeat,
        SelectionTrack.New => track == EvaluationTrack.New,
        _ => true,
    };

    /// <param name="data">Every sale the new runs learned from.</param>
    /// <param name="trained">Algorithms whose new runs may become the champion.</param>
    /// <param name="championAlgorithm">The champion's algorithm, or null when nothing serves yet.</param>
    public static ChampionDecision Run(TrainingData data, IReadOnlyCollection<string> trained, string? championAlgorithm, int? championRunId,
        SelectionTrack track, TrainingParameters parameters, IProgress<TrainingProgress>? progress = null, CancellationToken ct = default)
    {
        ChampionDecision Decision(string? promote, string reason, HoldoutSplit? split, IReadOnlyList<ContenderEvidence> contenders) =>
            new(promote, reason, track, K, split is null ? null : DateOnly.FromDayNumber(split.SplitDay),
                split is null ? null : DateOnly.FromDayNumber(data.LastDay), championAlgorithm, championRunId, contenders);

        HoldoutSplit split;
        try
        {
            split = HoldoutSplit.Create(data, new EvaluationOptions { HoldoutDays = HoldoutDays });
        }
        catch (EvaluationException e)
        {
            return Fallback(Decision, null, [], trained, championAlgorithm, $"No comparison was possible ({e.Message.TrimEnd('.')})");
        }

        var algorithms = trained.Append(AlgorithmNames.Popularity).Concat(championAlgorithm is null ? [] : [championAlgorithm]).Distinct().ToList();
        var models = BundleTrainer.Train(split.Train, algorithms, parameters,
            new InlineProgress<TrainingProgress>(p =>
            {
                if (p.Fraction < 1)
                {
                    progress?.Report(new TrainingProgress($"Choosing the champion: {Lower(p.Stage)} without the last {HoldoutDays} days", 0.8 * p.Fraction));
                }
            }), ct)
            .Where(m => m.Bundle is not null).ToDictionary(m => m.Algorithm, m => m.Bundle!);
        if (!models.TryGetValue(AlgorithmNames.Popularity, out var bestSellers))
        {
            return Fallback(Decision, split, [], trained, championAlgorithm, "Best sellers could not be counted on the earlier sales, so no comparison was possible");
        }

        progress?.Report(new TrainingProgress($"Choosing the champion: scoring every model on the last {HoldoutDays} days", 0.8));
        var candidates = trained.Where(models.ContainsKey).Distinct().ToList();
        var evidence = new Dictionary<string, List<TrackEvidence>>();
        foreach (var t in new[] { EvaluationTrack.Repeat, EvaluationTrack.New })
        {
            var customers = split.CustomersFor(t);
            if (customers.Count == 0)
            {
                continue;
            }
            var bootstrap = new Bootstrap(customers.Count, Resamples);
            var scores = models.ToDictionary(m => m.Key, m => Ndcg(m.Value, m.Value.Ranker, customers, t, ct));
            var own = t == EvaluationTrack.Repeat ? Ndcg(bestSellers, new OwnHistoryBaseline(), customers, t, ct) : null;
            var popularity = scores[AlgorithmNames.Popularity];
            // Against the champion's algorithm: not when it is best sellers (the same test) or this very algorithm (a retraining).
            var champion = championAlgorithm is null or AlgorithmNames.Popularity ? null : scores.GetValueOrDefault(championAlgorithm);
            foreach (var algorithm in candidates)
            {
                var s = scores[algorithm];
                if (!evidence.TryGetValue(algorithm, out var list))
                {
                    evidence[algorithm] = list = [];
                }
                list.Add(new TrackEvidence(t, customers.Count, s.Average(),
                    popularity.Average(), Difference(bootstrap, s, popularity),
                    champion is null || algorithm == championAlgorithm ? null : Difference(bootstrap, s, champion),
                    own is null ? null : Difference(bootstrap, s, own)));
            }
        }

        var championMissing = championAlgorithm is not null and not AlgorithmNames.Popularity && !models.ContainsKey(championAlgorithm);
        var contenders = candidates.Where(evidence.ContainsKey).Select(a => new ContenderEvidence(a, evidence[a],
            Qualifies(a, evidence[a], track, championAlgorithm, championMissing))).ToList();
        var best = contenders.Where(c => c.Qualifies).OrderByDescending(c => c.Score(track)).FirstOrDefault();
        if (best is null)
        {
            return Fallback(Decision, split, contenders, trained, championAlgorithm,
                $"No model beat {(championAlgorithm is null or AlgorithmNames.Popularity ? "best sellers" : $"both the champion ({championAlgorithm}) and best sellers")} " +
                $"beyond chance on the last {HoldoutDays} days ({Tracks(track)})");
        }
        var reason = best.Algorithm == championAlgorithm
            ? $"{best.Algorithm} was trained again on the new sales and still beats best sellers beyond chance on the last {HoldoutDays} days ({Tracks(track)}): the new run serves."
            : championAlgorithm is null or AlgorithmNames.Popularity
                ? $"{best.Algorithm} beats best sellers beyond chance on the last {HoldoutDays} days ({Tracks(track)}): it serves."
                : $"{best.Algorithm} beats both the champion ({championAlgorithm}) and best sellers beyond chance on the last {HoldoutDays} days ({Tracks(track)}): it serves.";
        return Decision(best.Algorithm, reason, split, contenders);
    }

    /// <summary>Evidence enough: above zero against best sellers and the champion on every deciding track that has test customers.</summary>
    private static bool Qualifies(string algorithm, IReadOnlyList<TrackEvidence> tracks, SelectionTrack selection, string? championAlgorithm, bool championMissing)
    {
        if (algorithm == AlgorithmNames.Popularity)
        {
            return false;
        }
        var deciding = tracks.Where(t => Decides(selection, t.Track)).ToList();
        if (deciding.Count == 0 || (championMissing && algorithm != championAlgorithm))
        {
            return false;
        }
        return deciding.All(t => t.VersusBestSellers.Low > 0 && (t.VersusChampion is null || t.VersusChampion.Low > 0));
    }

    /// <summary>Nothing qualified: the champion keeps serving; with none, best sellers serve (and best sellers retrained replace best sellers).</summary>
    private static ChampionDecision Fallback(Func<string?, string, HoldoutSplit?, IReadOnlyList<ContenderEvidence>, ChampionDecision> decision,
        HoldoutSplit? split, IReadOnlyList<ContenderEvidence> contenders, IReadOnlyCollection<string> trained, string? championAlgorithm, string why)
    {
        var bestSellersTrained = trained.Contains(AlgorithmNames.Popularity);
        if (championAlgorithm is null)
        {
            return bestSellersTrained
                ? decision(AlgorithmNames.Popularity, $"{why}: best sellers serve until a model does better.", split, contenders)
                : decision(null, $"{why}, and best sellers were not trained: nothing serves yet.", split, contenders);
        }
        if (championAlgorithm == AlgorithmNames.Popularity && bestSellersTrained)
        {
            return decision(AlgorithmNames.Popularity, $"{why}: best sellers keep serving, counted again on the new sales.", split, contenders);
        }
        return decision(null, $"{why}: the champion ({championAlgorithm}) keeps serving.", split, contenders);
    }

    private static double[] Ndcg(ModelBundle bundle, IRecommender ranker, IReadOnlyList<HoldoutSplit.TestCustomer> customers, EvaluationTrack track,
        CancellationToken ct)
    {
        var contender = new Evaluator.Contender(ranker.Algorithm, false, bundle, ranker);
        var values = new double[customers.Count];
        Parallel.For(0, customers.Count, new ParallelOptions { CancellationToken = ct }, i =>
        {
            var list = Evaluator.ListFor(contender, customers[i], track, K);
            values[i] = RankingMetrics.Score(list.Select(c => c.Item).ToList(), customers[i].Truth, K)!.Ndcg;
        });
        return values;
    }

    private static MetricValue Difference(Bootstrap bootstrap, double[] a, double[] b)
    {
        var d = bootstrap.Difference(a, b);
        return new MetricValue(d.Mean, d.Low, d.High);
    }

    private static string Tracks(SelectionTrack track) => track switch
    {
        SelectionTrack.Repeat => "repeat purchases",
        SelectionTrack.New => "products new to the customer",
        _ => "both repeat purchases and products new to the customer",
    };

    private static string Lower(string stage) => stage.Length == 0 ? stage : char.ToLowerInvariant(stage[0]) + stage[1..];
}
