using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Live;
using RetailRecs.Core.Recommendations.Persistence;

namespace RetailRecs.Core.Privacy;

/// <summary>What an erasure did; the reference is the only thing about it the audit log keeps.</summary>
public sealed record ErasureResult(string Reference, int OrdersAnonymised, int InteractionsDeleted, int SegmentMembershipsDeleted,
    int ExposuresDeleted, int AuditEntriesDeleted, int RejectedRowsCleared)
{
    /// <summary>The customer's consent records deleted with them.</summary>
    public int ConsentRecordsDeleted { get; init; }
}

/// <summary>
/// The right to erasure: the customer record goes; their sales stay only anonymised, for the shop's figures (no link to
/// anyone, never used for training); their interactions, segment memberships and experiment exposures go; the audit log
/// keeps only that an erasure happened, by whom, when, under an opaque reference. All in one transaction, so an
/// erasure that fails midway leaves the customer untouched. The models serving in this process forget them at once.
/// </summary>
public sealed class CustomerErasureService(IDbContextFactory<RetailDbContext> contexts, ModelRegistry models, LiveUpdates live)
{
    public const string ErasedAction = "customer.erased";

    /// <summary>Erases the customer with this code; null (and nothing changed) when there is none.</summary>
    public Task<ErasureResult?> EraseAsync(string? customerCode, StaffActor actor, CancellationToken ct = default) =>
        EraseAsync(db => CustomerByCode.FindAsync(db, customerCode, ct), actor, ct);

    /// <summary>The same for the customer with this id (the customer card); null when there is none (erased already).</summary>
    public Task<ErasureResult?> EraseAsync(int customerId, StaffActor actor, CancellationToken ct = default) =>
        EraseAsync(db => db.Customers.Where(c => c.Id == customerId).Select(c => (int?)c.Id).SingleOrDefaultAsync(ct), actor, ct);

    private async Task<ErasureResult?> EraseAsync(Func<RetailDbContext, Task<int?>> find, StaffActor actor, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(2));
        ErasureResult result;
        int id;
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (await find(db) is not { } found)
            {
                return null;
            }
            id = found;
            var key = id.ToString(CultureInfo.InvariantCulture);
            var customer = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == id, ct);

            var orders = await db.Orders.Where(o => o.CustomerId == id)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.CustomerId, (int?)null).SetProperty(o => o.IsAnonymised, true), ct);
            var interactions = await db.InteractionEvents.Where(e => e.CustomerId == id).ExecuteDeleteAsync(ct);
            var memberships = await db.CustomerSegments.Where(s => s.CustomerId == id).ExecuteDeleteAsync(ct);
            var exposures = await db.ExperimentExposures.Where(e => e.CustomerId == id).ExecuteDeleteAsync(ct);
            var audit = await db.AuditEntries.Where(a => a.EntityType == nameof(Customer) && a.EntityId == key).ExecuteDeleteAsync(ct);
            var rejections = await ClearRejectedRowsAsync(db, customer, ct);
            // Also deleted by the foreign key's cascade; explicit here so the count is reported and nothing relies on the pragma.
            var consents = await db.ConsentRecords.Where(r => r.CustomerId == id).ExecuteDeleteAsync(ct);
            await db.Customers.Where(c => c.Id == id).ExecuteDeleteAsync(ct);

            // Opaque: nothing in it leads back to the customer; the admin may hand it to them as proof of the erasure.
            var reference = "ER-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6));
            db.AuditEntries.Add(AuditLog.Entry(actor, ErasedAction, nameof(Customer), reference));
            // A later file or till event with the same code must not bring them back (ErasedCustomerCodes).
            var codeKey = ErasedCustomerCodes.Key(customer.CustomerCode);
            if (!await db.ErasedCustomers.AnyAsync(e => e.CodeKey == codeKey, ct))
            {
                db.ErasedCustomers.Add(new ErasedCustomer { CodeKey = codeKey, ErasedAt = DateTime.UtcNow });
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            result = new ErasureResult(reference, orders, interactions, memberships, exposures, audit, rejections) { ConsentRecordsDeleted = consents };
        }
        catch (Exception e) when (StorageFaults.Describe(e) is { } fault)
        {
            throw fault; // rolled back: the customer is untouched
        }
        models.ForgetCustomer(id);
        live.ForgetCustomer(id);
        return result;
    }

    /// <summary>
    /// Rejected import rows are kept verbatim for the download; a row that names the customer (code, e-mail, phone or
    /// loyalty number as one of its cells) loses its text, keeping its row number and reason.
    /// </summary>
    private static async Task<int> ClearRejectedRowsAsync(RetailDbContext db, Customer customer, CancellationToken ct)
    {
        var identifiers = new[] { customer.CustomerCode, customer.Email, customer.Phone, customer.LoyaltyNumber }
            .Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim()).ToList();
        var code = customer.CustomerCode;
        var candidates = await db.ImportRejections.Where(r => r.RawRow != null && identifiers.Any(i => r.RawRow.Contains(i)))
            .Select(r => new { r.Id, r.RawRow }).ToListAsync(ct);
        var matching = candidates.Where(r => Cells(r.RawRow!).Any(cell =>
                identifiers.Contains(cell, StringComparer.OrdinalIgnoreCase) || cell == code + ".0"))
            .Select(r => r.Id).ToList();
        if (matching.Count == 0)
        {
            return 0;
        }
        return await db.ImportRejections.Where(r => matching.Contains(r.Id)).ExecuteUpdateAsync(s => s.SetProperty(r => r.RawRow, (string?)null), ct);
    }

    private static IEnumerable<string> Cells(string row) =>
        row.Split([',', ';', '\t', '|'], StringSplitOptions.TrimEntries).Select(c => c.Trim('"', ' '));
}
