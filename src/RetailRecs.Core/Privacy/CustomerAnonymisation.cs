using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Privacy;

/// <summary>What anonymising customers removed or unlinked, summed over the customers of one call.</summary>
public sealed record AnonymisationCounts(int Customers, int OrdersAnonymised, int InteractionsDeleted, int SegmentMembershipsDeleted,
    int ExposuresDeleted, int AuditEntriesDeleted, int RejectedRowsCleared, int ConsentRecordsDeleted = 0)
{
    public static readonly AnonymisationCounts None = new(0, 0, 0, 0, 0, 0, 0);

    public AnonymisationCounts Add(AnonymisationCounts o) => new(Customers + o.Customers, OrdersAnonymised + o.OrdersAnonymised,
        InteractionsDeleted + o.InteractionsDeleted, SegmentMembershipsDeleted + o.SegmentMembershipsDeleted, ExposuresDeleted + o.ExposuresDeleted,
        AuditEntriesDeleted + o.AuditEntriesDeleted, RejectedRowsCleared + o.RejectedRowsCleared, ConsentRecordsDeleted + o.ConsentRecordsDeleted);
}

/// <summary>
/// The one rule that turns customers into anonymous sales, shared by an erasure (one customer, at their request) and the
/// retention policy (a batch of long-inactive customers): the customer record goes; their orders stay with no customer
/// link, flagged <see cref="Order.IsAnonymised"/> (the shop's figures keep them, no training reads them); their
/// interactions, consent records, segment memberships, experiment exposures and the audit entries about them go; rejected import rows
/// naming them lose their text. Runs inside the caller's transaction, so each customer is anonymised whole or not at
/// all; the caller makes the loaded models forget them once it has committed (<see cref="ForgetInModels"/>).
/// </summary>
public static class CustomerAnonymisation
{
    public static async Task<AnonymisationCounts> ApplyAsync(RetailDbContext db, IReadOnlyList<int> customerIds, CancellationToken ct = default)
    {
        if (customerIds.Count == 0)
        {
            return AnonymisationCounts.None;
        }
        var ids = customerIds.ToList();
        if (db.Database.IsNpgsql())
        {
            // The events API adds a sale to the rollups itself, without marking its month. A sale being stored for them
            // now commits before this goes on (its order holds a key lock on the customer), so its month is among those
            // read below; a later one waits, finds no customer, and is stored as a guest's. SQLite has one writer.
            // In order of id, as the pending sales' catch-up locks them (PendingSales): two batches never wait on each other crosswise.
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM \"Customers\" WHERE \"Id\" = ANY({ids.ToArray()}) ORDER BY \"Id\" FOR UPDATE", ct);
        }
        var keys = ids.Select(id => id.ToString(CultureInfo.InvariantCulture)).ToList();
        var identifiers = await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { c.CustomerCode, c.Email, c.Phone, c.LoyaltyNumber }).ToListAsync(ct);

        // Their sales become guests' sales: the months they bought in are marked for the rollups (read from the orders
        // until refreshed), and the customer-month rows that name them go now.
        var months = await db.Orders.Where(o => o.CustomerId != null && ids.Contains(o.CustomerId.Value))
            .Select(o => o.PlacedOn).Distinct().ToListAsync(ct);
        if (months.Count > 0)
        {
            Analytics.Rollups.SalesRollup.Mark(db, months.Select(Analytics.Rollups.SalesRollup.MonthOf));
            await db.SaveChangesAsync(ct);
        }
        await db.CustomerMonthSales.Where(r => ids.Contains(r.CustomerKey)).ExecuteDeleteAsync(ct);
        var orders = await db.Orders.Where(o => o.CustomerId != null && ids.Contains(o.CustomerId.Value))
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.CustomerId, (int?)null).SetProperty(o => o.IsAnonymised, true), ct);
        var interactions = await db.InteractionEvents.Where(e => e.CustomerId != null && ids.Contains(e.CustomerId.Value)).ExecuteDeleteAsync(ct);
        var memberships = await db.CustomerSegments.Where(s => ids.Contains(s.CustomerId)).ExecuteDeleteAsync(ct);
        var exposures = await db.ExperimentExposures.Where(e => ids.Contains(e.CustomerId)).ExecuteDeleteAsync(ct);
        var audit = await db.AuditEntries.Where(a => a.EntityType == nameof(Customer) && keys.Contains(a.EntityId!)).ExecuteDeleteAsync(ct);
        var rejections = await ClearRejectedRowsAsync(db,
            identifiers.SelectMany(c => new[] { c.CustomerCode, c.Email, c.Phone, c.LoyaltyNumber }),
            identifiers.Select(c => c.CustomerCode), ct);
        // Also deleted by the foreign key's cascade; explicit so the count is reported and nothing relies on the pragma.
        var consents = await db.ConsentRecords.Where(r => ids.Contains(r.CustomerId)).ExecuteDeleteAsync(ct);
        var customers = await db.Customers.Where(c => ids.Contains(c.Id)).ExecuteDeleteAsync(ct);
        return new AnonymisationCounts(customers, orders, interactions, memberships, exposures, audit, rejections, consents);
    }

    /// <summary>Every model loaded in this process stops using their history at once (their live sales too).</summary>
    public static void ForgetInModels(IEnumerable<int> customerIds, Recommendations.Persistence.ModelRegistry models,
        Recommendations.Live.LiveUpdates live)
    {
        foreach (var id in customerIds)
        {
            models.ForgetCustomer(id);
            live.ForgetCustomer(id);
        }
    }

    /// <summary>Rejected import rows naming one of the customers lose their text, keeping their row number and reason.</summary>
    private static async Task<int> ClearRejectedRowsAsync(RetailDbContext db, IEnumerable<string?> identifiers, IEnumerable<string> codes,
        CancellationToken ct)
    {
        var matching = (await RejectedRowsNaming.FindAsync(db, identifiers, codes, ct)).Select(r => r.Id).ToList();
        var cleared = 0;
        foreach (var chunk in matching.Chunk(500))
        {
            cleared += await db.ImportRejections.Where(r => chunk.Contains(r.Id)).ExecuteUpdateAsync(s => s.SetProperty(r => r.RawRow, (string?)null), ct);
        }
        return cleared;
    }
}
