using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Import;
using RetailRecs.Core.Import.Cleaning;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Tests.Import;

public class CatalogAndCustomerImportTests
{
    [Fact]
    public async Task ImportProducts_NewPriceAndName_UpdateTheStoredProduct_AndNewOnesAreAdded()
    {
        await using var f = await ImportFixture.CreateAsync();
        await f.ImportAsync(f.WriteFile("sales.csv",
            "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n" +
            "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850,United Kingdom\n"));

        var result = await f.ImportAsync(f.WriteFile("catalog.csv",
            "SKU,Product Name,Department,Brand,RRP\n" +
            "85123a,White hanging heart T-light holder,HOME DECOR,Paper Craft,2.95\n" +
            "22423,Regency cakestand 3 tier,KITCHEN,,12.75\n" +
            "POST,Postage,,,18\n"), kind: ImportKind.Products);

        Assert.Equal(new UpsertCounts("products", 2, 1, 0), result.Upserted);
        Assert.Equal(2, result.Report.CountOf(CleaningRules.CategoryNormalised));
        await using var db = f.Database.CreateContext();
        var heart = await db.Products.SingleAsync(p => p.Sku == "85123A");
        Assert.Equal(("White hanging heart T-light holder", "Home Decor", "Paper Craft", 2.95m), (heart.Name, heart.Category, heart.Brand, heart.UnitPrice));
        Assert.True((await db.Products.SingleAsync(p => p.Sku == "POST")).IsNonMerchandise);
    }

    [Fact]
    public async Task ImportProducts_SameRowsInAnotherFile_ChangeNothing()
    {
        await using var f = await ImportFixture.CreateAsync();
        const string catalog = "StockCode,Description,UnitPrice\n22423,REGENCY CAKESTAND 3 TIER,12.75\n";
        await f.ImportAsync(f.WriteFile("a.csv", catalog), kind: ImportKind.Products);

        var again = await f.ImportAsync(f.WriteFile("b.csv", catalog + "\n"), kind: ImportKind.Products);

        Assert.Equal(new UpsertCounts("products", 0, 0, 1), again.Upserted);
    }

    [Fact]
    public async Task ImportProducts_ZeroPriceAndMissingCode_AreRejectedWithRowNumbers()
    {
        await using var f = await ImportFixture.CreateAsync();

        var result = await f.ImportAsync(f.WriteFile("catalog.csv", "SKU,Name,Price\nA1,Mug,0\n,Teapot,5\nB2,Tea,1.20\n"), kind: ImportKind.Products);

        Assert.Equal([2, 3], result.Report.Rejections.Select(r => r.RowNumber));
        Assert.Equal(1, result.Upserted!.Added);
    }

    /// <summary>
    /// A grocer's sales name products without codes; its catalog has none either. It describes the products the sales
    /// created (by their normalised name), instead of being refused for want of a code column.
    /// </summary>
    [Fact]
    public async Task ImportProducts_CatalogWithoutCodesOfAShopWithoutCodes_UpdatesTheProductsItsSalesCreated()
    {
        await using var f = await ImportFixture.CreateAsync();
        await f.ImportAsync(f.WriteFile("sales.csv", "Member_number,Date,itemDescription\n1808,21-07-2015,whole milk\n2552,05-01-2015,tropical fruit\n"));

        var result = await f.ImportAsync(f.WriteFile("catalog.csv",
            "itemDescription,Department,Price\nWhole  Milk,DAIRY,1.10\nsoda,Drinks,0.80\n,Bakery,2.00\n"), kind: ImportKind.Products);

        Assert.Equal(new UpsertCounts("products", 1, 1, 0), result.Upserted); // soda is new, whole milk updated
        Assert.Equal([4], result.Report.Rejections.Select(r => r.RowNumber)); // a row with no name names no product
        Assert.Contains(result.Report.Notes, n => n.StartsWith("No product code column", StringComparison.Ordinal));
        await using var db = f.Database.CreateContext();
        Assert.Equal(3, await db.Products.CountAsync());
        var milk = await db.Products.SingleAsync(p => p.Sku == "WHOLE MILK");
        Assert.Equal(("Dairy", 1.10m), (milk.Category, milk.UnitPrice));
    }

    /// <summary>
    /// The other way round: a grocer whose sales name products alone uploads a catalog with codes. Keyed by code, each
    /// row was a new product without sales, the sensitive mark on the copy and the real product still suggested.
    /// </summary>
    [Fact]
    public async Task ImportProducts_CatalogWithCodesOfAShopWithoutCodes_IsRefused_AndByNameUpdatesTheRealProduct()
    {
        await using var f = await ImportFixture.CreateAsync();
        await f.ImportAsync(f.WriteFile("sales.csv", "Member_number,Date,itemDescription\n1808,21-07-2015,whole milk\n2552,05-01-2015,tropical fruit\n"));
        const string catalog = "SKU,Name,Department,Sensitive\n123,whole milk,Dairy,yes\n";

        var refused = await Assert.ThrowsAsync<ImportException>(() => f.ImportAsync(f.WriteFile("catalog.csv", catalog), kind: ImportKind.Products));
        var byName = await f.ImportAsync(f.WriteFile("catalog-by-name.csv", catalog), map: new Dictionary<string, string> { ["SKU"] = "" }, kind: ImportKind.Products);

        Assert.Contains("stored by their names", refused.Message);
        Assert.Contains("column 'SKU'", refused.Message);
        Assert.Equal(new UpsertCounts("products", 0, 1, 0), byName.Upserted);
        await using var db = f.Database.CreateContext();
        Assert.Equal(2, await db.Products.CountAsync());
        var milk = await db.Products.SingleAsync(p => p.Sku == "WHOLE MILK");
        Assert.Equal(("Dairy", true), (milk.Category, milk.IsSensitive));
    }

