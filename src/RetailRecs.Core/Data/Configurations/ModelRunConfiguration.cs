using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Data.Configurations;

internal sealed class ModelRunConfiguration : IEntityTypeConfiguration<ModelRun>
{
    public void Configure(EntityTypeBuilder<ModelRun> b)
    {
        b.Property(r => r.Algorithm).HasMaxLength(32).IsRequired();
        b.Property(r => r.Parameters).HasMaxLength(4000).IsRequired();
        b.Property(r => r.Error).HasMaxLength(2000);
        b.Property(r => r.StartedBy).HasMaxLength(450).IsRequired();
        b.Property(r => r.PromotedBy).HasMaxLength(450);
        b.HasIndex(r => r.StartedAt);
        b.HasIndex(r => r.IsChampion);
    }
}

internal sealed class ModelRunArtifactConfiguration : IEntityTypeConfiguration<ModelRunArtifact>
{
    public void Configure(EntityTypeBuilder<ModelRunArtifact> b)
    {
        b.HasKey(a => a.ModelRunId);
        b.HasOne<ModelRun>().WithOne().HasForeignKey<ModelRunArtifact>(a => a.ModelRunId).OnDelete(DeleteBehavior.Cascade);
        // A part outlives any one run that shares it: it cannot be deleted while a run still points at it.
        b.HasOne<ModelArtifactPart>().WithMany().HasForeignKey(a => a.SharedPartId).OnDelete(DeleteBehavior.Restrict);
    }
}
