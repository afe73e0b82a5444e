namespace RetailRecs.Core.Recommendations.Training;

/// <summary>The "Training" settings section.</summary>
public sealed class TrainingOptions
{
    public const string Section = "Training";

    /// <summary>Train every model at start-up when there are sales but no model yet (a new install, the demo).</summary>
    public bool TrainWhenNoModel { get; set; } = true;

    /// <summary>Local time of day for the scheduled retraining of every model, e.g. "02:00"; empty for none.</summary>
    public string? DailyAt { get; set; }

    /// <summary>The tracks a model must beat the champion and best sellers on to serve: Both (default), Repeat or New.</summary>
    public SelectionTrack SelectionTrack { get; set; } = SelectionTrack.Both;

    /// <summary>
    /// How many months that have sales, up to the last sale, a training learns from when no start is given (default 24;
    /// 0: every sale). A chain keeps years of sales: what customers bought three years ago says little about what to
    /// suggest now, and every older year is more time and memory for each training. Months without a sale do not count.
    /// </summary>
    public int WindowMonths { get; set; } = 24;

    /// <summary>
    /// How many of each algorithm's latest trained runs keep their stored model (default 3, at least 1). Older runs'
    /// models are removed after each training unless the run serves or an experiment names it: a nightly training of
    /// a ten-store chain adds about 60 MiB, and old models also keep customers' histories nobody needs any more.
    /// </summary>
    public int KeepRunsPerAlgorithm { get; set; } = 3;
}
