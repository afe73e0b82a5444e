using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Analytics.Rollups;
using RetailRecs.Core.Data;

namespace RetailRecs.Core.Startup;

/// <summary>
/// What every start does after the migrations, in the web app and in the CLI alike: fills columns a migration cannot
/// compute in SQL, marks months without sales rollups for the next refresh, and gives SQLite's planner its statistics
/// when the file has none.
/// </summary>
public static class DatabaseUpkeep
{
    private const int Batch = 2000;

    public static async Task AfterMigrationAsync(RetailDbContext db, CancellationToken ct = default)
    {
        await FillCustomerSearchKeysAsync(db, ct);
        // Sales stored before the rollups existed: their months are read from the lines until the next refresh.
        await SalesRollup.MarkMissingAsync(db, ct);
        if (!await PlannerStatistics.ExistAsync(db, ct))
        {
            await PlannerStatistics.RefreshAsync(db, ct);
        }
    }

    /// <summary>
    /// Customers stored before the search columns existed (or written around the context) get them; a database whose
    /// columns are filled passes with one read. Keyset pages by id, so a field whose key is empty is visited once.
    /// </summary>
    private static async Task FillCustomerSearchKeysAsync(RetailDbContext db, CancellationToken ct)
    {
        var after = 0;
        while (true)
        {
            var page = await db.Customers
                .Where(c => c.Id > after && (
                    (c.FirstName != null && c.SearchFirstName == null) || (c.LastName != null && c.SearchLastName == null)
                    || (c.Email != null && c.SearchEmail == null) || (c.Phone != null && c.SearchPhone == null)
                    || (c.LoyaltyNumber != null && c.SearchLoyaltyNumber == null)))
                .OrderBy(c => c.Id).Take(Batch).ToListAsync(ct);
            if (page.Count == 0)
            {
                return;
            }
            // Saving refreshes the keys (RetailDbContext); marking the entries modified is enough to save them.
            foreach (var customer in page)
            {
                db.Entry(customer).State = EntityState.Modified;
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            after = page[^1].Id;
        }
    }
}
