namespace RetailRecs.Core.Recommendations.Scoring;

public enum EvaluationTrack
{
    /// <summary>Products bought before the split may be suggested and count as hits (replenishment).</summary>
    Repeat,
    /// <summary>Products bought before the split are left out of both the lists and the truth (discovery).</summary>
    New,
}

/// <summary>How an offline evaluation is run. Defaults are the README's protocol.</summary>
public sealed record EvaluationOptions
{
    public int K { get; init; } = 10;
    /// <summary>The first held-out day; null holds out the last <see cref="HoldoutDays"/> days of data.</summary>
    public DateOnly? SplitDate { get; init; }
    public int HoldoutDays { get; init; } = 30;
    public IReadOnlyList<EvaluationTrack> Tracks { get; init; } = [EvaluationTrack.Repeat, EvaluationTrack.New];
    /// <summary>Algorithms to train on the training side and score; null for every trainable one. Baselines are always added.</summary>
    public IReadOnlyList<string>? Models { get; init; }
    public int Resamples { get; init; } = 1000;
    /// <summary>How the category cap shapes the lists; the serving default unless the cap's own cost is being measured.</summary>
    public Recommendations.Serving.DiversityMode Diversity { get; init; } = Recommendations.Serving.DiversityMode.Adaptive;
    /// <summary>
    /// The bootstrap's and the training's random seed (the models' sampled customers and negatives, the ranker's trees):
    /// a change that moves a model's figures by less than they move from seed to seed is not shown by one run.
    /// </summary>
    public int Seed { get; init; } = 1;

    public string? Validate()
    {
        if (K is < 1 or > 100)
        {
            return "K must be between 1 and 100.";
        }
        if (HoldoutDays < 1)
        {
            return "Hold out at least one day.";
        }
        return Tracks.Count == 0 ? "Choose at least one track (repeat or new)." : null;
    }
}

/// <summary>An evaluation that cannot be run, with the reason in words an admin can act on.</summary>
public sealed class EvaluationException(string message) : Exception(message);
