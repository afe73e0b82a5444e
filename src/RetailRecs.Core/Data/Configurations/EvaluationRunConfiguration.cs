using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Data.Configurations;

internal sealed class EvaluationRunConfiguration : IEntityTypeConfiguration<EvaluationRun>
{
    public void Configure(EntityTypeBuilder<EvaluationRun> b)
    {
        b.Property(r => r.StartedBy).HasMaxLength(450).IsRequired();
        b.Property(r => r.Results).IsRequired();
        b.Property(r => r.Error).HasMaxLength(2000);
        b.HasIndex(r => r.StartedAt);
    }
}
