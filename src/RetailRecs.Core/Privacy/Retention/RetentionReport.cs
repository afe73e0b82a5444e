using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RetailRecs.Core.Privacy.Retention;

/// <summary>
/// What one retention run did (or, for a dry run, would do): counts per category and the dates they were measured
/// against, never anything about a person. Stored as the run's audit entry (JSON details), read back for admins.
/// </summary>
public sealed record RetentionReport
{
    public DateTime StartedAt { get; init; }
    public bool DryRun { get; init; }
    /// <summary>What started it: "daily job", "command line" or "admin".</summary>
    public string Trigger { get; init; } = "";
    public string By { get; init; } = "";

    /// <summary>The shop's today that customers' inactivity is measured to (the data's last day when it is historical).</summary>
    public DateOnly ShopToday { get; init; }
    public bool ShopDataHistorical { get; init; }
    /// <summary>Customers with no sale or joining on or after this day are anonymised; null when that part is off.</summary>
    public DateOnly? CustomersInactiveBefore { get; init; }
    /// <summary>Interaction events and exposures before this UTC time are deleted; null when off.</summary>
    public DateTime? InteractionsBefore { get; init; }
    /// <summary>Audit entries before this UTC time are deleted (records of erasures and retention runs kept); null when off.</summary>
    public DateTime? AuditEntriesBefore { get; init; }

    public int CustomersAnonymised { get; init; }
    /// <summary>Their orders, kept for the shop's figures with no customer link.</summary>
    public int OrdersAnonymised { get; init; }
    /// <summary>Customers with neither a sale nor a joining date: nothing says since when they are inactive, so they are kept.</summary>
    public int CustomersWithoutDate { get; init; }
    public int InteractionsDeleted { get; init; }
    public int ExposuresDeleted { get; init; }
    public int AuditEntriesDeleted { get; init; }
    /// <summary>A real run only: what went with the anonymised customers (their remaining events, memberships, ...).</summary>
    public AnonymisationCounts? WithTheCustomers { get; init; }

    public long Milliseconds { get; init; }
    /// <summary>False when the run stopped midway: what it had committed stays (each customer whole), the rest waits for the next run.</summary>
    public bool Completed { get; init; } = true;
    public string? Failure { get; init; }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static RetentionReport? FromJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<RetentionReport>(json, Json);
        }
        catch (JsonException)
        {
            return null; // an entry written by a later version, or edited by hand: shown as not readable
        }
    }

    /// <summary>The report in sentences, one per category, for the command line and the admin's panel.</summary>
    public IReadOnlyList<string> Lines()
    {
        var would = DryRun ? "would be " : "";
        var lines = new List<string>();
        lines.Add(CustomersInactiveBefore is { } since
            ? $"Customers: {CustomersAnonymised:N0} with no sale since before {Day(since)} {would}anonymised ({OrdersAnonymised:N0} of their orders kept " +
              $"anonymised for the shop's figures). Inactivity is measured to {Day(ShopToday)}, " +
              (ShopDataHistorical ? "the day of the last sale: the sales are historical, so the real date would make everyone inactive." : "today.") +
              (CustomersWithoutDate > 0 ? $" {CustomersWithoutDate:N0} customers have no sale and no joining date and are kept." : "")
            : "Customers: off (Privacy:Retention:CustomersInactiveMonths is 0).");
        lines.Add(InteractionsBefore is { } events
            ? $"Interaction events: {InteractionsDeleted:N0} before {Day(events)} {would}deleted; experiment exposures: {ExposuresDeleted:N0} {would}deleted (those of running experiments are kept)."
            : "Interaction events and exposures: off (Privacy:Retention:InteractionsMonths is 0).");
        lines.Add(AuditEntriesBefore is { } audit
            ? $"Audit entries: {AuditEntriesDeleted:N0} before {Day(audit)} {would}deleted (records of erasures, retention runs and objections are kept)."
            : "Audit entries: off (Privacy:Retention:AuditEntriesMonths is 0).");
        if (WithTheCustomers is { } with && with.Customers > 0)
        {
            lines.Add($"With the anonymised customers went {with.InteractionsDeleted:N0} more interaction events, {with.SegmentMembershipsDeleted:N0} segment " +
                $"memberships, {with.ExposuresDeleted:N0} exposures and {with.AuditEntriesDeleted:N0} audit entries about them; " +
                $"{with.RejectedRowsCleared:N0} rejected import rows naming them were cleared.");
        }
        lines.Add(Completed
            ? $"{(DryRun ? "Dry run: nothing was changed" : "Done")} in {Milliseconds:N0} ms."
            : $"Stopped after {Milliseconds:N0} ms: {Failure} What was done stays (each customer whole); the next run does the rest.");
        return lines;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static string Day(DateTime time) => time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public override string ToString() => new StringBuilder().AppendJoin(Environment.NewLine, Lines()).ToString();
}
