using System.IO.Compression;
using Microsoft.EntityFrameworkCore;
using Microsoft.VisualBasic.FileIO;
using RetailRecs.Core.Import;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Import;

/// <summary>
/// Imports the committed slice of the real Online Retail file and checks the stored data against figures worked out
/// from the file with another CSV parser, by the definitions in shared/data/online-retail/README.md.
/// </summary>
public class OnlineRetailSliceImportTests
{
    private sealed record Expected(int Rows, int PurchaseRows, int PurchaseCustomers, int PurchaseItems, int DistinctCancelledRows, int DistinctPricedPurchaseRows);

    private static Expected FromFile()
    {
        using var gzip = new GZipStream(File.OpenRead(RepositoryPaths.SampleData), CompressionMode.Decompress);
        using var parser = new TextFieldParser(gzip) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true };
        parser.SetDelimiters(",");
        var h = parser.ReadFields()!;
        int rows = 0, purchases = 0;
        var cancelled = new HashSet<string>();
        var customers = new HashSet<string>();
        var items = new HashSet<string>();
        var distinctPriced = new HashSet<string>();
        while (parser.ReadFields() is { } f)
        {
            rows++;
            var invoice = f[Array.IndexOf(h, "InvoiceNo")];
            var customer = f[Array.IndexOf(h, "CustomerID")];
            var quantity = int.Parse(f[Array.IndexOf(h, "Quantity")]);
            var price = decimal.Parse(f[Array.IndexOf(h, "UnitPrice")], System.Globalization.CultureInfo.InvariantCulture);
            if (invoice.StartsWith('C')) cancelled.Add(string.Join('\u001F', f));
            if (customer.Length > 0 && quantity > 0 && !invoice.StartsWith('C'))
            {
                purchases++;
                customers.Add(customer);
                items.Add(f[Array.IndexOf(h, "StockCode")].ToUpperInvariant());
                if (price > 0) distinctPriced.Add(string.Join('\u001F', f));
            }
        }
        return new Expected(rows, purchases, customers.Count, items.Count, cancelled.Count, distinctPriced.Count);
    }

    [Fact]
    public async Task Import_CommittedSlice_StoresEveryPurchaseLineOnce_WithItsCustomersAndItems()
    {
        var expected = FromFile();
        await using var f = await ImportFixture.CreateAsync();

        var result = await f.ImportAsync(RepositoryPaths.SampleData);

        Assert.Equal(expected.Rows, result.Report.RowsRead);
        await using var db = f.Database.CreateContext();
        var purchases = db.OrderLines.Where(l => l.Order!.CustomerId != null && l.Quantity > 0 && !l.Order.IsCancellation);
        Assert.Equal(expected.DistinctPricedPurchaseRows, await purchases.CountAsync());
        Assert.Equal(expected.PurchaseCustomers, await purchases.Select(l => l.Order!.CustomerId).Distinct().CountAsync());
        Assert.Equal(expected.PurchaseItems, await purchases.Select(l => l.ProductId).Distinct().CountAsync());
        // Every line of a C-invoice is kept once, as a return (negative quantity, netted in revenue).
        Assert.Equal(expected.DistinctCancelledRows, await db.OrderLines.CountAsync(l => l.Order!.InvoiceNumber.StartsWith("C") && l.Order.IsCancellation && l.Quantity < 0));
    }
}
