namespace RetailRecs.Core.Model;

/// <summary>
/// One segmentation of the customer base: how many segments, how that number was chosen, the quality of every
/// candidate number (for the chart a manager overrides it from), and whether it is the run the product uses now.
/// Runs are kept as history; exactly one succeeded run is current.
/// </summary>
public class SegmentationRun : IOwnedJob
{
    /// <summary>The process running it (see ProcessOwner): another instance leaves it alone while that process lives.</summary>
    public string? Owner { get; set; } = ProcessOwner.Current;

    public int Id { get; set; }
    public ModelRunStatus Status { get; set; }
    public DateTime StartedAt { get; set; } = DateTime.UtcNow;
    public DateTime? FinishedAt { get; set; }
    public double? Seconds { get; set; }
    /// <summary>Staff user id, or "startup" / "schedule" / "cli".</summary>
    public string StartedBy { get; set; } = "";
    /// <summary>
    /// The first model run of the training this segmentation followed ("train, then re-segment"); null when it was
    /// started on its own (by hand, at start-up, from the command line). Not a foreign key: it only says how the run began.
    /// </summary>
    public int? AfterTrainingRunId { get; set; }
    /// <summary>The day recency is reckoned from: the last day with sales.</summary>
    public DateOnly? AsOf { get; set; }
    public int Customers { get; set; }
    public int K { get; set; }
    /// <summary>True when a manager fixed the number of segments instead of letting the silhouette choose.</summary>
    public bool KChosenByUser { get; set; }
    /// <summary>Silhouette and Davies–Bouldin per candidate number of segments, as JSON.</summary>
    public string KScores { get; set; } = "[]";
    /// <summary>The features the customers were clustered on, as a JSON list of names.</summary>
    public string Features { get; set; } = "[]";
    public string? Error { get; set; }
    public bool IsCurrent { get; set; }
    public List<Segment> Segments { get; set; } = [];
}

/// <summary>One segment of a run, with the profile managers read and the name they may change.</summary>
public class Segment
{
    public int Id { get; set; }
    public int RunId { get; set; }
    public SegmentationRun? Run { get; set; }
    /// <summary>0-based cluster number within the run.</summary>
    public int Number { get; set; }
    public string Name { get; set; } = "";
    /// <summary>The name generated from the profile; kept so a rename can be carried to the next run's look-alike.</summary>
    public string GeneratedName { get; set; } = "";
    public string? RenamedBy { get; set; }
    public int Size { get; set; }
    public double RevenueShare { get; set; }
    public double MedianRecencyDays { get; set; }
    public double MedianFrequency { get; set; }
    public decimal MedianMonetary { get; set; }
    /// <summary>The rest of the profile (feature means, top categories and products, country mix), as JSON.</summary>
    public string Profile { get; set; } = "{}";
}

/// <summary>A customer's place in one run: the K-means segment, the classic RFM scores and the 2-D map position.</summary>
public class CustomerSegment
{
    public int RunId { get; set; }
    public int CustomerId { get; set; }
    public int SegmentId { get; set; }
    public Segment? Segment { get; set; }
    public byte RecencyScore { get; set; }
    public byte FrequencyScore { get; set; }
    public byte MonetaryScore { get; set; }
    /// <summary>The named RFM segment ("Champions", "At risk", …) of the R and F scores.</summary>
    public string RfmSegment { get; set; } = "";
    public int RecencyDays { get; set; }
    public int Frequency { get; set; }
    public decimal Monetary { get; set; }
    public float MapX { get; set; }
    public float MapY { get; set; }
}
