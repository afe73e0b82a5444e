using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Data;

namespace RetailRecs.Core.Catalog;

/// <summary>Marks products sensitive or not (Admins, the Products page); each change is audited.</summary>
public sealed class ProductSensitivity(IDbContextFactory<RetailDbContext> contexts)
{
    public const string ChangedAction = "product.sensitive-changed";

    /// <returns>False when there is no such product; true otherwise (also when it already was so, which changes and audits nothing).</returns>
    public Task<bool> SetAsync(int productId, bool sensitive, StaffActor actor, CancellationToken ct = default) =>
        ProductMark.SetAsync(contexts, productId, sensitive, p => p.IsSensitive, (p, v) => p.IsSensitive = v, actor, ChangedAction,
            sensitive ? "marked sensitive" : "no longer sensitive", ct);
}
