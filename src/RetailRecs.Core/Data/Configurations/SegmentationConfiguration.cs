using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Data.Configurations;

internal sealed class SegmentationRunConfiguration : IEntityTypeConfiguration<SegmentationRun>
{
    public void Configure(EntityTypeBuilder<SegmentationRun> b)
    {
        b.Property(r => r.StartedBy).HasMaxLength(450).IsRequired();
        b.Property(r => r.KScores).HasMaxLength(4000).IsRequired();
        b.Property(r => r.Features).HasMaxLength(4000).IsRequired();
        b.Property(r => r.Error).HasMaxLength(2000);
        b.HasIndex(r => r.IsCurrent);
        b.HasMany(r => r.Segments).WithOne(s => s.Run).HasForeignKey(s => s.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SegmentConfiguration : IEntityTypeConfiguration<Segment>
{
    public void Configure(EntityTypeBuilder<Segment> b)
    {
        b.Property(s => s.Name).HasMaxLength(80).IsRequired();
        b.Property(s => s.GeneratedName).HasMaxLength(80).IsRequired();
        b.Property(s => s.RenamedBy).HasMaxLength(450);
        b.HasIndex(s => new { s.RunId, s.Number }).IsUnique();
    }
}

internal sealed class CustomerSegmentConfiguration : IEntityTypeConfiguration<CustomerSegment>
{
    public void Configure(EntityTypeBuilder<CustomerSegment> b)
    {
        b.HasKey(c => new { c.RunId, c.CustomerId });
        b.Property(c => c.RfmSegment).HasMaxLength(40).IsRequired();
        b.HasOne<SegmentationRun>().WithMany().HasForeignKey(c => c.RunId).OnDelete(DeleteBehavior.Cascade);
        // Segment rows go with their run through the cascade above; SQL Server refuses two cascade paths.
        b.HasOne(c => c.Segment).WithMany().HasForeignKey(c => c.SegmentId).OnDelete(DeleteBehavior.NoAction);
        b.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Cascade);
        // Members of a segment, and a customer's current segment (the card, the dashboard filter).
        b.HasIndex(c => new { c.SegmentId, c.CustomerId });
        b.HasIndex(c => c.CustomerId);
    }
}
