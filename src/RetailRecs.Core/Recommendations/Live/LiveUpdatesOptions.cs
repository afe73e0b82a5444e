namespace RetailRecs.Core.Recommendations.Live;

/// <summary>Settings <c>Live:*</c>: how many sales since the last training the app folds into suggestions in memory.</summary>
public sealed class LiveUpdatesOptions
{
    public const string Section = "Live";

    /// <summary>
    /// Baskets kept in memory at most (each instance). Past it the oldest waits for the next training, which reads every
    /// sale from the database anyway. 200,000 baskets of a few lines take about 60–100 MB.
    /// </summary>
    public int MaxBaskets { get; set; } = 200_000;
}
