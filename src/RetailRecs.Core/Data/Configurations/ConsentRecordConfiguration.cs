using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Data.Configurations;

internal sealed class ConsentRecordConfiguration : IEntityTypeConfiguration<ConsentRecord>
{
    public void Configure(EntityTypeBuilder<ConsentRecord> b)
    {
        b.Property(r => r.Purpose).HasConversion<string>().HasMaxLength(32);
        b.Property(r => r.Source).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.RecordedBy).HasMaxLength(450);
        // A customer's records go with them (erasure deletes them explicitly too, and counts them).
        b.HasOne(r => r.Customer).WithMany().HasForeignKey(r => r.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ImportBatch>().WithMany().HasForeignKey(r => r.ImportBatchId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(r => new { r.CustomerId, r.Purpose, r.RecordedAt });
    }
}
