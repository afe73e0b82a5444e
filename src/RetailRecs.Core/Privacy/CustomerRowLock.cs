using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;

namespace RetailRecs.Core.Privacy;

/// <summary>
/// A customer's row locked for the rest of the caller's transaction, before it is read and changed: two changes of one
/// customer at once (two tablets pressing the objection, a till retrying a PUT that timed out) would otherwise both
/// read the old state under PostgreSQL's read committed, and both write a consent record and audit entries. The
/// second now waits, reads the first's result and finds nothing left to change. SQLite's transaction holds the one
/// write lock from its start; other providers keep their own locking.
/// </summary>
internal static class CustomerRowLock
{
    public static async Task ByIdAsync(RetailDbContext db, int id, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM \"Customers\" WHERE \"Id\" = {id} FOR UPDATE", ct);
        }
    }

    public static async Task ByCodeAsync(RetailDbContext db, string code, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM \"Customers\" WHERE \"CustomerCode\" = {code} FOR UPDATE", ct);
        }
    }
}
