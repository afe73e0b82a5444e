using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Privacy;

/// <summary>
/// A customer's copy of their data (right of access and portability): everything stored about them in one document.
/// The page and the CLI both call this; every export is written to the audit log.
/// </summary>
public sealed class CustomerExportService(IDbContextFactory<RetailDbContext> contexts)
{
    public const string ExportedAction = "customer.exported";
    public const string PersonalisationPurpose = "personalised-suggestions";

    /// <summary>The customer's data, or null (and nothing written) when no customer has that code.</summary>
    public Task<CustomerDataExport?> ExportAsync(string? customerCode, StaffActor actor, CancellationToken ct = default) =>
        ExportAsync(db => CustomerByCode.FindAsync(db, customerCode, ct), actor, ct);

    /// <summary>The same for the customer with this id (the customer card), or null when there is none.</summary>
    public Task<CustomerDataExport?> ExportAsync(int customerId, StaffActor actor, CancellationToken ct = default) =>
        ExportAsync(db => db.Customers.Where(c => c.Id == customerId).Select(c => (int?)c.Id).SingleOrDefaultAsync(ct), actor, ct);

    private async Task<CustomerDataExport?> ExportAsync(Func<RetailDbContext, Task<int?>> find, StaffActor actor, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        // One read transaction: the parts agree with each other even while sales and events keep arriving.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await find(db) is not { } id)
        {
            return null;
        }
        var key = id.ToString(CultureInfo.InvariantCulture);
        var c = await db.Customers.AsNoTracking().SingleAsync(x => x.Id == id, ct);
        var profile = new ExportedProfile(c.CustomerCode, c.FirstName, c.LastName, c.Email, c.Phone, c.LoyaltyNumber, c.Country, c.Region,
            c.BirthYear, c.Gender, c.JoinedOn, c.HasFictionalProfile);

        // Orders and lines as two queries: one query with the lines nested had SQLite join every line of the shop to
        // its product before picking this customer's (2.5 s on the full Online Retail data instead of milliseconds).
        var lines = (await db.OrderLines.AsNoTracking().Where(l => l.Order!.CustomerId == id)
                .Select(l => new { l.OrderId, l.LineNumber, l.Product!.Sku, l.Product.Name, l.Quantity, l.UnitPrice, l.QuantityUnknown })
                .ToListAsync(ct))
            .ToLookup(l => l.OrderId);
        var orders = (await db.Orders.AsNoTracking().Where(o => o.CustomerId == id)
                .OrderBy(o => o.PlacedAt).ThenBy(o => o.Id)
                .Select(o => new { o.Id, o.InvoiceNumber, o.PlacedAt, o.IsCancellation, Store = o.Store == null ? null : o.Store.Name, o.Revenue })
                .ToListAsync(ct))
            // A made-up basket key is nobody's receipt, and an order with an unpriced line has no known value (the card says
            // the same): neither is stated as a fact in the customer's own copy of their data.
            .Select(o => new ExportedOrder(GeneratedBasketKey.Is(o.InvoiceNumber) ? null : o.InvoiceNumber, o.PlacedAt, o.IsCancellation, o.Store,
                lines[o.Id].Any(l => l.UnitPrice is null) ? null : o.Revenue,
                lines[o.Id].OrderBy(l => l.LineNumber).Select(l => new ExportedOrderLine(l.LineNumber, l.Sku, l.Name, l.Quantity, l.UnitPrice, l.QuantityUnknown)).ToList()))
            .ToList();

        var interactions = (await db.InteractionEvents.AsNoTracking().Where(e => e.CustomerId == id)
                .OrderBy(e => e.OccurredAt).ThenBy(e => e.Id)
                .Join(db.Products, e => e.ProductId, p => p.Id, (e, p) => new { e.OccurredAt, e.Type, p.Sku, p.Name, e.Source, e.ModelRunId, e.ExperimentVariant })
                .ToListAsync(ct))
            .Select(e => new ExportedInteraction(e.OccurredAt, e.Type.ToString(), e.Sku, e.Name, e.Source, e.ModelRunId, e.ExperimentVariant))
            .ToList();

        var segments = await db.CustomerSegments.AsNoTracking().Where(s => s.CustomerId == id)
            .Join(db.SegmentationRuns, s => s.RunId, r => r.Id, (s, r) => new { s, r })
            .OrderByDescending(x => x.r.Id)
            .Select(x => new ExportedSegmentMembership(x.r.Id, x.r.FinishedAt, x.r.IsCurrent, x.s.Segment!.Name, x.s.RfmSegment,
                x.s.RecencyScore, x.s.FrequencyScore, x.s.MonetaryScore, x.s.RecencyDays, x.s.Frequency, x.s.Monetary))
            .ToListAsync(ct);

        var exposures = await db.ExperimentExposures.AsNoTracking().Where(e => e.CustomerId == id)
            .Join(db.Experiments, e => e.ExperimentId, x => x.Id, (e, x) => new { e.ExperimentId, x.Name, e.Variant, e.OccurredAt, e.Source, e.ProductIds, e.Id })
            .OrderBy(e => e.ExperimentId).ThenBy(e => e.OccurredAt).ThenBy(e => e.Id)
            .ToListAsync(ct);
        var shownIds = exposures.SelectMany(e => ProductIds(e.ProductIds)).Distinct().ToList();
        var skus = await db.Products.AsNoTracking().Where(p => shownIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Sku, ct);
        var assignments = exposures.GroupBy(e => (e.ExperimentId, e.Name, e.Variant))
            .Select(g => new ExportedExperimentAssignment(g.Key.ExperimentId, g.Key.Name, g.Key.Variant,
                g.Select(e => new ExportedExposure(e.OccurredAt, e.Source,
                    ProductIds(e.ProductIds).Select(p => skus.GetValueOrDefault(p, p.ToString(CultureInfo.InvariantCulture))).ToList())).ToList()))
            .ToList();

        var audit = await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(Customer) && a.EntityId == key)
            .OrderBy(a => a.Id).Select(a => new { a.At, a.Action, a.Details }).ToListAsync(ct);
        var auditEntries = audit.Select(a => new ExportedAuditEntry(a.At, a.Action, a.Details)).ToList();

