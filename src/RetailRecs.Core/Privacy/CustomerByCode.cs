using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;

namespace RetailRecs.Core.Privacy;

internal static class CustomerByCode
{
    /// <summary>The customer's id, or null: the code as typed, else ignoring case and surrounding spaces (as imports compare codes).</summary>
    public static async Task<int?> FindAsync(RetailDbContext db, string? code, CancellationToken ct)
    {
        var trimmed = (code ?? "").Trim();
        if (trimmed.Length == 0)
        {
            return null;
        }
        var id = await db.Customers.Where(c => c.CustomerCode == trimmed).Select(c => (int?)c.Id).SingleOrDefaultAsync(ct);
        if (id is null)
        {
            var lower = trimmed.ToLowerInvariant();
            id = await db.Customers.Where(c => c.CustomerCode.ToLower() == lower).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
        }
        return id;
    }
}
