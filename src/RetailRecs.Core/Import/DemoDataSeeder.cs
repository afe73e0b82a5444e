using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RetailRecs.Core.Customers;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Import;

/// <summary>
/// Loads the demo data set (a slice of UCI Online Retail, see database/sample/README.md) into an empty database
/// through the same import path as an admin's upload, then gives its customers fictional contact details and puts
/// its orders in one online store. Does nothing when the database already holds products or orders.
/// </summary>
public sealed class DemoDataSeeder(IDbContextFactory<RetailDbContext> contexts, ImportService importer, ILogger<DemoDataSeeder> logger)
{
    public const string OnlineStoreCode = "WEB";

    public sealed record Outcome(bool Seeded, int Products, int Customers, int Orders, int Lines, int RowsSkipped, string Message);

    public async Task<Outcome> SeedAsync(string samplePath, CancellationToken ct = default)
    {
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            if (await db.Products.AnyAsync(ct) || await db.Orders.AnyAsync(ct))
            {
                return new Outcome(false, 0, 0, 0, 0, 0, "The database already holds data; the demo data set was not loaded.");
            }
        }
        if (!File.Exists(samplePath))
        {
            throw new FileNotFoundException($"The demo data file was not found at '{samplePath}'. Set Seed:DemoDataPath or turn Seed:DemoData off.", samplePath);
        }

        var result = await importer.ImportAsync(
            new ImportRequest(ImportKind.Transactions, samplePath, Path.GetFileName(samplePath), "system (first start)"), ct: ct);
        if (result.Written is not { } written)
        {
            return new Outcome(false, 0, 0, 0, 0, 0, result.Message);
        }

        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            // The import's months may already be rolled up without a store (another instance's worker refreshes them as
            // soon as the import commits): marked again after the orders move into the store, they are rolled up under it.
            var days = await db.Orders.Where(o => o.StoreId == null).Select(o => o.PlacedOn).Distinct().ToListAsync(ct);
            var store = new Store { Code = OnlineStoreCode, Name = "Online shop", Country = "United Kingdom" };
            db.Stores.Add(store);
            await db.SaveChangesAsync(ct);
            await db.Orders.Where(o => o.StoreId == null).ExecuteUpdateAsync(s => s.SetProperty(o => o.StoreId, store.Id), ct);
            Analytics.Rollups.SalesRollup.Mark(db, days);

            // The source has customer ids only: give each a fictional name and contact details for lookups.
            var customers = await db.Customers.Where(c => !c.HasFictionalProfile && c.FirstName == null).OrderBy(c => c.CustomerCode).ToListAsync(ct);
            for (var i = 0; i < customers.Count; i++)
            {
                FictionalProfileGenerator.Fill(customers[i], i);
            }
            await db.SaveChangesAsync(ct);
        }

        var skipped = result.Report.RowsRead - written.LinesAdded;
        var message = $"Demo data loaded: {written.ProductsAdded} products, {written.CustomersAdded} customers, {written.OrdersAdded} orders, " +
                      $"{written.LinesAdded} lines ({skipped} rows rejected or duplicate).";
        logger.LogInformation("{Message}", message);
        return new Outcome(true, written.ProductsAdded, written.CustomersAdded, written.OrdersAdded, written.LinesAdded, skipped, message);
    }
}
