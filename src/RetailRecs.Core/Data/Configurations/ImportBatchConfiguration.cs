using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Data.Configurations;

internal sealed class ImportBatchConfiguration : IEntityTypeConfiguration<ImportBatch>
{
    public void Configure(EntityTypeBuilder<ImportBatch> b)
    {
        b.Property(i => i.FileName).HasMaxLength(260).IsRequired();
        b.Property(i => i.Sha256).HasMaxLength(64).IsRequired();
        b.HasIndex(i => new { i.Kind, i.Sha256 });
        b.Property(i => i.ImportedBy).HasMaxLength(256).IsRequired();
        b.Property(i => i.Message).HasMaxLength(2000);
        b.Property(i => i.IdentifierColumns).HasMaxLength(64);
        b.HasMany(i => i.Rejections).WithOne().HasForeignKey(r => r.ImportBatchId).OnDelete(DeleteBehavior.Cascade);
    }
}
