namespace RetailRecs.Core.Model;

public enum ExperimentStatus { Draft, Running, Stopped }

/// <summary>What is randomised: each customer on their own, or every customer of a store together.</summary>
public enum ExperimentUnit { Customer, Store }

/// <summary>
/// What decides an experiment. Acceptance: the exposed customer accepted a suggestion. Purchase: they bought a
/// product they were shown within the attribution window. Revenue: the value of those purchases per exposed unit.
/// Any purchase and spend: the same over everything they bought in the window, shown or not — the fair measures when
/// the variants show lists of different lengths or kinds (a longer list "catches" more purchases that would have
/// happened anyway).
/// </summary>
public enum ExperimentMetric { AcceptanceRate, PurchaseWithinDays, RevenuePerExposed, AnyPurchaseWithinDays, SpendPerExposed }

/// <summary>
/// An A/B (or A/A) test of recommendation strategies: each variant serves a model run with its own mode and list
/// length to the share of units its weight gives it. Variants and guardrails are stored as JSON because they are
/// always read and written whole with the experiment.
/// </summary>
public class Experiment
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string Hypothesis { get; set; } = "";
    public ExperimentStatus Status { get; set; }
    public ExperimentUnit Unit { get; set; }
    /// <summary>The <see cref="ExperimentVariant"/> list, as JSON; the first is the control.</summary>
    public string Variants { get; set; } = "[]";
    public ExperimentMetric PrimaryMetric { get; set; }
    /// <summary>The other metrics watched so the winner does not win by hurting them, as a JSON list of names.</summary>
    public string Guardrails { get; set; } = "[]";
    /// <summary>How long after an exposure a purchase still counts for it.</summary>
    public int AttributionDays { get; set; } = 7;
    public int PlannedDays { get; set; } = 14;
    /// <summary>Units each variant needs, from the sample-size calculator when the experiment was set up.</summary>
    public int? PlannedUnitsPerVariant { get; set; }
    /// <summary>Both variants identical: a check of the plumbing, which should find no difference.</summary>
    public bool IsAA { get; set; }
    /// <summary>
    /// The risk of a false winner the manager accepted when planning (the form's "risk of a false winner"): the results
    /// judge at this level (split over the comparisons with more than two variants), as the plan's sample size assumed.
    /// </summary>
    public double Alpha { get; set; } = 0.05;
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public string CreatedBy { get; set; } = "";
    public DateTime? StartedAt { get; set; }
    public string? StartedBy { get; set; }
    public DateTime? StoppedAt { get; set; }
    public string? StoppedBy { get; set; }
    public string? Winner { get; set; }
}

/// <summary>One arm of an experiment. A null <see cref="ModelRunId"/> means "whatever the champion is".</summary>
public sealed record ExperimentVariant(string Name, int? ModelRunId, SuggestionMode Mode, int K, double Weight);

/// <summary>One time a unit in an experiment was shown its variant's suggestions.</summary>
public class ExperimentExposure
{
    public long Id { get; set; }
    public int ExperimentId { get; set; }
    public string Variant { get; set; } = "";
    /// <summary>What was randomised: the customer id, or the store id for a store experiment.</summary>
    public string UnitKey { get; set; } = "";
    public int CustomerId { get; set; }
    /// <summary>The products shown, comma-separated ids, so purchases can be attributed to them.</summary>
    public string ProductIds { get; set; } = "";
    public int ShownCount { get; set; }
    public int ModelRunId { get; set; }
    public DateTime OccurredAt { get; set; } = DateTime.UtcNow;
    /// <summary>"lookup" (the customer card) or "api".</summary>
    public string Source { get; set; } = "";
}
