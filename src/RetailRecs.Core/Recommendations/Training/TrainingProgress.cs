namespace RetailRecs.Core.Recommendations.Training;

/// <summary>Where a training job is: a stage a person can read, and the share of the job done (0 to 1).</summary>
public sealed record TrainingProgress(string Stage, double Fraction);