    /// <summary>
    /// A shop whose products have codes uploads a catalog whose code column has a header nobody recognises ("EAN"):
    /// keyed by name, every row would be a new product beside the real one, its sensitive mark on the copy.
    /// </summary>
    [Fact]
    public async Task ImportProducts_NoRecognisedCodeColumnInAShopWithCodes_IsRefusedAndStoresNothing()
    {
        await using var f = await ImportFixture.CreateAsync();
        await f.ImportAsync(f.WriteFile("sales.csv",
            "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n" +
            "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850,United Kingdom\n"));

        var refused = await Assert.ThrowsAsync<ImportException>(() => f.ImportAsync(f.WriteFile("catalog.csv",
            "EAN,Name,Price,Sensitive\n85123A,WHITE HANGING HEART T-LIGHT HOLDER,2.95,yes\n"), kind: ImportKind.Products));
        var dryRun = await Assert.ThrowsAsync<ImportException>(() => f.ImportAsync(f.WriteFile("catalog2.csv",
            "EAN,Name,Price\n85123A,WHITE HANGING HEART T-LIGHT HOLDER,2.95\n"), dryRun: true, kind: ImportKind.Products));

        Assert.StartsWith("This shop's products are stored by their codes, and no column of this file was recognised as the product code.", refused.Message);
        Assert.Contains("EAN, Name, Price, Sensitive", refused.Message);
        Assert.Equal(refused.Message.Replace(", Sensitive", ""), dryRun.Message);
        await using var db = f.Database.CreateContext();
        var only = await db.Products.SingleAsync();
        Assert.Equal(("85123A", false), (only.Sku, only.IsSensitive)); // no copy named after it, no mark lost on one
        // Mapped, the same file updates the real product.
        var mapped = await f.ImportAsync(f.WriteFile("catalog3.csv", "EAN,Name,Price,Sensitive\n85123A,WHITE HANGING HEART T-LIGHT HOLDER,2.95,yes\n"),
            map: new Dictionary<string, string> { ["EAN"] = "StockCode" }, kind: ImportKind.Products);
        Assert.Equal(new UpsertCounts("products", 0, 1, 0), mapped.Upserted);
    }

    /// <summary>A shop that moved to codes: its oldest products are named after themselves, its newest have codes. The newest decide.</summary>
    [Fact]
    public async Task ImportProducts_ShopThatMovedToCodes_CatalogWithoutCodesIsRefused()
    {
        await using var f = await ImportFixture.CreateAsync();
        await f.ImportAsync(f.WriteFile("old.csv", "Member_number,Date,itemDescription\n1808,21-07-2015,whole milk\n"));
        await f.ImportAsync(f.WriteFile("new.csv",
            "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n" +
            "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2016-12-01 08:26:00,2.55,17850,United Kingdom\n" +
            "536365,22423,REGENCY CAKESTAND 3 TIER,1,2016-12-01 08:26:00,12.75,17850,United Kingdom\n"));

        await Assert.ThrowsAsync<ImportException>(() =>
            f.ImportAsync(f.WriteFile("catalog.csv", "EAN,Name,Price\n85123A,WHITE HANGING HEART T-LIGHT HOLDER,2.95\n"), kind: ImportKind.Products));

        await using var db = f.Database.CreateContext();
        Assert.Equal(3, await db.Products.CountAsync());
    }

    /// <summary>A store system renamed one of a shop-without-codes' products: its code no longer reads as its name, yet the shop still has no codes.</summary>
    [Fact]
    public async Task ImportProducts_ShopWithoutCodesWithOneProductRenamed_CatalogWithoutCodesIsAccepted()
    {
        await using var f = await ImportFixture.CreateAsync();
        await f.ImportAsync(f.WriteFile("sales.csv", "Member_number,Date,itemDescription\n1808,21-07-2015,whole milk\n1808,21-07-2015,soda\n2552,05-01-2015,tropical fruit\n"));
        await f.Database.Get<RetailRecs.Core.Ingestion.CatalogUpserts>().UpsertProductAsync("WHOLE MILK", new RetailRecs.Core.Ingestion.ProductDetails("Whole milk 1L"));

        var result = await f.ImportAsync(f.WriteFile("catalog.csv", "itemDescription,Price\nsoda,0.80\n"), kind: ImportKind.Products);

        Assert.Equal(new UpsertCounts("products", 0, 1, 0), result.Upserted);
    }

