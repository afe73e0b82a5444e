namespace RetailRecs.Core.Model;

/// <summary>
/// Who runs a job that must run once across every app instance sharing the database (a training, a segmentation, an
/// evaluation, a scheduled run), until when. The holder renews it while the job runs; once it has expired, or its holder
/// process is known to be gone, another instance may take it. See Common.Jobs.JobLeases.
/// </summary>
public class JobLease
{
    public const int NameLength = 100;

    /// <summary>The job: "training", "segmentation", or a one-off claim such as "schedule:training:2026-12-02".</summary>
    public string Name { get; set; } = "";
    /// <summary>The holding process, as in the jobs' Owner column ("machine:process id").</summary>
    public string Holder { get; set; } = "";
    public DateTime AcquiredAt { get; set; }
    public DateTime ExpiresAt { get; set; }
}
