using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Data.Configurations;

internal sealed class ImportRejectionConfiguration : IEntityTypeConfiguration<ImportRejection>
{
    public void Configure(EntityTypeBuilder<ImportRejection> b)
    {
        b.Property(r => r.Reason).HasMaxLength(500).IsRequired();
        b.Property(r => r.RawRow).HasMaxLength(4000);
    }
}