        // Consent to personalisation: the state now, then each recorded choice (newest first) from the consent records.
        // Who recorded it (a staff account, a key) is left out, as in the audit entries: not the customer's data.
        var consents = new List<ExportedConsent> { new(PersonalisationPurpose, !c.PersonalizationOptOut, null, null) };
        var records = await db.ConsentRecords.AsNoTracking().Where(r => r.CustomerId == id)
            .OrderByDescending(r => r.RecordedAt).ThenByDescending(r => r.Id)
            .Select(r => new { r.Granted, r.RecordedAt, r.Source }).ToListAsync(ct);
        consents.AddRange(records.Select(r => new ExportedConsent(PersonalisationPurpose, r.Granted, r.RecordedAt, SourceName(r.Source))));

        // Rejected import rows that name them: what the erasure would clear is theirs to see.
        var named = await RejectedRowsNaming.FindAsync(db, [c.CustomerCode, c.Email, c.Phone, c.LoyaltyNumber], [c.CustomerCode], ct);
        var batchIds = named.Select(r => r.ImportBatchId).Distinct().ToList();
        var files = await db.ImportBatches.AsNoTracking().Where(b => batchIds.Contains(b.Id))
            .ToDictionaryAsync(b => b.Id, b => (b.FileName, b.StartedAt), ct);
        var rejected = named.Select(r => new ExportedRejectedRow(files[r.ImportBatchId].FileName, files[r.ImportBatchId].StartedAt,
            r.RowNumber, r.Reason, r.RawRow)).ToList();

        var now = DateTime.UtcNow;
        var returns = orders.Count(o => o.IsReturn);
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"Customer {c.CustomerCode}, exported {now:yyyy-MM-dd HH:mm} UTC: profile; consent to personalised suggestions {(c.PersonalizationOptOut ? "withdrawn (objects)" : "given")}; " +
            $"{orders.Count - returns} orders and {returns} returns with {orders.Sum(o => o.Lines.Count)} lines; {interactions.Count} interactions with suggestions; " +
            $"{segments.Count} segment memberships; {assignments.Count} experiment assignments ({exposures.Count} exposures); {auditEntries.Count} audit entries; {rejected.Count} rejected import rows.");

        db.AuditEntries.Add(AuditLog.Entry(actor, ExportedAction, nameof(Customer), key));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new CustomerDataExport(CustomerDataExport.CurrentFormat, now, summary, profile, consents, orders, interactions, segments,
            assignments, auditEntries, rejected);
    }

    /// <summary>The source as the export names it: "counter", "admin", "api" or "import".</summary>
    public static string SourceName(ConsentSource source) => source.ToString().ToLowerInvariant();

    private static IEnumerable<int> ProductIds(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture));
}
