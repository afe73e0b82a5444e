using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Data.Configurations;

internal sealed class SignInFailureConfiguration : IEntityTypeConfiguration<SignInFailure>
{
    public void Configure(EntityTypeBuilder<SignInFailure> b)
    {
        b.Property(f => f.ClientKey).HasMaxLength(SignInFailure.KeyLength).IsRequired();
        b.Property(f => f.AccountKey).HasMaxLength(SignInFailure.KeyLength).IsRequired();
        // Each sign-in counts one client's and one client-and-account's recent failures; pruning drops the old ones.
        b.HasIndex(f => new { f.ClientKey, f.FailedAt });
        b.HasIndex(f => new { f.AccountKey, f.FailedAt });
        b.HasIndex(f => f.FailedAt);
    }
}
