using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Common.Changes;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Live;

namespace RetailRecs.Core.Privacy;

/// <summary>
/// Records a customer's choice about personalisation as staff hear it (the card): through <see cref="ConsentRule"/>,
/// audited, in one transaction. The customer's suggestions on open cards follow at once.
/// </summary>
public sealed class CustomerConsentService(IDbContextFactory<RetailDbContext> contexts, LiveUpdates live, ChangeFeed feed)
{
    /// <summary>
    /// Records that the customer agrees (<paramref name="granted"/>) or objects. A choice equal to the current state (a
    /// second click on a card that is out of date) records nothing.
    /// </summary>
    /// <returns>The state afterwards, or null when there is no such customer (erased meanwhile).</returns>
    public async Task<ConsentStatus?> RecordAsync(int customerId, bool granted, ConsentOrigin origin, StaffActor actor, CancellationToken ct = default)
    {
        if (origin.Source is not (ConsentSource.Counter or ConsentSource.Admin))
        {
            throw new ArgumentException("Staff record a choice at the counter or as an admin; the API and imports have paths of their own.", nameof(origin));
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        try
        {
            await using (var tx = await db.Database.BeginTransactionAsync(ct))
            {
                await CustomerRowLock.ByIdAsync(db, customerId, ct);
                var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == customerId, ct);
                if (customer is null)
                {
                    return null;
                }
                if (ConsentRule.Apply(db, customer, granted, origin, DateTime.UtcNow) is { } record)
                {
                    db.AuditEntries.Add(AuditLog.Entry(actor, ConsentRule.ChangedAction, nameof(Customer),
                        customerId.ToString(System.Globalization.CultureInfo.InvariantCulture), ConsentRule.AuditDetails(record)));
                    if (!record.Granted)
                    {
                        await ConsentRule.LeaveSegmentsAsync(db, [customerId], ct);
                    }
                }
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            // Open cards of this customer list their suggestions again (best sellers for an objection), on every instance.
            live.Notify(customerId);
            await feed.TryPublishAsync([(ChangeKinds.Customer, customerId)], ct);
            return await ConsentStatus.ReadAsync(db, customerId, ct);
        }
        catch (Exception e) when (StorageFaults.Describe(e) is { } fault)
        {
            throw fault; // rolled back: nothing recorded
        }
    }
}