    [Fact]
    public async Task ImportProducts_NeitherCodeNorNameColumn_IsRefusedInWordsAndStoresNothing()
    {
        await using var f = await ImportFixture.CreateAsync();

        var refused = await Assert.ThrowsAsync<ImportException>(() =>
            f.ImportAsync(f.WriteFile("catalog.csv", "Department,Price\nDairy,1.10\n"), kind: ImportKind.Products));

        Assert.Equal("The file has neither a product code nor a product name column, so its rows name no product. Map one of them.", refused.Message);
        await using var db = f.Database.CreateContext();
        Assert.Equal(0, await db.Products.CountAsync());
    }

    [Fact]
    public async Task ImportCustomers_CleansContactDetails_AndKeepsOnlyTheBirthYear()
    {
        await using var f = await ImportFixture.CreateAsync();

        var result = await f.ImportAsync(f.WriteFile("crm.csv",
            "Customer ID,First Name,Surname,E-mail,Mobile,Loyalty Card,Country,DOB,Sex,Member Since\n" +
            "17850.0,Ada, Lovelace ,ADA@Example.COM,07700 900123,RR123,UK,10/12/1985,F,01/12/2010\n" +
            "12583,Blaise,Pascal,not-an-email,,,France,1623,M,\n" +
            "12583,Blaise,Pascal,blaise@example.org,,,France,1960,m,\n"), kind: ImportKind.Customers);

        Assert.Equal(2, result.Upserted!.Added);
        Assert.Equal(1, result.Report.CountOf(CleaningRules.InvalidEmail));
        Assert.Equal(1, result.Report.CountOf(CleaningRules.ImplausibleBirthYear));
        Assert.Equal(1, result.Report.CountOf(CleaningRules.DuplicateKey));
        await using var db = f.Database.CreateContext();
        var ada = await db.Customers.SingleAsync(c => c.CustomerCode == "17850");
        Assert.Equal(("Ada", "Lovelace", "ada@example.com", "United Kingdom", 1985, "Female", new DateOnly(2010, 12, 1)),
            (ada.FirstName, ada.LastName, ada.Email, ada.Country, ada.BirthYear, ada.Gender, ada.JoinedOn));
        var blaise = await db.Customers.SingleAsync(c => c.CustomerCode == "12583");
        Assert.Equal(("blaise@example.org", 1960, "Male"), (blaise.Email, blaise.BirthYear, blaise.Gender));
    }

    [Fact]
    public async Task ImportCustomers_UnreadableJoinedAndBirthDates_AreReportedAndTheCustomerKept()
    {
        await using var f = await ImportFixture.CreateAsync();

        var result = await f.ImportAsync(f.WriteFile("crm.csv",
            "Customer ID,First Name,DOB,Member Since\n" +
            "17850,Ada,sometime in the eighties,31/31/2010\n" +
            "12583,Blaise,1960,01/12/2010\n"), kind: ImportKind.Customers);

        Assert.Equal(2, result.Upserted!.Added);
        var unreadable = Assert.Single(result.Report.Rules, r => r.Rule == CleaningRules.UnreadableCustomerDate.Name);
        Assert.Equal(2, unreadable.Count);
        Assert.Contains(unreadable.Examples, e => e.Contains("row 2") && e.Contains("31/31/2010"));
        await using var db = f.Database.CreateContext();
        var ada = await db.Customers.SingleAsync(c => c.CustomerCode == "17850");
        Assert.Equal(("Ada", (int?)null), (ada.FirstName, ada.BirthYear));
    }

    [Fact]
    public async Task ImportCustomers_ForCustomersOfTheDemo_ReplacesTheFictionalProfile()
    {
        await using var f = await ImportFixture.CreateAsync();
        await using (var db = f.Database.CreateContext())
        {
            db.Customers.Add(new Customer { CustomerCode = "17850", FirstName = "Made", LastName = "Up", HasFictionalProfile = true });
            await db.SaveChangesAsync();
        }

        await f.ImportAsync(f.WriteFile("crm.csv", "CustomerID,FirstName,LastName\n17850,Real,Person\n"), kind: ImportKind.Customers);

        await using var check = f.Database.CreateContext();
        var customer = await check.Customers.SingleAsync();
        Assert.Equal(("Real", "Person", false), (customer.FirstName, customer.LastName, customer.HasFictionalProfile));
    }

    [Fact]
    public async Task ImportCustomers_WithoutAnIdColumn_SaysWhichFieldIsMissing()
    {
        await using var f = await ImportFixture.CreateAsync();

        var error = await Assert.ThrowsAsync<MissingFieldsException>(() =>
            f.ImportAsync(f.WriteFile("crm.csv", "Name,Email\nAda,ada@example.com\n"), kind: ImportKind.Customers));

        Assert.Contains("CustomerID", error.Message);
    }
}
