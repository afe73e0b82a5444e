using RetailRecs.Core.Common;
using RetailRecs.Core.Recommendations.Algorithms;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Scoring;
using RetailRecs.Core.Recommendations.Serving;

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
    /// <summary>
    /// Test customers scored per track at most. Scoring every model for every test customer grew with the chain; at
    /// 3,000 a track it was still a fifth of a ten-store chain's training time. 2,000 customers give the paired
    /// bootstrap intervals a half-width of about a hundredth (at 10× the hybrid's lead over best sellers is +0.34 ± 0.012
    /// against ± 0.010 at 3,000 and ± 0.005 scoring all 26,360), and a shop with fewer (Online Retail has 1,372 and
    /// 1,264) is scored whole.
    /// </summary>
    public const int MaxTestCustomers = 2000;

    /// <summary>
    /// Test customers a deciding track needs before a model may serve on its evidence. With one customer every
    /// bootstrap resample is that customer, so the interval is a single value and "beyond chance" means one person's
    /// purchase; a few dozen make the percentile interval mean something (a new shop's first import has a handful).
    /// </summary>
    public const int MinTestCustomers = 30;

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
        SelectionTrack track, TrainingParameters parameters, IProgress<TrainingProgress>? progress = null, CancellationToken ct = default) =>
        Measure(data, trained, championAlgorithm, championRunId, track, parameters, progress, ct).Decide(trained);

    /// <summary>
    /// The figures the decision rests on: every algorithm trained again without the last <see cref="HoldoutDays"/> days
    /// and scored on them. A training job measures before it trains the runs that serve, so that the served hybrid
    /// learns with the ranker capacity the selection's hybrid chose on customers who bought before those days
    /// (<paramref name="share"/>); <see cref="Measurement.Decide"/> then decides among the runs that succeeded.
    /// </summary>
    /// <param name="algorithms">Algorithms whose new runs may become the champion.</param>
    public static Measurement Measure(TrainingData data, IReadOnlyCollection<string> algorithms, string? championAlgorithm, int? championRunId,
        SelectionTrack track, TrainingParameters parameters, IProgress<TrainingProgress>? progress = null, CancellationToken ct = default,
        HybridTrainingShare? share = null)
    {
        Measurement Failed(HoldoutSplit? split, string why) => new(data.LastDay, track, championAlgorithm, championRunId, split?.SplitDay, why, new Dictionary<string, List<TrackEvidence>>(), false);

        HoldoutSplit split;
        try
        {
            split = HoldoutSplit.Create(data, new EvaluationOptions { HoldoutDays = HoldoutDays });
        }
        catch (EvaluationException e)
        {
            return Failed(null, $"No comparison was possible ({e.Message.TrimEnd('.')})");
        }

        var trainedAgain = algorithms.Append(AlgorithmNames.Popularity).Concat(championAlgorithm is null ? [] : [championAlgorithm]).Distinct().ToList();
        var models = BundleTrainer.Train(split.Train, trainedAgain, parameters,
            new InlineProgress<TrainingProgress>(p =>
            {
                if (p.Fraction < 1)
                {
                    progress?.Report(new TrainingProgress($"Choosing the champion: {Lower(p.Stage)} without the last {HoldoutDays} days", 0.8 * p.Fraction));
                }
            }), ct, share)
            .Where(m => m.Bundle is not null).ToDictionary(m => m.Algorithm, m => m.Bundle!);
        if (!models.TryGetValue(AlgorithmNames.Popularity, out var bestSellers))
        {
            return Failed(split, "Best sellers could not be counted on the earlier sales, so no comparison was possible");
        }

        progress?.Report(new TrainingProgress($"Choosing the champion: scoring every model on the last {HoldoutDays} days", 0.8));
        var candidates = algorithms.Where(models.ContainsKey).Distinct().ToList();
        var evidence = new Dictionary<string, List<TrackEvidence>>();
        var personal = new Lazy<PersonalFrequencyModel>(() => new PersonalFrequencyModel(models.Values.Select(m => m.Ranker switch
        {
            UserKnnModel userKnn => userKnn,
            HybridModel hybrid => hybrid.UserKnn,
            _ => null,
        }).OfType<UserKnnModel>().FirstOrDefault() ?? UserKnnModel.Train(split.Train, parameters.UserNeighbours)));
        foreach (var t in new[] { EvaluationTrack.Repeat, EvaluationTrack.New })
        {
            var customers = Sample(split.CustomersFor(t), MaxTestCustomers, parameters.Seed);
            if (customers.Count == 0)
            {
                continue;
            }
            var bootstrap = new Bootstrap(customers.Count, Resamples);
            // "What they always buy", as its strongest simple rule: own time-decayed frequencies topped up with their neighbours'.
            var contenders = models.Select(m => (m.Key, m.Value, m.Value.Ranker)).ToList();
            if (t == EvaluationTrack.Repeat)
            {
                contenders.Add((PersonalFrequencyModel.Name, bestSellers, personal.Value));
            }
            var scores = Ndcg(contenders, customers, t, ct);
            var own = scores.GetValueOrDefault(PersonalFrequencyModel.Name);
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
                    own is null ? null : Difference(bootstrap, s, own), own is null ? null : PersonalFrequencyModel.Name));
            }
        }

        var championMissing = championAlgorithm is not null and not AlgorithmNames.Popularity && !models.ContainsKey(championAlgorithm);
        return new Measurement(data.LastDay, track, championAlgorithm, championRunId, split.SplitDay, null, evidence, championMissing);
    }

    /// <summary>What <see cref="Measure"/> found: each algorithm's figures against best sellers and the champion, or why there are none.</summary>
    public sealed class Measurement
    {
        private readonly int _lastDay;
        private readonly SelectionTrack _track;
        private readonly string? _championAlgorithm;
        private readonly int? _championRunId;
        private readonly int? _splitDay;
        private readonly string? _failure;
        private readonly IReadOnlyDictionary<string, List<TrackEvidence>> _evidence;
        private readonly bool _championMissing;

        internal Measurement(int lastDay, SelectionTrack track, string? championAlgorithm, int? championRunId, int? splitDay, string? failure,
            IReadOnlyDictionary<string, List<TrackEvidence>> evidence, bool championMissing)
        {
            (_lastDay, _track, _championAlgorithm, _championRunId, _splitDay, _failure, _evidence, _championMissing) =
                (lastDay, track, championAlgorithm, championRunId, splitDay, failure, evidence, championMissing);
        }

        /// <summary>The decision among <paramref name="trained"/>: the algorithms whose new runs succeeded and may serve.</summary>
        public ChampionDecision Decide(IReadOnlyCollection<string> trained)
        {
            var (track, championAlgorithm) = (_track, _championAlgorithm);
            if (_failure is not null)
            {
                return Fallback(Decision, [], trained, championAlgorithm, _failure);
            }
            var contenders = trained.Where(_evidence.ContainsKey).Distinct().Select(a => new ContenderEvidence(a, _evidence[a],
                Qualifies(a, _evidence[a], track, championAlgorithm, _championMissing))).ToList();
            var best = contenders.Where(c => c.Qualifies).OrderByDescending(c => c.Score(track)).FirstOrDefault();
            var deciding = _evidence.Values.SelectMany(e => e).Where(t => Decides(track, t.Track)).ToList();
            if (best is null && deciding.FirstOrDefault(t => t.Customers < MinTestCustomers) is { } few)
            {
                return Fallback(Decision, contenders, trained, championAlgorithm,
                    $"Too few customers to tell the models apart: {few.Customers} test customers on the last {HoldoutDays} days " +
                    $"({(few.Track == EvaluationTrack.New ? "products new to them" : "what they buy again")}), and at least {MinTestCustomers} are needed");
            }
            if (best is null)
            {
                return Fallback(Decision, contenders, trained, championAlgorithm,
                    $"No model beat {(championAlgorithm is null or AlgorithmNames.Popularity ? "best sellers" : $"both the champion ({championAlgorithm}) and best sellers")} " +
                    $"beyond chance on the last {HoldoutDays} days ({Tracks(track)})");
            }
            var reason = best.Algorithm == championAlgorithm
                ? $"{best.Algorithm} was trained again on the new sales and still beats best sellers beyond chance on the last {HoldoutDays} days ({Tracks(track)}): the new run serves."
                : championAlgorithm is null or AlgorithmNames.Popularity
                    ? $"{best.Algorithm} beats best sellers beyond chance on the last {HoldoutDays} days ({Tracks(track)}): it serves."
                    : $"{best.Algorithm} beats both the champion ({championAlgorithm}) and best sellers beyond chance on the last {HoldoutDays} days ({Tracks(track)}): it serves.";
            return Decision(best.Algorithm, reason, contenders);
        }

        private ChampionDecision Decision(string? promote, string reason, IReadOnlyList<ContenderEvidence> contenders) =>
            new(promote, reason, _track, K, _splitDay is { } split ? DateOnly.FromDayNumber(split) : null,
                _splitDay is null ? null : DateOnly.FromDayNumber(_lastDay), _championAlgorithm, _championRunId, contenders);
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
        return deciding.All(t => t.Customers >= MinTestCustomers && t.VersusBestSellers.Low > 0 && (t.VersusChampion is null || t.VersusChampion.Low > 0));
    }

    /// <summary>Nothing qualified: the champion keeps serving; with none, best sellers serve (and best sellers retrained replace best sellers).</summary>
    private static ChampionDecision Fallback(Func<string?, string, IReadOnlyList<ContenderEvidence>, ChampionDecision> decision,
        IReadOnlyList<ContenderEvidence> contenders, IReadOnlyCollection<string> trained, string? championAlgorithm, string why)
    {
        var bestSellersTrained = trained.Contains(AlgorithmNames.Popularity);
        if (championAlgorithm is null)
        {
            return bestSellersTrained
                ? decision(AlgorithmNames.Popularity, $"{why}: best sellers serve until a model does better.", contenders)
                : decision(null, $"{why}, and best sellers were not trained: nothing serves yet.", contenders);
        }
        if (championAlgorithm == AlgorithmNames.Popularity && bestSellersTrained)
        {
            return decision(AlgorithmNames.Popularity, $"{why}: best sellers keep serving, counted again on the new sales.", contenders);
        }
        return decision(null, $"{why}: the champion ({championAlgorithm}) keeps serving.", contenders);
    }

    /// <summary>
    /// At most <paramref name="max"/> of the test customers, drawn with a fixed seed so a training repeated on the same
    /// sales decides on the same customers, and kept in their order; all of them when there are no more than that.
    /// </summary>
    internal static IReadOnlyList<HoldoutSplit.TestCustomer> Sample(IReadOnlyList<HoldoutSplit.TestCustomer> customers, int max, int seed)
    {
        if (customers.Count <= max)
        {
            return customers;
        }
        var random = new Random(seed);
        var chosen = Enumerable.Range(0, customers.Count).OrderBy(_ => random.Next()).Take(max).Order();
        return chosen.Select(i => customers[i]).ToList();
    }

    /// <summary>
    /// Each contender's NDCG@K for each customer. A customer's reasons (what they bought goes with, what is similar) are
    /// worked out once for every list drawn from the same catalog and neighbour tables: at 10× working them out again
    /// for each of eight lists was about half the scoring time.
    /// </summary>
    private static Dictionary<string, double[]> Ndcg(IReadOnlyList<(string Name, ModelBundle Bundle, IRecommender Ranker)> contenders,
        IReadOnlyList<HoldoutSplit.TestCustomer> customers, EvaluationTrack track, CancellationToken ct)
    {
        var values = contenders.Select(_ => new double[customers.Count]).ToArray();
        var models = contenders.Select(c => new Evaluator.Contender(c.Ranker.Algorithm, false, c.Bundle, c.Ranker)).ToArray();
        Parallel.For(0, customers.Count, PerCore.Options(ct), i =>
        {
            var customer = customers[i];
            ModelBundle? reasonsOf = null;
            ReasonRules? reasons = null;
            for (var m = 0; m < models.Length; m++)
            {
                var bundle = models[m].Bundle;
                if (reasonsOf is null || !reasonsOf.SharesSnapshotWith(bundle))
                {
                    (reasonsOf, reasons) = (bundle, ReasonRules.ForCustomer(bundle, bundle.HistoryOf(customer.Customer), [], K));
                }
                var list = Evaluator.ListFor(models[m], customer, track, K, reasons: reasons);
                values[m][i] = RankingMetrics.Score(list.Select(c => c.Item).ToList(), customer.Truth, K)!.Ndcg;
            }
        });
        return contenders.Select((c, m) => (c.Name, Values: values[m])).ToDictionary(x => x.Name, x => x.Values);
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
