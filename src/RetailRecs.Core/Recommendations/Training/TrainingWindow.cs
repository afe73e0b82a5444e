namespace RetailRecs.Core.Recommendations.Training;

/// <summary>The days of sales a model learns from, both ends included; null ends mean "from the first" / "to the last" sale.</summary>
public sealed record TrainingWindow(DateOnly? From = null, DateOnly? To = null)
{
    public static TrainingWindow All { get; } = new();
}
