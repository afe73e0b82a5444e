using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Import;
using RetailRecs.Core.Import.Cleaning;
using RetailRecs.Core.Ingestion;
using RetailRecs.Core.Model;
using RetailRecs.Core.Privacy;
using RetailRecs.Core.Recommendations.Live;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Privacy;

/// <summary>
/// An erasure stays honoured: next month's export, a customers file or a till still carries the erased customer's code,
/// and must not create them again with their purchases.
/// </summary>
public class ErasedCustomerCodesTests : IAsyncLifetime
{
    private const string Header = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";
    private readonly TempDirectory _dir = new();
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await ImportAsync("november.csv", Header +
            "1001,85123A,WHITE HANGING HEART,6,2011-11-01 10:00:00,2.55,17850,United Kingdom\n" +
            "1002,71053,WHITE METAL LANTERN,2,2011-11-02 11:00:00,3.39,13047,United Kingdom\n");
        Assert.NotNull(await _database.Get<CustomerErasureService>().EraseAsync("17850", new StaffActor(null, "admin")));
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        _dir.Dispose();
    }

    private async Task<ImportResult> ImportAsync(string name, string content, ImportKind kind = ImportKind.Transactions)
    {
        var path = _dir.File(name);
        await File.WriteAllTextAsync(path, content);
        return await _database.Get<ImportService>().ImportAsync(new ImportRequest(kind, path, name, "test"));
    }

    private async Task<List<string>> CustomerCodesAsync()
    {
        await using var db = _database.CreateContext();
        return await db.Customers.OrderBy(c => c.CustomerCode).Select(c => c.CustomerCode).ToListAsync();
    }

    [Fact]
    public async Task ImportAsync_NextExportWithTheErasedCustomersSales_StoresThemAnonymouslyAndNeverRecreatesThem()
    {
        var result = await ImportAsync("december.csv", Header +
            "2001,85123A,WHITE HANGING HEART,1,2011-12-01 10:00:00,2.55,17850,United Kingdom\n" +
            "2001,71053,WHITE METAL LANTERN,1,2011-12-01 10:00:00,3.39,17850,United Kingdom\n" +
            "2002,71053,WHITE METAL LANTERN,4,2011-12-02 11:00:00,3.39,13047,United Kingdom\n");

        Assert.Equal(ImportOutcome.Imported, result.Outcome);
        Assert.Equal(2, result.Report.CountOf(CleaningRules.ErasedCustomer));
        Assert.Equal(["13047"], await CustomerCodesAsync());
        await using var db = _database.CreateContext();
        var erasedSale = await db.Orders.SingleAsync(o => o.InvoiceNumber == "2001");
        // A guest's sale for the shop's figures, but never a model's to learn: it was the erased customer's basket.
        Assert.Equal((null, true), (erasedSale.CustomerId, erasedSale.IsAnonymised));
        Assert.False((await db.Orders.SingleAsync(o => o.InvoiceNumber == "2002")).IsAnonymised);
        Assert.Equal(1, await db.ErasedCustomers.CountAsync());
        Assert.DoesNotContain("17850", await db.ErasedCustomers.Select(e => e.CodeKey).SingleAsync());
    }

    /// <summary>
    /// Rejected rows are kept for download, and the erasure cleared those naming the customer; a later file's rejected
    /// row naming them must not bring their code (or their name and e-mail) back.
    /// </summary>
    [Fact]
    public async Task ImportAsync_RejectedRowsNamingTheErasedCustomer_AreWithheldFromTheDownload()
    {
        await ImportAsync("december.csv", Header +
            "2003,22633,HAND WARMER,6,2011-12-03 10:00:00,0,17850.0,United Kingdom\n" +
            "2004,22633,HAND WARMER,6,2011-12-03 10:00:00,0,13047,United Kingdom\n");
        await ImportAsync("customers.csv", "CustomerID,FirstName,LastName,Email\n17850,Ada Lovelace\n", // a short row: rejected
            ImportKind.Customers);

        await using var db = _database.CreateContext();
        var rows = await db.ImportRejections.OrderBy(r => r.Id).Select(r => r.RawRow).ToListAsync();
        Assert.Equal(3, rows.Count);
        Assert.Null(rows[0]);
        Assert.Contains("13047", rows[1]); // anyone else's row is kept as it was
        Assert.Null(rows[2]);
    }

    [Fact]
    public async Task ImportAsync_CustomersFileNamingTheErasedCustomer_AddsOnlyTheOthers()
    {
        var result = await ImportAsync("customers.csv", "CustomerID,FirstName,LastName,Email\n17850,Ada,Lovelace,ada@example.com\n20001,Grace,Hopper,grace@example.com\n",
            ImportKind.Customers);

        Assert.Equal(ImportOutcome.Imported, result.Outcome);
        Assert.Equal(1, result.Report.CountOf(CleaningRules.ErasedCustomer));
        Assert.Equal(["13047", "20001"], await CustomerCodesAsync());
    }

    /// <summary>
    /// A file without invoice numbers keys a member's baskets by their code (TransactionCleaner.BasketKey). Once they
    /// were erased the next import keyed the same lines as a guest's, matched nothing stored, and added every line again.
    /// </summary>
    [Theory]
    [InlineData("Member_number,Date,itemDescription\n20001,01-11-2011,whole milk\n20001,01-11-2011,rolls/buns\n20002,02-11-2011,yogurt\n")]
    [InlineData("Member_number,Date,itemDescription\n20001,01-11-2011 10:15,whole milk\n20001,01-11-2011 10:15,rolls/buns\n20002,02-11-2011 09:00,yogurt\n")]
    public async Task ImportAsync_FileWithoutInvoicesAgainAfterAMemberWasErased_StoresNothingTwice(string file)
    {
        await ImportAsync("members.csv", file);
        Assert.NotNull(await _database.Get<CustomerErasureService>().EraseAsync("20001", new StaffActor(null, "admin")));
        await using var db = _database.CreateContext();
        var before = (await db.Orders.CountAsync(), await db.OrderLines.CountAsync(), await db.OrderLines.SumAsync(l => l.Quantity));

        await ImportAsync("members-again.csv", file + "20003,03-11-2011,coffee\n"); // the next export: one more sale

        Assert.Equal((before.Item1 + 1, before.Item2 + 1, before.Item3 + 1),
            (await db.Orders.CountAsync(), await db.OrderLines.CountAsync(), await db.OrderLines.SumAsync(l => l.Quantity)));
        Assert.Equal(["13047", "20002", "20003"], await CustomerCodesAsync());
    }

    [Fact]
    public async Task ImportAsync_DryRunOfACustomersFileNamingTheErasedCustomer_CountsOnlyTheOthersAsStored()
    {
        var path = _dir.File("customers.csv");
        await File.WriteAllTextAsync(path, "CustomerID,FirstName,LastName,Email\n17850,Ada,Lovelace,ada@example.com\n20001,Grace,Hopper,grace@example.com\n");

        var result = await _database.Get<ImportService>().ImportAsync(new ImportRequest(ImportKind.Customers, path, "customers.csv", "test", DryRun: true));

        Assert.Equal(ImportOutcome.DryRun, result.Outcome);
        Assert.Equal(1, result.Report.RowsKept);
        Assert.StartsWith("Dry run: 1 of 2 rows would be stored", result.Message);
    }

    [Fact]
    public async Task IngestAsync_TillSaleForTheErasedCustomer_KeptAsAnAnonymousSaleNoModelLearns()
    {
        Assert.IsType<IngestionOutcome.Ingested>(await _database.Get<EventIngestion>().IngestAsync(0, null, "h",
            [new StoreEvent("purchase", "17850", "85123A", 2, Invoice: "TILL-1"), new StoreEvent("purchase", "17850", "71053", 1, Invoice: "TILL-1")]));

        Assert.Equal(["13047"], await CustomerCodesAsync());
        await using var db = _database.CreateContext();
        var sale = await db.Orders.SingleAsync(o => o.InvoiceNumber == "TILL-1");
        Assert.Equal((null, true), (sale.CustomerId, sale.IsAnonymised));
        // Nor do the live updates between trainings ("bought together" would count the basket at once).
        Assert.Equal(0, _database.Get<LiveUpdates>().PendingBaskets);
    }

    [Fact]
    public async Task IngestAsync_TillSaleForACustomerWhoObjects_StoredButNoModelLearnsIt()
    {
        await using (var db = _database.CreateContext())
        {
            await db.Customers.Where(c => c.CustomerCode == "13047").ExecuteUpdateAsync(s => s.SetProperty(c => c.PersonalizationOptOut, true));
        }

        Assert.IsType<IngestionOutcome.Ingested>(await _database.Get<EventIngestion>().IngestAsync(0, null, "h",
            [new StoreEvent("purchase", "13047", "85123A", 2, Invoice: "TILL-3"), new StoreEvent("purchase", "13047", "71053", 1, Invoice: "TILL-3")]));
        Assert.IsType<IngestionOutcome.Ingested>(await _database.Get<EventIngestion>().IngestAsync(0, null, "h2",
            [new StoreEvent("purchase", null, "85123A", 1, Invoice: "TILL-4")]));

        await using var read = _database.CreateContext();
        Assert.NotNull((await read.Orders.SingleAsync(o => o.InvoiceNumber == "TILL-3")).CustomerId);
        Assert.Equal(1, _database.Get<LiveUpdates>().PendingBaskets); // the guest's only
    }

    /// <summary>
    /// Imports store codes upper-cased, the API as sent: a customer the web shop created as "ws-ab12" and an admin
    /// erased came back as "WS-AB12" with the next export (the erasure's key was of the code as stored).
    /// </summary>
    [Fact]
    public async Task ImportAsync_ExportWithTheErasedApiCustomersCodeInCapitals_NeverRecreatesThem()
    {
        var upserts = _database.Get<CatalogUpserts>();
        Assert.Equal(UpsertOutcome.Created, await upserts.UpsertCustomerAsync("ws-ab12", new CustomerDetails(FirstName: "Ada"), new StaffActor(null, "api")));
        Assert.NotNull(await _database.Get<CustomerErasureService>().EraseAsync("ws-ab12", new StaffActor(null, "admin")));

        var result = await ImportAsync("web-shop.csv", Header +
            "3001,85123A,WHITE HANGING HEART,1,2011-12-03 10:00:00,2.55,ws-ab12,United Kingdom\n");

        Assert.Equal(ImportOutcome.Imported, result.Outcome);
        Assert.Equal(1, result.Report.CountOf(CleaningRules.ErasedCustomer));
        Assert.Equal(["13047"], await CustomerCodesAsync());
        await using var db = _database.CreateContext();
        Assert.Equal((null, true), await db.Orders.Where(o => o.InvoiceNumber == "3001").Select(o => new ValueTuple<int?, bool>(o.CustomerId, o.IsAnonymised)).SingleAsync());
    }

    /// <summary>The other way round: an imported "AB12" erased, then a till and the customers API send "ab12".</summary>
    [Fact]
    public async Task IngestAsync_TillAndCustomersApiSendingTheErasedImportedCodeInSmallLetters_NeitherRecreatesThem()
    {
        await ImportAsync("members.csv", Header + "1003,85123A,WHITE HANGING HEART,2,2011-11-03 10:00:00,2.55,AB12,United Kingdom\n");
        Assert.NotNull(await _database.Get<CustomerErasureService>().EraseAsync("AB12", new StaffActor(null, "admin")));

        Assert.IsType<UpsertOutcome.Refused>(await _database.Get<CatalogUpserts>().UpsertCustomerAsync("ab12", new CustomerDetails(Email: "a@b.example"), new StaffActor(null, "api")));
        Assert.IsType<IngestionOutcome.Ingested>(await _database.Get<EventIngestion>().IngestAsync(0, null, "h",
            [new StoreEvent("purchase", "ab12", "85123A", 1, Invoice: "TILL-9")]));

        Assert.Equal(["13047"], await CustomerCodesAsync());
        await using var db = _database.CreateContext();
        Assert.Null(await db.Orders.Where(o => o.InvoiceNumber == "TILL-9").Select(o => o.CustomerId).SingleAsync());
    }

    /// <summary>An erasure stored before keys ignored case (its key of the code as the API stored it) still holds for that code.</summary>
    [Fact]
    public async Task IngestAsync_SaleUnderACodeErasedBeforeKeysIgnoredCase_KeptAnonymous()
    {
        await using (var db = _database.CreateContext())
        {
            var asStored = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("retailrecs/erased/ws-old1")));
            db.ErasedCustomers.Add(new ErasedCustomer { CodeKey = asStored, ErasedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        Assert.IsType<IngestionOutcome.Ingested>(await _database.Get<EventIngestion>().IngestAsync(0, null, "h",
            [new StoreEvent("purchase", "ws-old1", "85123A", 1, Invoice: "TILL-8")]));

        Assert.Equal(["13047"], await CustomerCodesAsync());
    }

    /// <summary>
    /// A till sold to a customer (the app now knows their id), the customer was erased, and the till then reports an
    /// answer of theirs: refused as for a customer never stored, with nothing of it kept.
    /// </summary>
    [Fact]
    public async Task IngestAsync_AnswerOfACustomerErasedSinceTheirLastSale_RefusedAndNothingStored()
    {
        var ingestion = _database.Get<EventIngestion>();
        Assert.IsType<IngestionOutcome.Ingested>(await ingestion.IngestAsync(0, null, "sale", [new StoreEvent("purchase", "13047", "85123A", 1, Invoice: "TILL-2")]));
        Assert.NotNull(await _database.Get<CustomerErasureService>().EraseAsync("13047", new StaffActor(null, "admin")));
        int interactions;
        await using (var db = _database.CreateContext())
        {
            interactions = await db.InteractionEvents.CountAsync();
        }

        var answer = await ingestion.IngestAsync(0, null, "answer", [new StoreEvent("accepted", "13047", "71053")]);

        var refused = Assert.IsType<IngestionOutcome.Refused>(answer);
        Assert.Contains(refused.Errors, e => e.Field == "customerCode");
        await using (var db = _database.CreateContext())
        {
            Assert.Equal(interactions, await db.InteractionEvents.CountAsync());
        }
    }

    [Fact]
    public async Task UpsertCustomerAsync_TheErasedCustomersCode_RefusedInWordsAndNothingStored()
    {
        var outcome = await _database.Get<CatalogUpserts>().UpsertCustomerAsync("17850", new CustomerDetails(FirstName: "Ada"), new StaffActor(null, "till"));

        var error = Assert.Single(Assert.IsType<UpsertOutcome.Refused>(outcome).Errors);
        Assert.Equal("code", error.Field);
        Assert.Contains("asked to be erased", error.Message);
        Assert.Equal(["13047"], await CustomerCodesAsync());
    }
}
