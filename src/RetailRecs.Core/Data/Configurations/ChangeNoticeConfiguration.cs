using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Data.Configurations;

internal sealed class ChangeNoticeConfiguration : IEntityTypeConfiguration<ChangeNotice>
{
    public void Configure(EntityTypeBuilder<ChangeNotice> b)
    {
        b.Property(n => n.Kind).HasMaxLength(16).IsRequired();
        b.Property(n => n.Origin).HasMaxLength(32).IsRequired();
        // Instances read what is new (by id) and what committed late (by time); the clean-up deletes by time.
        b.HasIndex(n => n.At);
    }
}
