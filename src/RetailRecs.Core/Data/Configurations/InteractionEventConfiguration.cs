using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Data.Configurations;

internal sealed class InteractionEventConfiguration : IEntityTypeConfiguration<InteractionEvent>
{
    public void Configure(EntityTypeBuilder<InteractionEvent> b)
    {
        b.Property(e => e.Source).HasMaxLength(64).IsRequired();
        b.Property(e => e.ExperimentVariant).HasMaxLength(64);
        b.Property(e => e.StaffUserId).HasMaxLength(450);
        b.HasIndex(e => new { e.CustomerId, e.OccurredAt });
        b.HasIndex(e => e.OccurredAt);
        b.HasOne<Customer>().WithMany().HasForeignKey(e => e.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Product>().WithMany().HasForeignKey(e => e.ProductId).OnDelete(DeleteBehavior.Restrict);
    }
}
