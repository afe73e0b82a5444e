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
    /// <param name="besideHybrid">
    /// Work to do with the other models while the hybrid trains (the champion selection scores them), or null.
    /// </param>
    /// <remarks>
    /// The hybrid trains on a thread of its own from the start, and the other models (then <paramref name="besideHybrid"/>)
    /// on this one meanwhile: most of the hybrid's training runs on one core (ML.NET fits one LightGBM model at a time, and
    /// its candidates are built one customer after another), so the factorization machine and the scoring use the other.
    /// Every model is trained from the same data and seed as when trained alone, so the models are the same.
    /// </remarks>
    public static IReadOnlyList<Trained> Train(TrainingData data, IReadOnlyList<string> algorithms, TrainingParameters parameters,
        IProgress<TrainingProgress>? progress = null, CancellationToken ct = default, HybridTrainingShare? share = null,
        Action<IReadOnlyList<Trained>>? besideHybrid = null)
    {
        var unknown = algorithms.Except(AlgorithmNames.All).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Unknown algorithm(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", AlgorithmNames.All)}.");
        }
        var steps = 4.0 + algorithms.Count;
        var done = 0;
        void Report(string stage) => progress?.Report(new TrainingProgress(stage, done++ / steps));

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

        // Progress is reported from this thread only (the hybrid's stage before its thread starts): a progress handler
        // need not be thread-safe.
        Trained TrainOne(string algorithm, CancellationToken token, bool reported = false)
        {
            token.ThrowIfCancellationRequested();
            if (!reported)
            {
                Report($"Training {AlgorithmNames.Describe(algorithm)}");
            }
            var watch = Stopwatch.StartNew();
            if (algorithm == AlgorithmNames.Content && noText is not null)
            {
                return new Trained(algorithm, null, TimeSpan.Zero, $"Not trained: {noText}.", Skipped: true);
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
                    AlgorithmNames.Factorization => FactorizationModel.Train(data, parameters, token),
                    AlgorithmNames.Hybrid => HybridModel.Train(data, new HybridCandidates.Components(popularity, trending, itemKnn,
                        userKnn.Value, content,
                        popularity.ScoreByItem(data.ItemCount), trending.ScoreByItem(data.ItemCount), RepurchaseStats.Count(data)), parameters, token, share),
                    _ => throw new NotSupportedException($"{AlgorithmNames.Describe(algorithm)} cannot be trained yet."),
                };
                // The shared parts' time is charged to every run: it is what training that model alone would cost.
                return new Trained(algorithm, baseBundle.WithRanker(ranker), watch.Elapsed + sharedTime, null);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return new Trained(algorithm, null, watch.Elapsed, e.Message);
            }
        }

        var results = new Trained?[algorithms.Count];
        var hybridAt = algorithms.ToList().IndexOf(AlgorithmNames.Hybrid);
        void TrainOthers()
        {
            for (var i = 0; i < algorithms.Count; i++)
            {
                if (i != hybridAt)
                {
                    results[i] = TrainOne(algorithms[i], ct);
                }
            }
        }
        if (hybridAt < 0)
        {
            TrainOthers();
        }
        else
        {
            ct.ThrowIfCancellationRequested();
            Report($"Training {AlgorithmNames.Describe(AlgorithmNames.Hybrid)}");
            results[hybridAt] = TrainHybridBeside(token => TrainOne(AlgorithmNames.Hybrid, token, reported: true), () =>
            {
                TrainOthers();
                besideHybrid?.Invoke(results.OfType<Trained>().ToList());
                // What is left is the hybrid's: the progress says so again.
                progress?.Report(new TrainingProgress($"Training {AlgorithmNames.Describe(AlgorithmNames.Hybrid)}", done / steps));
            }, ct);
        }
        progress?.Report(new TrainingProgress("Done", 1));
        return results.Select(r => r!).ToList();
    }

    /// <summary>
    /// The hybrid trained on a thread of its own while <paramref name="beside"/> runs on this one. When that fails, the
    /// hybrid is cancelled and waited for before the failure goes on: nothing of a failed job keeps running.
    /// </summary>
    private static Trained TrainHybridBeside(Func<CancellationToken, Trained> train, Action beside, CancellationToken ct)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var hybrid = Task.Factory.StartNew(() => train(linked.Token), linked.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            beside();
        }
        catch
        {
            linked.Cancel();
            try
            {
                hybrid.Wait(CancellationToken.None);
            }
            catch (AggregateException)
            {
                // Its cancellation (or its own failure): the failure beside it is the one reported.
            }
            throw;
        }
        return hybrid.GetAwaiter().GetResult();
    }
}
