using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Privacy;

/// <summary>
/// The one rule by which a customer's choice about personalisation is stored, whatever the path (the card, the API, a
/// customers file): a choice that changes their state is recorded, dated and attributed, and
/// <see cref="Customer.PersonalizationOptOut"/>, the column serving, segmentation and training read, is set with it. A
/// choice that repeats the current state records nothing, so a file re-imported or a field re-sent adds no history.
/// </summary>
public static class ConsentRule
{
    /// <summary>The audit action of a change of a customer's choice (the card and the API write one per change).</summary>
    public const string ChangedAction = "customer.optout-changed";

    /// <summary>Applies the choice to a tracked (or newly added) customer; the caller saves.</summary>
    /// <returns>The new record, or null when the customer was already in that state.</returns>
    public static ConsentRecord? Apply(RetailDbContext db, Customer customer, bool granted, ConsentOrigin origin, DateTime at)
    {
        if (customer.PersonalizationOptOut == !granted)
        {
            return null;
        }
        customer.PersonalizationOptOut = !granted;
        var record = new ConsentRecord
        {
            Customer = customer,
            Purpose = ConsentPurpose.Personalisation,
            Granted = granted,
            RecordedAt = at,
            Source = origin.Source,
            RecordedBy = origin.RecordedBy,
            ImportBatchId = origin.ImportBatchId,
        };
        db.ConsentRecords.Add(record);
        return record;
    }

    /// <summary>
    /// Objectors' profiles go with the objection, not at the next segmentation (which leaves objectors out): the card's
    /// segment chip, the segment's member list and a dashboard's segment view no longer place them. Every path calls it
    /// in the transaction that stored the objections, with the customers that objected (set-based: a customers file may
    /// carry thousands).
    /// </summary>
    public static async Task LeaveSegmentsAsync(RetailDbContext db, IReadOnlyCollection<int> objectors, CancellationToken ct)
    {
        foreach (var chunk in objectors.Chunk(1000))
        {
            await db.CustomerSegments.Where(s => chunk.Contains(s.CustomerId)).ExecuteDeleteAsync(ct);
        }
    }

    /// <summary>The audit entry's details for a change: what was chosen and where, no personal data.</summary>
    public static string AuditDetails(ConsentRecord record) =>
        $"{(record.Granted ? "agreed again to" : "objected to")} personalised suggestions and profiling; source: {SourceText(record.Source)}" +
        (record.Source == ConsentSource.Api ? $" ({record.RecordedBy})" : "");

    /// <summary>The source in words, as the card and the audit log say it.</summary>
    public static string SourceText(ConsentSource source) => source switch
    {
        ConsentSource.Counter => "at the counter",
        ConsentSource.Admin => "by an admin",
        ConsentSource.Api => "through the API",
        ConsentSource.Import => "in a customers file",
        _ => source.ToString(),
    };
}
