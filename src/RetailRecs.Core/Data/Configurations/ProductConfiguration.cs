using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Data.Configurations;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> b)
    {
        b.Property(p => p.Sku).HasMaxLength(64).IsRequired();
        b.HasIndex(p => p.Sku).IsUnique();
        b.Property(p => p.Name).HasMaxLength(256).IsRequired();
        b.HasIndex(p => p.Name);
        b.Property(p => p.Description).HasMaxLength(2000);
        b.Property(p => p.Category).HasMaxLength(128);
        b.Property(p => p.AutoCategory).HasMaxLength(128);
        b.Property(p => p.Brand).HasMaxLength(128);
        b.Property(p => p.PictureUrl).HasMaxLength(RetailRecs.Core.Catalog.ProductPicture.MaxLength);
    }
}
