using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Data.Configurations;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> b)
    {
        b.Property(c => c.CustomerCode).HasMaxLength(64).IsRequired();
        b.HasIndex(c => c.CustomerCode).IsUnique();
        b.Property(c => c.FirstName).HasMaxLength(100);
        b.Property(c => c.LastName).HasMaxLength(100);
        b.Property(c => c.Email).HasMaxLength(256);
        b.Property(c => c.Phone).HasMaxLength(40);
        b.Property(c => c.LoyaltyNumber).HasMaxLength(40);
        b.Property(c => c.Country).HasMaxLength(64);
        b.Property(c => c.Region).HasMaxLength(64);
        b.Property(c => c.Gender).HasMaxLength(16);
        // Lookup by any of these at the counter.
        b.HasIndex(c => c.LastName);
        b.HasIndex(c => c.Email);
        b.HasIndex(c => c.Phone);
        b.HasIndex(c => c.LoyaltyNumber);
        b.Ignore(c => c.DisplayName);
    }
}
