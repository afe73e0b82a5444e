using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Data.Configurations;

internal sealed class StaffSessionConfiguration : IEntityTypeConfiguration<StaffSession>
{
    public void Configure(EntityTypeBuilder<StaffSession> b)
    {
        // Looked up by its primary key on every request: that index is the only one the hot path needs.
        b.Property(s => s.Id).HasMaxLength(32);
        b.Property(s => s.UserId).HasMaxLength(450).IsRequired();
        b.Property(s => s.EndReason).HasMaxLength(32);
        b.Property(s => s.ClientAddress).HasMaxLength(64);
        // Ending all of a user's sessions (lock, password reset) finds them by user.
        b.HasIndex(s => new { s.UserId, s.EndedAt });
        b.HasOne<StaffUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
