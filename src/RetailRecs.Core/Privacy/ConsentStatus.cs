using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Privacy;

/// <summary>
/// A customer's choice about personalisation now: <see cref="Granted"/> from the customer's column, and when and where
/// it was last recorded (null when nothing was ever recorded: the default, no objection).
/// </summary>
public sealed record ConsentStatus(bool Granted, DateTime? Since, ConsentSource? Source)
{
    /// <summary>The state of one customer, or null when there is no such customer.</summary>
    public static async Task<ConsentStatus?> ReadAsync(RetailDbContext db, int customerId, CancellationToken ct = default)
    {
        var optOut = await db.Customers.Where(c => c.Id == customerId).Select(c => (bool?)c.PersonalizationOptOut).SingleOrDefaultAsync(ct);
        if (optOut is null)
        {
            return null;
        }
        var latest = await db.ConsentRecords.AsNoTracking()
            .Where(r => r.CustomerId == customerId && r.Purpose == ConsentPurpose.Personalisation)
            .OrderByDescending(r => r.RecordedAt).ThenByDescending(r => r.Id)
            .Select(r => new { r.RecordedAt, r.Source })
            .FirstOrDefaultAsync(ct);
        return new ConsentStatus(!optOut.Value, latest?.RecordedAt, latest?.Source);
    }
}
