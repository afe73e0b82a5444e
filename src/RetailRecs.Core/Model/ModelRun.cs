namespace RetailRecs.Core.Model;

/// <summary>Skipped: the data cannot support the algorithm (the text model on products without descriptions); not a failure.</summary>
public enum ModelRunStatus { Running, Succeeded, Failed, Cancelled, Skipped }

/// <summary>
/// One trained model: which algorithm with which settings, on which data window, how long it took, how it scored,
/// and whether it is the champion that serves suggestions. The trained artifact is in <see cref="ModelRunArtifact"/>
/// so listing runs never reads the bytes.
/// </summary>
public class ModelRun : IOwnedJob
{
    /// <summary>The process running it (see ProcessOwner): another instance leaves it alone while that process lives.</summary>
    public string? Owner { get; set; } = ProcessOwner.Current;

    public int Id { get; set; }
    public string Algorithm { get; set; } = "";
    /// <summary>The <c>TrainingParameters</c> used, as JSON.</summary>
    public string Parameters { get; set; } = "{}";
    public ModelRunStatus Status { get; set; }
    /// <summary>First and last day of sales the model learned from.</summary>
    public DateOnly? DataFrom { get; set; }
    public DateOnly? DataTo { get; set; }
    public int Customers { get; set; }
    public int Products { get; set; }
    public int Purchases { get; set; }
    public DateTime StartedAt { get; set; } = DateTime.UtcNow;
    public DateTime? FinishedAt { get; set; }
    public double? TrainingSeconds { get; set; }
    /// <summary>Compressed artifact size in bytes.</summary>
    public long? ArtifactBytes { get; set; }
    /// <summary>
    /// When the artifact was removed to bound the database's growth (an older run, not the champion nor in a draft or
    /// running experiment: see <c>Training:KeepRunsPerAlgorithm</c>); the run's figures stay.
    /// </summary>
    public DateTime? ArtifactRemovedAt { get; set; }
    /// <summary>What went wrong, in words an admin can act on, for a failed run.</summary>
    public string? Error { get; set; }
    /// <summary>Evaluation figures as JSON, once the run has been evaluated.</summary>
    public string? Metrics { get; set; }
    /// <summary>Staff user id (or "cli", "schedule") that started the run.</summary>
    public string StartedBy { get; set; } = "";
    public bool IsChampion { get; set; }
    public DateTime? PromotedAt { get; set; }
    public string? PromotedBy { get; set; }
}

/// <summary>
/// The trained model's bytes, one row per successful run. A run of a training job stores only what is its own (the
/// header and the ranker) and points at the part the job's runs share (<see cref="ModelArtifactPart"/>), which goes
/// back between them at <see cref="SharedPartAt"/>; a run stored before parts were shared has the whole artifact here.
/// </summary>
public class ModelRunArtifact
{
    public int ModelRunId { get; set; }
    public byte[] Data { get; set; } = [];
    public int? SharedPartId { get; set; }
    /// <summary>Where in <see cref="Data"/> the shared part belongs (the header's length).</summary>
    public int? SharedPartAt { get; set; }
}

/// <summary>
/// The part of a training job's artifacts that all its runs share — catalog, customers' histories, best sellers, trends,
/// both neighbour tables — stored once per job instead of once per run (41 MiB compressed for a ten-store chain).
/// </summary>
public class ModelArtifactPart
{
    public int Id { get; set; }
    public byte[] Data { get; set; } = [];
}
