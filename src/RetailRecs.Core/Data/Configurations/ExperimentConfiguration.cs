using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Data.Configurations;

internal sealed class ExperimentConfiguration : IEntityTypeConfiguration<Experiment>
{
    public void Configure(EntityTypeBuilder<Experiment> b)
    {
        b.Property(e => e.Name).HasMaxLength(200).IsRequired();
        b.Property(e => e.Hypothesis).HasMaxLength(2000).IsRequired();
        b.Property(e => e.Variants).HasMaxLength(4000).IsRequired();
        b.Property(e => e.Guardrails).HasMaxLength(400).IsRequired();
        b.Property(e => e.CreatedBy).HasMaxLength(450).IsRequired();
        b.Property(e => e.StartedBy).HasMaxLength(450);
        b.Property(e => e.StoppedBy).HasMaxLength(450);
        b.Property(e => e.Winner).HasMaxLength(64);
        // The router looks for the running experiment on every suggestion request.
        b.HasIndex(e => e.Status);
    }
}

internal sealed class ExperimentExposureConfiguration : IEntityTypeConfiguration<ExperimentExposure>
{
    public void Configure(EntityTypeBuilder<ExperimentExposure> b)
    {
        b.Property(e => e.Variant).HasMaxLength(64).IsRequired();
        b.Property(e => e.UnitKey).HasMaxLength(64).IsRequired();
        b.Property(e => e.ProductIds).HasMaxLength(1000).IsRequired();
        b.Property(e => e.Source).HasMaxLength(32).IsRequired();
        b.HasIndex(e => new { e.ExperimentId, e.OccurredAt });
        b.HasOne<Experiment>().WithMany().HasForeignKey(e => e.ExperimentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Customer>().WithMany().HasForeignKey(e => e.CustomerId).OnDelete(DeleteBehavior.Restrict);
    }
}
