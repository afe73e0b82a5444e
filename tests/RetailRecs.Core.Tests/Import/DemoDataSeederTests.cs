using System.IO.Compression;
using Microsoft.EntityFrameworkCore;
using Microsoft.VisualBasic.FileIO;
using RetailRecs.Core.Import;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Import;

/// <summary>Seeds the committed demo slice once into a real SQLite file and checks it against the file itself.</summary>
public sealed class SeededDemoDatabase : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;
    public DemoDataSeeder.Outcome Outcome { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        Outcome = await Database.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();
}

public class DemoDataSeederTests(SeededDemoDatabase seeded) : IClassFixture<SeededDemoDatabase>
{
    /// <summary>
    /// The expected figures, computed straight from the file with a different CSV parser (VB's TextFieldParser)
    /// and the documented rules: reject lines with no quantity, sales (not returns) at a price of zero or less and
    /// stock adjustments (negative quantity at price zero outside a C-invoice); drop exact duplicates.
    /// </summary>
    private static readonly Lazy<(int Products, int Customers, int Orders, int Lines)> Expected = new(() =>
    {
        using var gzip = new GZipStream(File.OpenRead(RepositoryPaths.SampleData), CompressionMode.Decompress);
        using var parser = new TextFieldParser(gzip) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true };
        parser.SetDelimiters(",");
        var header = parser.ReadFields()!;
        int Col(string name) => Array.IndexOf(header, name);
        var distinctRows = new HashSet<string>();
        var skus = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var customers = new HashSet<string>();
        var invoices = new HashSet<string>();
        while (parser.ReadFields() is { } f)
        {
            var quantity = int.Parse(f[Col("Quantity")]);
            var cancelled = f[Col("InvoiceNo")].StartsWith('C');
            var isReturn = quantity < 0 || cancelled;
            var price = decimal.Parse(f[Col("UnitPrice")], System.Globalization.CultureInfo.InvariantCulture);
            if (quantity == 0 || (!isReturn && price <= 0) || (quantity < 0 && !cancelled && price == 0))
            {
                continue;
            }
            distinctRows.Add(string.Join('\u001f', f));
            skus.Add(f[Col("StockCode")].Trim().ToUpperInvariant());
            invoices.Add(f[Col("InvoiceNo")]);
            if (f[Col("CustomerID")].Length > 0)
            {
                customers.Add(f[Col("CustomerID")]);
            }
        }
        return (skus.Count, customers.Count, invoices.Count, distinctRows.Count);
    });

    [Fact]
    public void SeedAsync_CommittedSample_LoadsEveryProductCustomerOrderAndLine()
    {
        var outcome = seeded.Outcome;
        Assert.True(outcome.Seeded);
        Assert.Equal(Expected.Value, (outcome.Products, outcome.Customers, outcome.Orders, outcome.Lines));
    }

    [Fact]
    public async Task SeedAsync_CommittedSample_StoredCountsMatchTheFile()
    {
        await using var db = seeded.Database.CreateContext();
        Assert.Equal(Expected.Value.Products, await db.Products.CountAsync());
        Assert.Equal(Expected.Value.Customers, await db.Customers.CountAsync());
        Assert.Equal(Expected.Value.Orders, await db.Orders.CountAsync());
        Assert.Equal(Expected.Value.Lines, await db.OrderLines.CountAsync());
        var batch = await db.ImportBatches.SingleAsync();
        Assert.Equal(Expected.Value.Lines, batch.RowsImported);
        Assert.Equal(64, batch.Sha256.Length);
    }

    [Fact]
    public async Task SeedAsync_SecondTime_SeedsNothing()
    {
        var again = await seeded.Database.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);

        Assert.False(again.Seeded);
        await using var db = seeded.Database.CreateContext();
        Assert.Equal(Expected.Value.Lines, await db.OrderLines.CountAsync());
        Assert.Equal(1, await db.ImportBatches.CountAsync());
    }

    [Fact]
    public async Task SeedAsync_CancellationsAndGuestSales_AreKeptAsSuch()
    {
        await using var db = seeded.Database.CreateContext();
        var cancellations = await db.Orders.Where(o => o.IsCancellation).Include(o => o.Lines).ToListAsync();
        Assert.NotEmpty(cancellations);
        Assert.All(cancellations.SelectMany(o => o.Lines), l => Assert.True(l.Quantity < 0));
        Assert.False(await db.Orders.AnyAsync(o => o.InvoiceNumber.StartsWith("C") && !o.IsCancellation), "every C-invoice is a cancellation");
        Assert.True(await db.Orders.AnyAsync(o => o.CustomerId == null), "guest invoices are kept for product statistics");
    }

    [Fact]
    public async Task SeedAsync_NonMerchandiseCodes_AreFlagged()
    {
        await using var db = seeded.Database.CreateContext();
        var post = await db.Products.SingleAsync(p => p.Sku == "POST");
        Assert.True(post.IsNonMerchandise);
        Assert.False((await db.Products.SingleAsync(p => p.Sku == "85123A")).IsNonMerchandise);
    }

    [Fact]
    public async Task SeedAsync_ProductNames_AreCleaned()
    {
        await using var db = seeded.Database.CreateContext();
        var names = await db.Products.Select(p => p.Name).ToListAsync();
        Assert.DoesNotContain(names, n => n.Contains('Â'));
        Assert.All(names, n => Assert.Equal(n.Trim(), n));
        Assert.DoesNotContain(names, n => n.Contains("  ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SeedAsync_Customers_GetDistinctFictionalContactDetails()
    {
        await using var db = seeded.Database.CreateContext();
        var customers = await db.Customers.ToListAsync();
        Assert.All(customers, c =>
        {
            Assert.True(c.HasFictionalProfile);
            Assert.False(string.IsNullOrWhiteSpace(c.FirstName));
            Assert.Matches(@"@example\.(com|org|net)$", c.Email!);
            Assert.StartsWith("07700 900", c.Phone);
        });
        Assert.Equal(customers.Count, customers.Select(c => c.LoyaltyNumber).Distinct().Count());
        Assert.Equal(customers.Count, customers.Select(c => c.Phone).Distinct().Count());
    }
}
