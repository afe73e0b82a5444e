using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Ingestion;
using RetailRecs.Core.Tests.Import;

namespace RetailRecs.Core.Tests.Catalog;

/// <summary>A new product nobody named is named after its code, the same way through the API and a catalog file.</summary>
public class ProductRuleTests
{
    [Fact]
    public async Task UpsertProductAsync_NewProductWithoutAName_NamedAfterItsCodeAsACatalogFileNamesIt()
    {
        await using var f = await ImportFixture.CreateAsync();

        var outcome = await f.Database.Get<CatalogUpserts>().UpsertProductAsync("API-1", new ProductDetails(null, UnitPrice: 2.5m));
        await f.ImportAsync(f.WriteFile("catalog.csv", "Sku,Name,Price\nFILE-1,,2.5\n"), kind: Core.Model.ImportKind.Products);

        Assert.Equal(UpsertOutcome.Created, outcome);
        await using var db = f.Database.CreateContext();
        var named = await db.Products.Where(p => p.Sku == "API-1" || p.Sku == "FILE-1").OrderBy(p => p.Sku)
            .Select(p => new { p.Sku, p.Name, p.Description, p.UnitPrice }).ToListAsync();
        Assert.Equal(["API-1|Item API-1|Item API-1|2.5", "FILE-1|Item FILE-1|Item FILE-1|2.5"],
            named.Select(p => $"{p.Sku}|{p.Name}|{p.Description}|{p.UnitPrice?.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)}"));
    }
}
