using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Data.Configurations;

internal sealed class ProductMonthSalesConfiguration : IEntityTypeConfiguration<ProductMonthSales>
{
    public void Configure(EntityTypeBuilder<ProductMonthSales> b)
    {
        // The key is the dashboard's access path: a range of months (and a store), then every product.
        b.HasKey(r => new { r.Month, r.StoreKey, r.ProductId });
        b.ToTable("ProductMonthSales");
    }
}

internal sealed class RollupDirtyMonthConfiguration : IEntityTypeConfiguration<RollupDirtyMonth>
{
    public void Configure(EntityTypeBuilder<RollupDirtyMonth> b)
    {
        b.HasIndex(m => m.Month);
    }
}
