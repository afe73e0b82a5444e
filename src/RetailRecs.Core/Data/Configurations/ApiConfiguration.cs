using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Data.Configurations;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> b)
    {
        b.Property(k => k.Name).HasMaxLength(100).IsRequired();
        b.Property(k => k.Prefix).HasMaxLength(16).IsRequired();
        b.Property(k => k.Hash).HasMaxLength(64).IsRequired();
        b.HasIndex(k => k.Hash).IsUnique();
        b.Property(k => k.Scopes).HasMaxLength(200).IsRequired();
        b.Property(k => k.CreatedBy).HasMaxLength(256).IsRequired();
        b.Property(k => k.RevokedBy).HasMaxLength(256);
    }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> b)
    {
        b.Property(r => r.Key).HasMaxLength(100).IsRequired();
        b.Property(r => r.RequestHash).HasMaxLength(64).IsRequired();
        b.Property(r => r.Response).IsRequired();
        // A retry finds its first answer by (key of the system, idempotency key); two retries racing cannot both insert.
        b.HasIndex(r => new { r.ApiKeyId, r.Key }).IsUnique();
        b.HasOne<ApiKey>().WithMany().HasForeignKey(r => r.ApiKeyId).OnDelete(DeleteBehavior.Cascade);
    }
}
