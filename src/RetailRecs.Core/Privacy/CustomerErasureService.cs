using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Common.Audit;
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
            var code = await db.Customers.Where(c => c.Id == id).Select(c => c.CustomerCode).SingleAsync(ct);
            // The same rule as the retention policy's: one definition of what anonymising a customer removes.
            var counts = await CustomerAnonymisation.ApplyAsync(db, [id], ct);

            // Opaque: nothing in it leads back to the customer; the admin may hand it to them as proof of the erasure.
            var reference = "ER-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6));
            db.AuditEntries.Add(AuditLog.Entry(actor, ErasedAction, nameof(Customer), reference));
            // A later file or till event with the same code must not bring them back (ErasedCustomerCodes).
            var codeKey = ErasedCustomerCodes.Key(code);
            if (!await db.ErasedCustomers.AnyAsync(e => e.CodeKey == codeKey, ct))
            {
                db.ErasedCustomers.Add(new ErasedCustomer { CodeKey = codeKey, ErasedAt = DateTime.UtcNow });
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            result = new ErasureResult(reference, counts.OrdersAnonymised, counts.InteractionsDeleted, counts.SegmentMembershipsDeleted,
                counts.ExposuresDeleted, counts.AuditEntriesDeleted, counts.RejectedRowsCleared) { ConsentRecordsDeleted = counts.ConsentRecordsDeleted };
        }
        catch (Exception e) when (StorageFaults.Describe(e) is { } fault)
        {
            throw fault; // rolled back: the customer is untouched
        }
        CustomerAnonymisation.ForgetInModels([id], models, live);
        return result;
    }
}
