using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Catalog;

/// <summary>Marks products sensitive or not (Admins, the Products page); each change is audited.</summary>
public sealed class ProductSensitivity(IDbContextFactory<RetailDbContext> contexts)
{
    public const string ChangedAction = "product.sensitive-changed";

    /// <returns>False when there is no such product; true otherwise (also when it already was so, which changes and audits nothing).</returns>
    public async Task<bool> SetAsync(int productId, bool sensitive, StaffActor actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        try
        {
            var product = await db.Products.SingleOrDefaultAsync(p => p.Id == productId, ct);
            if (product is null)
            {
                return false;
            }
            if (product.IsSensitive != sensitive)
            {
                // The mark and its audit entry are saved together.
                product.IsSensitive = sensitive;
                db.AuditEntries.Add(AuditLog.Entry(actor, ChangedAction, nameof(Product), productId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    sensitive ? "marked sensitive" : "no longer sensitive"));
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
