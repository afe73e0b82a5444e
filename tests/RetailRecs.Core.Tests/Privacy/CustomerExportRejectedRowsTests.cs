using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Import;
using RetailRecs.Core.Model;
using RetailRecs.Core.Privacy;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Privacy;

/// <summary>
/// A customer's copy of their data holds the rejected import rows that name them — the rows an erasure clears as
/// theirs (the export left them out, so a subject access request got less than an erasure deletes).
/// </summary>
public class CustomerExportRejectedRowsTests
{
    [Fact]
    public async Task ExportAsync_RejectedRowsNamingTheCustomer_AreInTheExport_OthersAreNot()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var dir = new TempDirectory();
        var path = dir.File("december.csv");
        await File.WriteAllTextAsync(path, "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n" +
            "1001,85123A,WHITE HANGING HEART,6,2011-12-01 10:00:00,2.55,13047,United Kingdom\n" +
            "1002,22633,HAND WARMER,6,2011-12-03 10:00:00,0,13047.0,United Kingdom\n" +
            "1003,22633,HAND WARMER,2,2011-12-03 11:00:00,0,17850,United Kingdom\n");
        await database.Get<ImportService>().ImportAsync(new ImportRequest(ImportKind.Transactions, path, "december.csv", "test"));

        var export = (await database.Get<CustomerExportService>().ExportAsync("13047", new StaffActor(null, "admin")))!;

        var row = Assert.Single(CustomerDataExport.FromJson(export.ToJson()).RejectedImportRows!);
        Assert.Equal(("december.csv", 3), (row.File, row.RowNumber));
        Assert.Contains("13047.0", row.Row);
        Assert.Contains("1 rejected import rows", export.Summary);
    }

    /// <summary>
    /// Another customer's row whose quantity, invoice or stock code reads like this customer's code (short or
    /// sequential codes, Online Retail's stock codes in its customers' range) was handed over in their export, and
    /// blanked by their erasure. Only the file's customer columns name a customer.
    /// </summary>
    [Fact]
    public async Task ExportAndErasure_AnotherCustomersRowWithTheCodeInAnotherColumn_NeitherHandedOverNorBlanked()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var dir = new TempDirectory();
        var path = dir.File("december.csv");
        await File.WriteAllTextAsync(path, "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n" +
            "1001,85123A,WHITE HANGING HEART,6,2011-12-01 10:00:00,2.55,12,United Kingdom\n" +
            "1002,22633,HAND WARMER,12,2011-12-03 10:00:00,0,17850,United Kingdom\n" +
            "12,22634,\"HAND WARMER, RED\",1,2011-12-03 11:00:00,0,17851,United Kingdom\n" +
            "1004,22633,HAND WARMER,2,2011-12-03 12:00:00,0,12,United Kingdom\n");
        await database.Get<ImportService>().ImportAsync(new ImportRequest(ImportKind.Transactions, path, "december.csv", "test"));

        var export = (await database.Get<CustomerExportService>().ExportAsync("12", new StaffActor(null, "admin")))!;

        var row = Assert.Single(CustomerDataExport.FromJson(export.ToJson()).RejectedImportRows!);
        Assert.Equal(5, row.RowNumber);
        await database.Get<CustomerErasureService>().EraseAsync("12", new StaffActor(null, "admin"));
        await using var db = database.CreateContext();
        var kept = await db.ImportRejections.OrderBy(r => r.RowNumber).Select(r => new { r.RowNumber, r.RawRow }).ToListAsync();
        Assert.Equal([(3, true), (4, true), (5, false)], kept.Select(r => (r.RowNumber, r.RawRow is not null)));
    }

    /// <summary>
    /// Two customers of one household share a phone and an e-mail address: the rejected row of one, holding their own
    /// code, name and contact details, was handed over in the other's export and blanked by the other's erasure.
    /// </summary>
    [Fact]
    public async Task ExportAndErasure_AnotherCustomersRowSharingAPhoneAndEmail_NeitherHandedOverNorBlanked()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var dir = new TempDirectory();
        var path = dir.File("customers.csv");
        await File.WriteAllTextAsync(path, "CustomerID,FirstName,LastName,Email,Phone\n" +
            "A100,Ann,Lee,home@example.com,01234 567890\n" +
            "B200,Bob,Lee,home@example.com,01234 567890,an extra cell\n");
        await database.Get<ImportService>().ImportAsync(new ImportRequest(ImportKind.Customers, path, "customers.csv", "test"));

        var ann = CustomerDataExport.FromJson((await database.Get<CustomerExportService>().ExportAsync("A100", new StaffActor(null, "admin")))!.ToJson());
        await database.Get<CustomerErasureService>().EraseAsync("A100", new StaffActor(null, "admin"));

        Assert.Empty(ann.RejectedImportRows ?? []);
        await using var db = database.CreateContext();
        Assert.Contains("Bob", Assert.Single(await db.ImportRejections.Select(r => r.RawRow).ToListAsync()));
    }

    /// <summary>A row whose code stands for none (rejected as having no id) is still the customer's by their e-mail.</summary>
    [Fact]
    public async Task ExportAsync_RejectedRowWithACodeThatStandsForNone_IsTheirsByTheirEmail()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var dir = new TempDirectory();
        var path = dir.File("customers.csv");
        await File.WriteAllTextAsync(path, "CustomerID,FirstName,LastName,Email,Phone\n" +
            "A100,Ann,Lee,ann@example.com,01234 567890\n" +
            "NULL,Ann,Lee,ann@example.com,01234 567890\n");
        await database.Get<ImportService>().ImportAsync(new ImportRequest(ImportKind.Customers, path, "customers.csv", "test"));

        var ann = CustomerDataExport.FromJson((await database.Get<CustomerExportService>().ExportAsync("A100", new StaffActor(null, "admin")))!.ToJson());

        Assert.Equal(3, Assert.Single(ann.RejectedImportRows!).RowNumber);
    }

    /// <summary>
    /// A shop without invoices, prices or quantities: each order said "revenue": 0 and carried the import's made-up
    /// basket key as its invoice number, stated as facts in the customer's own copy of their data.
    /// </summary>
    [Fact]
    public async Task ExportAsync_MemberOfAShopWithoutInvoicesOrPrices_NoMadeUpInvoiceNoZeroRevenue()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var dir = new TempDirectory();
        var path = dir.File("members.csv");
        await File.WriteAllTextAsync(path, "Member_number,Date,itemDescription\n1808,21-07-2015,tropical fruit\n1808,21-07-2015,whole milk\n1808,05-08-2015,whole milk\n");
        await database.Get<ImportService>().ImportAsync(new ImportRequest(ImportKind.Transactions, path, "members.csv", "test"));

        var export = CustomerDataExport.FromJson((await database.Get<CustomerExportService>().ExportAsync("1808", new StaffActor(null, "admin")))!.ToJson());

        Assert.Equal(2, export.Orders.Count);
        Assert.All(export.Orders, o => Assert.Equal(((string?)null, (decimal?)null), (o.InvoiceNumber, o.Revenue)));
        Assert.All(export.Orders.SelectMany(o => o.Lines), l => Assert.Equal((1, (decimal?)null, true), (l.Quantity, l.UnitPrice, l.QuantityUnknown)));
    }
}
