using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Data.Configurations;

internal sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> b)
    {
        // The name is the key: two instances inserting the same lease at once cannot both succeed.
        b.HasKey(l => l.Name);
        b.Property(l => l.Name).HasMaxLength(JobLease.NameLength);
        b.Property(l => l.Holder).HasMaxLength(ProcessOwner.MaxLength).IsRequired();
    }
}
