namespace RetailRecs.Core.Model;

/// <summary>
/// One offline evaluation: every model trained on the sales before the split date and scored on what the test
/// customers bought after it. Kept as history so the Models page can show how the figures moved over time.
/// </summary>
public class EvaluationRun : IOwnedJob
{
    /// <summary>The process running it (see ProcessOwner): another instance leaves it alone while that process lives.</summary>
    public string? Owner { get; set; } = ProcessOwner.Current;

    public int Id { get; set; }
    public ModelRunStatus Status { get; set; }
    public DateTime StartedAt { get; set; } = DateTime.UtcNow;
    public DateTime? FinishedAt { get; set; }
    public double? Seconds { get; set; }
    /// <summary>Staff user name, or "cli".</summary>
    public string StartedBy { get; set; } = "";
    public DateOnly? DataFrom { get; set; }
    public DateOnly? DataTo { get; set; }
    /// <summary>The first held-out day.</summary>
    public DateOnly? SplitDate { get; set; }
    public int K { get; set; }
    /// <summary>The rows (one per model and track, with intervals and segment breakdown), as JSON.</summary>
    public string Results { get; set; } = "[]";
    public string? Error { get; set; }
}
