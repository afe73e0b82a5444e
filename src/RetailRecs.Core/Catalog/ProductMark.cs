using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Catalog;

/// <summary>
/// One yes/no mark of a product set by an admin (sensitive, not merchandise): the mark and its audit entry saved together,
/// nothing written when it already was so.
/// </summary>
internal static class ProductMark
{
    /// <returns>False when there is no such product; true otherwise (also when it already was so, which changes and audits nothing).</returns>
    public static async Task<bool> SetAsync(IDbContextFactory<RetailDbContext> contexts, int productId, bool value, Func<Product, bool> read,
        Action<Product, bool> write, StaffActor actor, string action, string details, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        try
        {
            var product = await db.Products.SingleOrDefaultAsync(p => p.Id == productId, ct);
            if (product is null)
            {
                return false;
            }
            if (read(product) != value)
            {
                write(product, value);
                db.AuditEntries.Add(AuditLog.Entry(actor, action, nameof(Product), productId.ToString(System.Globalization.CultureInfo.InvariantCulture), details));
                await db.SaveChangesAsync(ct);
            }
            return true;
        }
        catch (Exception e) when (StorageFaults.Describe(e) is { } fault)
        {
            throw fault;
        }
    }
}
