namespace RetailRecs.Core.Privacy.Retention;

/// <summary>
/// How long RetailRecs keeps what (settings <c>Privacy:Retention:*</c>). Each period is in months; 0 turns that part
/// of the policy off. The defaults are a starting point for the retailer's own record of processing, not legal advice.
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "Privacy:Retention";

    /// <summary>
    /// Customers with no sale (and no joining date) within this many months are anonymised as an erasure would be.
    /// Three years: long enough for a customer who comes once a year, short of keeping everyone for ever.
    /// </summary>
    public int CustomersInactiveMonths { get; set; } = 36;

    /// <summary>Suggestions shown, accepted, dismissed (and experiment exposures) older than this are deleted.</summary>
    public int InteractionsMonths { get; set; } = 24;

    /// <summary>
    /// Audit entries older than this are deleted, except the records of erasures and of retention runs (proof that a
    /// request or the policy was honoured; they hold no personal data). Six years: the UK limitation period for claims.
    /// </summary>
    public int AuditEntriesMonths { get; set; } = 72;

    /// <summary>
    /// The web app applies the policy once a day. Off by default: anonymising is irreversible and the periods are the
    /// retailer's decision, so an operator turns it on after reading a dry run (CLI or the Audit log page).
    /// </summary>
    public bool RunDaily { get; set; }

    /// <summary>Time of day (UTC) from which the daily run is due; the first instance to look after it runs it.</summary>
    public string DailyAtUtc { get; set; } = "03:00";

    /// <summary>Customers anonymised per transaction: each batch is committed whole or not at all.</summary>
    public int CustomerBatchSize { get; set; } = 500;

    /// <summary>Rows deleted per statement, so no single statement holds the write lock for long.</summary>
    public int DeleteBatchSize { get; set; } = 20_000;

    /// <summary>The settings as they read, or the first one that cannot be used.</summary>
    public string? Problem()
    {
        if (CustomersInactiveMonths < 0 || InteractionsMonths < 0 || AuditEntriesMonths < 0)
        {
            return "Privacy:Retention periods are months and cannot be negative (0 turns one off).";
        }
        if (CustomerBatchSize < 1 || DeleteBatchSize < 1)
        {
            return "Privacy:Retention batch sizes must be at least 1.";
        }
        if (!TimeOnly.TryParse(DailyAtUtc, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            return $"Privacy:Retention:DailyAtUtc must be a time of day such as 03:00, not '{DailyAtUtc}'.";
        }
        return null;
    }
}
