using Microsoft.EntityFrameworkCore;
using Npgsql;
using RetailRecs.Core.Import.Transactions;

namespace RetailRecs.Core.Tests.Import.Transactions;

/// <summary>
/// When the role may turn PostgreSQL's row triggers off for the lines' COPY, the writer checks the lines' foreign keys
/// itself, once per distinct key: a key naming no row must still fail the import.
/// </summary>
public class PostgresTransactionWriterTests
{
    private const string Sales = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n" +
        "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-05 08:26:00,2.55,17850,United Kingdom\n" +
        "536365,71053,WHITE METAL LANTERN,6,2010-12-05 08:26:00,3.39,17850,United Kingdom\n";

    [PostgresOnlyFact]
    public async Task CheckKeysAsync_StoredKeysPass_AKeyOfNoProductFails()
    {
        await using var f = await ImportFixture.CreateAsync();
        await f.ImportAsync(f.WriteFile("sales.csv", Sales));
        await using var db = f.Database.CreateContext();
        var orderIds = await db.Orders.Select(o => o.Id).ToListAsync();
        var productIds = await db.Products.Select(p => p.Id).ToListAsync();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();

        await PostgresTransactionWriter.CheckKeysAsync(connection, [.. orderIds, .. orderIds], productIds, CancellationToken.None);
        var missing = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            PostgresTransactionWriter.CheckKeysAsync(connection, orderIds, [.. productIds, productIds.Max() + 1000], CancellationToken.None));

        Assert.Contains("1 order line key(s) name no row of \"Products\"", missing.Message);
        Assert.Equal(2, productIds.Count);
    }
}
