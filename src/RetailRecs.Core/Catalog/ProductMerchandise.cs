using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Catalog;

/// <summary>
/// Marks a product as a fee, postage or voucher (not merchandise) or as merchandise again (Admins, the Products page);
/// each change is audited. The mark is set when a product is first met (by its code or whole name,
/// <see cref="NonMerchandiseCodes"/>), which misses fees a shop names its own way ("PORTO", "Lieferung"): this is how
/// they are corrected. Suggestions read the mark live; the dashboard's category rows are marked for a rebuild by the
/// context (<see cref="RollupLabelChange"/>) in the same save, so no chart counts the product under its old mark.
/// </summary>
public sealed class ProductMerchandise(IDbContextFactory<RetailDbContext> contexts)
{
    public const string ChangedAction = "product.merchandise-changed";

    /// <summary>The audit entry's words for a change (a catalog import adds which import made it).</summary>
    public static string Details(bool nonMerchandise) => nonMerchandise ? "marked not merchandise (fee, postage or voucher)" : "merchandise again";

    /// <returns>False when there is no such product; true otherwise (also when it already was so, which changes and audits nothing).</returns>
    public Task<bool> SetAsync(int productId, bool nonMerchandise, StaffActor actor, CancellationToken ct = default) =>
        ProductMark.SetAsync(contexts, productId, nonMerchandise, p => p.IsNonMerchandise, (p, v) => p.IsNonMerchandise = v, actor, ChangedAction,
            Details(nonMerchandise), ct);
}
