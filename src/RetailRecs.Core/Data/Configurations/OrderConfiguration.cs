using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Data.Configurations;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> b)
    {
        b.Property(o => o.InvoiceNumber).HasMaxLength(32).IsRequired();
        b.HasIndex(o => o.InvoiceNumber).IsUnique();
        b.HasIndex(o => o.PlacedAt);
        // The dashboard's filter: sales (or cancellations) of a date range.
        b.HasIndex(o => new { o.IsCancellation, o.PlacedOn });
        b.HasIndex(o => new { o.CustomerId, o.PlacedAt });
        b.HasOne(o => o.Customer).WithMany().HasForeignKey(o => o.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(o => o.Store).WithMany().HasForeignKey(o => o.StoreId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ImportBatch>().WithMany().HasForeignKey(o => o.ImportBatchId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(o => o.Lines).WithOne(l => l.Order).HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
    }
}
