using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Catalog;
using RetailRecs.Core.Import;
using RetailRecs.Core.Import.Cleaning;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Tests.Import;

/// <summary>A catalog's optional picture column: https addresses and paths on the site are kept, anything else is reported and left out.</summary>
public class ProductPictureImportTests
{
    [Theory]
    [InlineData("https://images.example-shop.co.uk/p/85123A.jpg", "https://images.example-shop.co.uk/p/85123A.jpg")]
    [InlineData("  /pictures/85123A.png ", "/pictures/85123A.png")]
    [InlineData("/pictures/85123A.JPG?v=2", "/pictures/85123A.JPG?v=2")]
    [InlineData("/customers/42", null)] // a page of the app: every screen showing the product would open that card
    [InlineData("/admin/customers/42/export.json", null)]
    [InlineData("/customers/42?x=.png", null)]
    [InlineData("http://images.example.com/a.jpg", null)]
    [InlineData("javascript:alert(1)", null)]
    [InlineData("data:image/png;base64,AAAA", null)]
    [InlineData("//evil.example/a.jpg", null)]
    [InlineData("https://user:secret@images.example.com/a.jpg", null)]
    [InlineData("85123A.jpg", null)]
    [InlineData("", null)]
    public void Read_Address_KeepsOnlyHttpsOrAPathOnTheSite(string text, string? expected) =>
        Assert.Equal(expected, ProductPicture.Read(text));

    [Fact]
    public async Task ImportProducts_PictureColumn_KeepsUsableAddresses_ReportsTheOthers_AndALaterFileWithoutItKeepsThem()
    {
        await using var f = await ImportFixture.CreateAsync();

        var first = await f.ImportAsync(f.WriteFile("catalog.csv",
            "SKU,Name,Image URL\n" +
            "P1,Tea mug,https://cdn.example-shop.com/P1.jpg\n" +
            "P2,Tea pot,javascript:alert(1)\n" +
            "P3,Tea towel,\n"), kind: ImportKind.Products);

        Assert.Equal(new UpsertCounts("products", 3, 0, 0), first.Upserted);
        Assert.Equal(1, first.Report.CountOf(CleaningRules.PictureIgnored));
        await using (var db = f.Database.CreateContext())
        {
            Assert.Equal(new Dictionary<string, string?> { ["P1"] = "https://cdn.example-shop.com/P1.jpg", ["P2"] = null, ["P3"] = null },
                await db.Products.ToDictionaryAsync(p => p.Sku, p => p.PictureUrl));
        }

        // A price list without pictures leaves them as they were; a new picture replaces the old one.
        await f.ImportAsync(f.WriteFile("prices.csv", "SKU,Price\nP1,4.50\n"), kind: ImportKind.Products);
        await f.ImportAsync(f.WriteFile("pictures.csv", "SKU,Picture\nP2,/pictures/P2.png\n"), kind: ImportKind.Products);

        await using var check = f.Database.CreateContext();
        Assert.Equal(new Dictionary<string, string?> { ["P1"] = "https://cdn.example-shop.com/P1.jpg", ["P2"] = "/pictures/P2.png", ["P3"] = null },
            await check.Products.ToDictionaryAsync(p => p.Sku, p => p.PictureUrl));
    }
}
