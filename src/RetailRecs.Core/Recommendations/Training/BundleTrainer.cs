using System.Diagnostics;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Algorithms;
using RetailRecs.Core.Recommendations.Engine;

namespace RetailRecs.Core.Recommendations.Training;

/// <summary>
/// Trains models from a <see cref="TrainingData"/>, no database involved: the training job, the evaluation and the
/// tests all come through here. The shared parts (popularity, co-purchase and text neighbourhoods) are trained once
/// and every requested ranker is built on them.
/// </summary>
public static class BundleTrainer
{
    /// <param name="Skipped">True when the data cannot support the algorithm (no product text for the text model): not a failure.</param>
    public sealed record Trained(string Algorithm, ModelBundle? Bundle, TimeSpan Duration, string? Error, bool Skipped = false);

    /// <param name="share">What the hybrids of one training job share (<see cref="HybridTrainingShare"/>), or null.</param>
    public static IReadOnlyList<Trained> Train(TrainingData data, IReadOnlyList<string> algorithms, TrainingParameters parameters,
        IProgress<TrainingProgress>? progress = null, CancellationToken ct = default, HybridTrainingShare? share = null)
    {
        var unknown = algorithms.Except(AlgorithmNames.All).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Unknown algorithm(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", AlgorithmNames.All)}.");
        }
        var steps = 4.0 + algorithms.Count;
        var done = 0;
        void Report(string stage) => progress?.Report(new TrainingProgress(stage, done++ / steps));

        if (algorithms.Contains(AlgorithmNames.Hybrid))
        {
            share?.StartServedFit(data);
        }
        var shared = Stopwatch.StartNew();
        Report("Counting best sellers and trends");
        var (popularity, trending) = PopularityModel.TrainBoth(data);
        ct.ThrowIfCancellationRequested();
        Report("Counting products bought together");
        var itemKnn = ItemKnnModel.Train(data, parameters.Similarity, parameters.ItemNeighbours, parameters.MinSupport, ct);
        Report("Reading product descriptions");
        // The text model depends on the catalog alone: a job's trainings on the same catalog share one (see HybridTrainingShare).
        var content = share?.ContentOf(data, parameters, ct) ?? ContentModel.Train(data, parameters.ItemNeighbours, ct);
        var noText = ProductText.TooLittle(data.Items.Select(i => i.Text), ProductText.MinimumForTextModel);
        var histories = data.Histories.ToArray();
        var baseBundle = new ModelBundle(data.Items, data.CustomerIds, histories, data.LastDay, popularity, trending, itemKnn, content, popularity);
        var sharedTime = shared.Elapsed;
        // Both the user-based ranker and the hybrid need it: trained once per job.
        var userKnn = new Lazy<UserKnnModel>(() => UserKnnModel.Train(data, parameters.UserNeighbours));

        var results = new List<Trained>();
        foreach (var algorithm in algorithms)
        {
            ct.ThrowIfCancellationRequested();
            Report($"Training {AlgorithmNames.Describe(algorithm)}");
            var watch = Stopwatch.StartNew();
            if (algorithm == AlgorithmNames.Content && noText is not null)
            {
                results.Add(new Trained(algorithm, null, TimeSpan.Zero, $"Not trained: {noText}.", Skipped: true));
                continue;
            }
            try
            {
                IRecommender ranker = algorithm switch
                {
                    AlgorithmNames.Popularity => popularity,
                    AlgorithmNames.Trending => trending,
                    AlgorithmNames.ItemKnn => itemKnn,
                    AlgorithmNames.Content => content,
                    AlgorithmNames.UserKnn => userKnn.Value,
                    AlgorithmNames.Factorization => FactorizationModel.Train(data, parameters, ct),
                    AlgorithmNames.Hybrid => HybridModel.Train(data, new HybridCandidates.Components(popularity, trending, itemKnn,
                        userKnn.Value, content,
                        popularity.ScoreByItem(data.ItemCount), trending.ScoreByItem(data.ItemCount), RepurchaseStats.Count(data)), parameters, ct, share),
                    _ => throw new NotSupportedException($"{AlgorithmNames.Describe(algorithm)} cannot be trained yet."),
                };
                // The shared parts' time is charged to every run: it is what training that model alone would cost.
                results.Add(new Trained(algorithm, baseBundle.WithRanker(ranker), watch.Elapsed + sharedTime, null));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                results.Add(new Trained(algorithm, null, watch.Elapsed, Common.FailureText.Of(e)));
            }
        }
        progress?.Report(new TrainingProgress("Done", 1));
        return results;
    }
}
