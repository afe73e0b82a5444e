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
        // Top products and categories read a period product by product: each product's months from this index alone
        // (it holds every column), so the database sums as it goes instead of sorting the period's rows by product.
        b.HasIndex(r => new { r.ProductId, r.Month, r.StoreKey, r.Revenue, r.Units, r.PricedLines }).HasDatabaseName("IX_ProductMonthSales_ProductMonth");
        // The top products read each month's best sellers first and stop once no product further down can catch up.
        b.HasIndex(r => new { r.Month, r.StoreKey, r.PositiveDayRevenue, r.ProductId }).IsDescending(false, false, true, false)
            .HasDatabaseName("IX_ProductMonthSales_MonthRank");
        b.ToTable("ProductMonthSales");
    }
}

internal sealed class ProductDaySalesConfiguration : IEntityTypeConfiguration<ProductDaySales>
{
    public void Configure(EntityTypeBuilder<ProductDaySales> b)
    {
        // A range of days first: the dashboard reads a partial month's days (then, rarely, a store), and a refresh
        // sums a month's days into the monthly rows.
        b.HasKey(r => new { r.Day, r.StoreKey, r.ProductId });
        b.ToTable("ProductDaySales");
    }
}

internal sealed class OrderDaySalesConfiguration : IEntityTypeConfiguration<OrderDaySales>
{
    public void Configure(EntityTypeBuilder<OrderDaySales> b)
    {
        // A range of days first: every dashboard read is "these days" (then, rarely, a store).
        b.HasKey(r => new { r.Day, r.StoreKey, r.IsCancellation });
        b.ToTable("OrderDaySales");
    }
}

internal sealed class OrderHourCountsConfiguration : IEntityTypeConfiguration<OrderHourCounts>
{
    public void Configure(EntityTypeBuilder<OrderHourCounts> b)
    {
        b.HasKey(r => new { r.Day, r.StoreKey, r.Hour });
        b.ToTable("OrderHourCounts");
    }
}

internal sealed class CustomerMonthSalesConfiguration : IEntityTypeConfiguration<CustomerMonthSales>
{
    public void Configure(EntityTypeBuilder<CustomerMonthSales> b)
    {
        b.HasKey(r => new { r.Month, r.StoreKey, r.CustomerKey });
        // Each customer's first month (new versus returning, cohorts) is read from this index alone.
        b.HasIndex(r => new { r.CustomerKey, r.Month });
        b.ToTable("CustomerMonthSales");
    }
}

internal sealed class CustomerCohortMonthConfiguration : IEntityTypeConfiguration<CustomerCohortMonth>
{
    public void Configure(EntityTypeBuilder<CustomerCohortMonth> b)
    {
        b.HasKey(r => new { r.Month, r.FirstMonth });
        b.ToTable("CustomerCohortMonths");
    }
}

internal sealed class CategoryDaySalesConfiguration : IEntityTypeConfiguration<CategoryDaySales>
{
    public void Configure(EntityTypeBuilder<CategoryDaySales> b)
    {
        // A category may be null (no category at all), so the key is a surrogate; the reads are "these days".
        b.HasIndex(r => new { r.Day, r.StoreKey });
        b.Property(r => r.Category).HasMaxLength(128);
        b.ToTable("CategoryDaySales");
    }
}

internal sealed class CountryDaySalesConfiguration : IEntityTypeConfiguration<CountryDaySales>
{
    public void Configure(EntityTypeBuilder<CountryDaySales> b)
    {
        b.HasIndex(r => new { r.Day, r.StoreKey });
        b.Property(r => r.Country).HasMaxLength(64);
        b.ToTable("CountryDaySales");
    }
}

internal sealed class RollupLabelChangeConfiguration : IEntityTypeConfiguration<RollupLabelChange>
{
    public void Configure(EntityTypeBuilder<RollupLabelChange> b)
    {
        b.HasIndex(m => m.Label);
    }
}

internal sealed class RollupDirtyMonthConfiguration : IEntityTypeConfiguration<RollupDirtyMonth>
{
    public void Configure(EntityTypeBuilder<RollupDirtyMonth> b)
    {
        b.HasIndex(m => m.Month);
    }
}

internal sealed class RollupPendingOrderConfiguration : IEntityTypeConfiguration<RollupPendingOrder>
{
    public void Configure(EntityTypeBuilder<RollupPendingOrder> b)
    {
        b.HasKey(p => p.OrderId);
        // An order removed meanwhile (an admin's change marks its month) takes its pending row with it.
        b.HasOne<Order>().WithOne().HasForeignKey<RollupPendingOrder>(p => p.OrderId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(p => p.Month);
    }
}
