using System.Globalization;
using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Import;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Import.Transactions;

/// <summary>
/// Imports written chunk by chunk (bounded memory) store and report exactly what one chunk holding the whole file
/// stores and reports; an invoice split across chunks is one order. Both writers (SQLite prepared commands, EF Core).
/// </summary>
public class TransactionWriterTests
{
    private const string Header = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";
    // The slice's first 12,000 rows in chunks of 199: over 50 chunks, as many boundaries as the whole slice in chunks of
    // 997, for a fifth of the writing (these tests run for both writers, on SQLite and on PostgreSQL).
    private const int SmallChunk = 199;
    private const int Rows = 12_000;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ImportAsync_SliceInSmallChunks_StoresAndReportsWhatOneChunkDoes(bool efWriter)
    {
        var rows = Slice();
        await using var whole = await ImportFixture.CreateAsync();
        whole.Importer.ChunkLines = int.MaxValue;
        whole.Importer.ForceEfWriter = efWriter;
        var expected = await whole.ImportAsync(whole.WriteFile("rows.csv", rows));
        await using var chunked = await ImportFixture.CreateAsync();
        chunked.Importer.ChunkLines = SmallChunk;
        chunked.Importer.ForceEfWriter = efWriter;
        chunked.Importer.IdCache = 60; // fewer than a chunk's products: every chunk looks its products and customers up again

        var result = await chunked.ImportAsync(chunked.WriteFile("rows.csv", rows));

        Assert.True(expected.Written!.LinesAdded > 40 * SmallChunk, $"only {expected.Written.LinesAdded} lines");
        Assert.Equal(expected.Written, result.Written);
        Assert.Equal(Describe(expected.Report), Describe(result.Report));
        Assert.Equal(await SnapshotAsync(whole), await SnapshotAsync(chunked));
        await AssertSettledAsync(chunked);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ImportAsync_SliceWithoutPricesThenFullSliceInSmallChunks_CompletesAsOneChunkDoes(bool efWriter)
    {
        var noPrices = Slice(without: "UnitPrice");
        var rows = Slice();
        await using var whole = await ImportFixture.CreateAsync();
        whole.Importer.ChunkLines = int.MaxValue;
        whole.Importer.ForceEfWriter = efWriter;
        await whole.ImportAsync(whole.WriteFile("no-prices.csv", noPrices));
        var expected = await whole.ImportAsync(whole.WriteFile("rows.csv", rows));
        await using var chunked = await ImportFixture.CreateAsync();
        chunked.Importer.ChunkLines = SmallChunk;
        chunked.Importer.ForceEfWriter = efWriter;

        await chunked.ImportAsync(chunked.WriteFile("no-prices.csv", noPrices));
        var result = await chunked.ImportAsync(chunked.WriteFile("rows.csv", rows));

        Assert.True(expected.Written!.LinesCompleted > 40 * SmallChunk, $"only {expected.Written.LinesCompleted} lines completed");
        Assert.Equal(expected.Written, result.Written);
        Assert.Equal(await SnapshotAsync(whole), await SnapshotAsync(chunked));
    }

    [Theory]
    [InlineData(false, Core.Import.Transactions.TransactionWriter.DefaultIdCache)]
    [InlineData(true, Core.Import.Transactions.TransactionWriter.DefaultIdCache)]
    [InlineData(false, 1)] // the customer and products looked up again in every chunk
    [InlineData(true, 1)]
    public async Task ImportAsync_InvoiceAndCustomerSplitAcrossChunks_OneOrderWithLinesInFileOrder_WholeFileSettlesNamesAndDates(bool efWriter, int idCache)
    {
        await using var f = await ImportFixture.CreateAsync();
        f.Importer.ChunkLines = 2;
        f.Importer.ForceEfWriter = efWriter;
        f.Importer.IdCache = idCache;
        // Invoice 536365 comes back after another invoice; its last line repeats the first's product, quantity and price
        // (not an exact duplicate: the description differs), so it is a line of its own. The customer's first purchase
        // and country, and the product's usual name and price, are only known from the later rows.
        var file = f.WriteFile("split.csv", Header +
            "536365,85123A,HEART HOLDER OLD,6,2010-12-05 08:26:00,2.55,17850,\n" +
            "536365,71053,WHITE METAL LANTERN,6,2010-12-05 08:26:00,3.39,17850,\n" +
            "536366,85123A,HEART HOLDER,1,2010-12-01 09:00:00,2.95,17850,EIRE\n" +
            "536366,22633,HAND WARMER,2,2010-12-01 09:00:00,1.85,17850,EIRE\n" +
            "536367,85123A,HEART HOLDER,1,2010-12-06 10:00:00,2.95,,United Kingdom\n" +
            "536365,85123A,HEART HOLDER,6,2010-12-05 08:26:00,2.55,17850,\n");

        var result = await f.ImportAsync(file);

        DateOnly[] december = [new(2010, 12, 1)]; // every sale's month, for the sales rollups
        Assert.Equal(new Core.Import.Transactions.WriteCounts(3, 1, 3, 6, 0) { Months = december }, result.Written);
        await using var db = f.Database.CreateContext();
        var order = await db.Orders.Include(o => o.Lines).ThenInclude(l => l.Product).SingleAsync(o => o.InvoiceNumber == "536365");
        Assert.Equal(["1 85123A 6 2.55", "2 71053 6 3.39", "3 85123A 6 2.55"],
            order.Lines.OrderBy(l => l.LineNumber).Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.LineNumber} {l.Product!.Sku} {l.Quantity} {l.UnitPrice:0.00}")));
        Assert.Equal((3, 18, 50.94m), (order.LineCount, order.Items, Math.Round(order.Revenue, 2)));
        var customer = await db.Customers.SingleAsync();
        Assert.Equal(("Ireland", new DateOnly(2010, 12, 1)), (customer.Country, customer.JoinedOn));
        var heart = await db.Products.SingleAsync(p => p.Sku == "85123A");
        Assert.Equal(("HEART HOLDER", 2.55m, new DateTime(2010, 12, 1, 9, 0, 0)), (heart.Name, heart.UnitPrice, heart.CreatedAt));

        // The same rows in another file (a space after a column name): every line is found stored, none added.
        var again = await f.ImportAsync(f.WriteFile("split-again.csv", File.ReadAllText(file).Replace("Country\n", "Country \n", StringComparison.Ordinal)));

        Assert.Equal(new Core.Import.Transactions.WriteCounts(0, 0, 0, 0, 6) { Months = december }, again.Written);
        Assert.Equal(6, await db.OrderLines.CountAsync());
        // Keys asked for again (not cached, or stored by the first import) used up no ids.
        Assert.Equal((3, 1), (await db.Products.MaxAsync(p => p.Id), await db.Customers.MaxAsync(c => c.Id)));
    }

    /// <summary>What the whole file decides, checked against the stored lines: products named and dated, customers' first purchase.</summary>
    private static async Task AssertSettledAsync(ImportFixture f)
    {
        await using var db = f.Database.CreateContext();
        var lines = await db.OrderLines.Select(l => new { l.ProductId, l.Order!.PlacedAt, l.Order.CustomerId }).ToListAsync();
        var firstSale = lines.GroupBy(l => l.ProductId).ToDictionary(g => g.Key, g => g.Min(l => l.PlacedAt));
        var firstPurchase = lines.Where(l => l.CustomerId is not null).GroupBy(l => l.CustomerId!.Value).ToDictionary(g => g.Key, g => DateOnly.FromDateTime(g.Min(l => l.PlacedAt)));
        var products = await db.Products.ToListAsync();
        // 38 of the slice's 3,194 codes never have a description (fewer in its first rows).
        Assert.InRange(products.Count(p => p.Name == $"Item {p.Sku}"), 0, 38);
        Assert.Empty(products.Where(p => p.CreatedAt != firstSale[p.Id]).Select(p => p.Sku));
        Assert.Empty((await db.Customers.ToListAsync()).Where(c => c.JoinedOn != firstPurchase[c.Id]).Select(c => c.CustomerCode));
    }

    private static string Describe(Core.Import.Cleaning.CleaningReport report) =>
        $"{report.RowsRead} read, {report.RowsKept} kept, {report.RowsRejected} rejected\n" +
        string.Join('\n', report.Rules.Select(r => $"{r.Rule} {r.Count}: {string.Join("; ", r.Examples)}")) + "\n" +
        string.Join('\n', report.Notes) + "\n" +
        string.Join('\n', report.Rejections.Select(r => $"{r.RowNumber} {r.Reason}"));

    /// <summary>Everything an import stores, by natural keys (ids may differ), as text.</summary>
    private static async Task<string> SnapshotAsync(ImportFixture f)
    {
        await using var db = f.Database.CreateContext();
        var text = new StringBuilder();
        foreach (var p in await db.Products.OrderBy(p => p.Sku).ToListAsync())
        {
            text.Append(CultureInfo.InvariantCulture, $"P {p.Sku}|{p.Name}|{p.Description}|{p.UnitPrice}|{p.IsNonMerchandise}|{p.CreatedAt:O}\n");
        }
        foreach (var c in await db.Customers.OrderBy(c => c.CustomerCode).ToListAsync())
        {
            text.Append(CultureInfo.InvariantCulture, $"C {c.CustomerCode}|{c.Country}|{c.JoinedOn:O}\n");
        }
        foreach (var o in await db.Orders.OrderBy(o => o.InvoiceNumber)
                     .Select(o => new { o.InvoiceNumber, Customer = o.Customer!.CustomerCode, o.PlacedAt, o.IsCancellation, o.Revenue, o.Items, o.LineCount })
                     .ToListAsync())
        {
            text.Append(CultureInfo.InvariantCulture, $"O {o.InvoiceNumber}|{o.Customer}|{o.PlacedAt:O}|{o.IsCancellation}|{Math.Round(o.Revenue, 2)}|{o.Items}|{o.LineCount}\n");
        }
        foreach (var l in await db.OrderLines.OrderBy(l => l.Order!.InvoiceNumber).ThenBy(l => l.LineNumber)
                     .Select(l => new { l.Order!.InvoiceNumber, l.LineNumber, l.Product!.Sku, l.Quantity, l.QuantityUnknown, l.UnitPrice })
                     .ToListAsync())
        {
            text.Append(CultureInfo.InvariantCulture, $"L {l.InvoiceNumber}|{l.LineNumber}|{l.Sku}|{l.Quantity}|{l.QuantityUnknown}|{l.UnitPrice}\n");
        }
        return text.ToString();
    }

    /// <summary>The slice's header and first <see cref="Rows"/> rows, without one column if asked.</summary>
    private static string Slice(string? without = null)
    {
        using var gzip = new GZipStream(File.OpenRead(RepositoryPaths.SampleData), CompressionMode.Decompress);
        using var parser = new Microsoft.VisualBasic.FileIO.TextFieldParser(gzip)
        {
            TextFieldType = Microsoft.VisualBasic.FileIO.FieldType.Delimited, HasFieldsEnclosedInQuotes = true,
        };
        parser.SetDelimiters(",");
        var header = parser.ReadFields()!;
        var drop = without is null ? -1 : Array.IndexOf(header, without);
        var text = new StringBuilder();
        var row = 0;
        for (var fields = header; fields is not null && row++ <= Rows; fields = parser.ReadFields())
        {
            text.AppendJoin(',', fields.Where((_, i) => i != drop).Select(Quote)).Append('\n');
        }
        return text.ToString();
    }

    private static string Quote(string cell) => cell.Contains(',') || cell.Contains('"') ? $"\"{cell.Replace("\"", "\"\"")}\"" : cell;
}
