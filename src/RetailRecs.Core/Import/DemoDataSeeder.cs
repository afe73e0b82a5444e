using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RetailRecs.Core.Catalog;
using RetailRecs.Core.Customers;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Import;

/// <summary>
/// Loads the demo data set (a slice of UCI Online Retail, see database/sample/README.md) into an empty database:
/// products, customers with fictional contact details, one online store, orders and lines.
/// Does nothing when the database already holds products or orders, so a second start seeds nothing.
/// </summary>
public sealed class DemoDataSeeder(IDbContextFactory<RetailDbContext> contexts, ILogger<DemoDataSeeder> logger)
{
    public const string OnlineStoreCode = "WEB";

    public sealed record Outcome(bool Seeded, int Products, int Customers, int Orders, int Lines, int RowsSkipped, string Message);

    public async Task<Outcome> SeedAsync(string samplePath, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.Products.AnyAsync(ct) || await db.Orders.AnyAsync(ct))
        {
            return new Outcome(false, 0, 0, 0, 0, 0, "The database already holds data; the demo data set was not loaded.");
        }
        if (!File.Exists(samplePath))
        {
            throw new FileNotFoundException($"The demo data file was not found at '{samplePath}'. Set Seed:DemoDataPath or turn Seed:DemoData off.", samplePath);
        }

        var parsed = OnlineRetailCsvReader.Read(samplePath);
        var (rows, duplicates, invalid) = Clean(parsed.Rows);
        var skipped = duplicates + invalid + parsed.Unreadable.Count;

        var products = BuildProducts(rows);
        var customers = BuildCustomers(rows);
        var store = new Store { Code = OnlineStoreCode, Name = "Online shop", Country = "United Kingdom" };
        var batch = new ImportBatch
        {
            Kind = ImportKind.DemoSeed,
            FileName = Path.GetFileName(samplePath),
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(samplePath, ct))),
            ImportedBy = "system (first start)",
            RowsRead = parsed.Rows.Count + parsed.Unreadable.Count,
            RowsRejected = skipped,
            Status = ImportStatus.Running,
        };

        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Add(batch);
        db.Add(store);
        db.AddRange(products.Values);
        db.AddRange(customers.Values);
        await db.SaveChangesAsync(ct);

        var orders = BuildOrders(rows, products, customers, store, batch);
        db.AddRange(orders);
        await db.SaveChangesAsync(ct);

        var lineCount = orders.Sum(o => o.Lines.Count);
        batch.RowsImported = lineCount;
        batch.Status = ImportStatus.Succeeded;
        batch.FinishedAt = DateTime.UtcNow;
        batch.Message = $"{duplicates} exact duplicate row(s) and {invalid + parsed.Unreadable.Count} unusable row(s) skipped.";
        db.Update(batch);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        var message = $"Demo data loaded: {products.Count} products, {customers.Count} customers, {orders.Count} orders, {lineCount} lines ({skipped} rows skipped).";
        logger.LogInformation("{Message}", message);
        return new Outcome(true, products.Count, customers.Count, orders.Count, lineCount, skipped, message);
    }

    /// <summary>Drops exact duplicate rows and rows no store could have produced (a sale at zero or negative price).</summary>
    private static (List<OnlineRetailRow> Rows, int Duplicates, int Invalid) Clean(IReadOnlyList<OnlineRetailRow> rows)
    {
        var seen = new HashSet<OnlineRetailRow>(RowContentComparer.Instance);
        var kept = new List<OnlineRetailRow>(rows.Count);
        int duplicates = 0, invalid = 0;
        foreach (var row in rows)
        {
            if (row.UnitPrice <= 0 || row.Quantity == 0)
            {
                invalid++;
                continue;
            }
            if (!seen.Add(row))
            {
                duplicates++;
                continue;
            }
            kept.Add(row);
        }
        return (kept, duplicates, invalid);
    }

    private static Dictionary<string, Product> BuildProducts(List<OnlineRetailRow> rows) =>
        rows.GroupBy(r => r.StockCode, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g =>
            {
                // The name is the description the product was sold under most often; the price the one charged most
                // often (the latest would too often be a one-off discount or a guest surcharge).
                var name = g.Select(r => TextRepair.Clean(r.Description)).OfType<string>()
                    .GroupBy(d => d).OrderByDescending(d => d.Count()).ThenBy(d => d.Key, StringComparer.Ordinal)
                    .Select(d => d.Key).FirstOrDefault();
                var price = g.Where(r => !r.IsCancellation).DefaultIfEmpty(g.First())
                    .GroupBy(r => r.UnitPrice).OrderByDescending(p => p.Count()).ThenByDescending(p => p.Max(r => r.InvoiceDate))
                    .First().Key;
                return new Product
                {
                    Sku = g.Key,
                    Name = name ?? $"Item {g.Key}",
                    Description = name,
                    UnitPrice = price,
                    IsNonMerchandise = NonMerchandiseCodes.IsNonMerchandise(g.Key),
                };
            }, StringComparer.OrdinalIgnoreCase);

    private static Dictionary<string, Customer> BuildCustomers(List<OnlineRetailRow> rows)
    {
        var customers = new Dictionary<string, Customer>();
        var ordinal = 0;
        foreach (var g in rows.Where(r => r.CustomerId is not null).GroupBy(r => CustomerCode(r.CustomerId!)).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var customer = new Customer
            {
                CustomerCode = g.Key,
                Country = g.Select(r => TextRepair.Clean(r.Country)).OfType<string>().GroupBy(c => c)
                    .OrderByDescending(c => c.Count()).Select(c => c.Key).FirstOrDefault(),
                JoinedOn = DateOnly.FromDateTime(g.Min(r => r.InvoiceDate)),
            };
            FictionalProfileGenerator.Fill(customer, ordinal++);
            customers[g.Key] = customer;
        }
        return customers;
    }

    private static List<Order> BuildOrders(List<OnlineRetailRow> rows, Dictionary<string, Product> products,
        Dictionary<string, Customer> customers, Store store, ImportBatch batch) =>
        rows.GroupBy(r => r.InvoiceNo).Select(g =>
        {
            var first = g.First();
            return new Order
            {
                InvoiceNumber = g.Key,
                CustomerId = first.CustomerId is { } code ? customers[CustomerCode(code)].Id : null,
                StoreId = store.Id,
                PlacedAt = first.InvoiceDate,
                IsCancellation = first.IsCancellation,
                ImportBatchId = batch.Id,
                Lines = g.Select((r, i) => new OrderLine
                {
                    LineNumber = i + 1,
                    ProductId = products[r.StockCode].Id,
                    Quantity = r.Quantity,
                    UnitPrice = r.UnitPrice,
                }).ToList(),
            };
        }).ToList();

    // Spreadsheet exports often turn 17850 into "17850.0".
    private static string CustomerCode(string raw) => raw.EndsWith(".0", StringComparison.Ordinal) ? raw[..^2] : raw;

    /// <summary>Rows are duplicates when every field but the row number is equal.</summary>
    private sealed class RowContentComparer : IEqualityComparer<OnlineRetailRow>
    {
        public static readonly RowContentComparer Instance = new();
        public bool Equals(OnlineRetailRow? x, OnlineRetailRow? y) =>
            x is not null && y is not null && (x with { RowNumber = 0 }) == (y with { RowNumber = 0 });
        public int GetHashCode(OnlineRetailRow r) => HashCode.Combine(r.InvoiceNo, r.StockCode, r.Quantity, r.UnitPrice, r.InvoiceDate, r.Description);
    }
}
