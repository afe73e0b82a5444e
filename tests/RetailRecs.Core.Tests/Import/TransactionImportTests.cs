using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Import;
using RetailRecs.Core.Import.Cleaning;
using RetailRecs.Core.Model;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Import;

public class TransactionImportTests
{
    private const string Header = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";

    [Fact]
    public async Task ImportAsync_SameFileTwice_SecondTimeChangesNothing()
    {
        await using var f = await ImportFixture.CreateAsync();
        var path = f.WriteFile("sales.csv", Header +
            "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850,United Kingdom\n" +
            "536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:26:00,3.39,17850,United Kingdom\n");

        var first = await f.ImportAsync(path);
        var second = await f.ImportAsync(path);

        Assert.Equal(ImportOutcome.Imported, first.Outcome);
        Assert.Equal(2, first.Written!.LinesAdded);
        Assert.Equal(ImportOutcome.AlreadyImported, second.Outcome);
        Assert.Contains("already imported", second.Message);
        await using var db = f.Database.CreateContext();
        Assert.Equal(2, await db.OrderLines.CountAsync());
        Assert.Equal(1, await db.ImportBatches.CountAsync());
    }

    [Fact]
    public async Task ImportAsync_OverlappingFile_AddsOnlyTheNewLines()
    {
        await using var f = await ImportFixture.CreateAsync();
        const string a = "536365,85123A,HEART,6,2010-12-01 08:26:00,2.55,17850,United Kingdom\n";
        const string b = "536366,22633,HAND WARMER,6,2010-12-01 08:28:00,1.85,17850,United Kingdom\n";
        await f.ImportAsync(f.WriteFile("monday.csv", Header + a));

        var result = await f.ImportAsync(f.WriteFile("monday-and-tuesday.csv", Header + a + b));

        Assert.Equal(1, result.Written!.LinesAdded);
        Assert.Equal(1, result.Written.LinesAlreadyStored);
        Assert.Equal(1, result.Written.ProductsAdded); // only the hand warmer is new
        await using var db = f.Database.CreateContext();
        Assert.Equal(2, await db.OrderLines.CountAsync());
    }

    [Fact]
    public async Task ImportAsync_CorrectedRowReimported_AddsOnlyThatLine_WhateverTheOrder()
    {
        await using var f = await ImportFixture.CreateAsync();
        const string heart = "536365,85123A,HEART,6,2010-12-01 08:26:00,2.55,17850,United Kingdom\n";
        const string lantern = "536365,71053,LANTERN,6,2010-12-01 08:26:00,3.39,17850,United Kingdom\n";
        const string badCushion = "536365,22752,CUSHION,2,2010-12-01 08:26:00,0,17850,United Kingdom\n";
        const string goodCushion = "536365,22752,CUSHION,2,2010-12-01 08:26:00,7.65,17850,United Kingdom\n";
        var first = await f.ImportAsync(f.WriteFile("first.csv", Header + heart + badCushion + lantern));
        Assert.Equal(1, first.Report.RowsRejected);

        // The corrected export lists the lines in another order, with the cushion fixed.
        var second = await f.ImportAsync(f.WriteFile("corrected.csv", Header + lantern + goodCushion + heart));

        Assert.Equal(1, second.Written!.LinesAdded);
        Assert.Equal(2, second.Written.LinesAlreadyStored);
        await using var db = f.Database.CreateContext();
        var lines = await db.OrderLines.OrderBy(l => l.LineNumber).Select(l => new { l.Product!.Sku, l.LineNumber }).ToListAsync();
        Assert.Equal(["85123A", "71053", "22752"], lines.Select(l => l.Sku));
        Assert.Equal([1, 2, 3], lines.Select(l => l.LineNumber));
    }

    [Fact]
    public async Task ImportAsync_DatabaseFailsMidWrite_RollsEverythingBack_AndHistorySaysFailed()
    {
        await using var f = await ImportFixture.CreateAsync();
        await using (var db = f.Database.CreateContext())
        {
            // A fault the importer cannot foresee: the database refuses one particular line.
            await db.Database.ExecuteSqlRawAsync(f.Database.Provider == RetailRecs.Core.Data.DatabaseProvider.Postgres
                ? """
                  CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$
                  BEGIN IF NEW."Quantity" = 999 THEN RAISE EXCEPTION 'disk on fire'; END IF; RETURN NEW; END $$;
                  CREATE TRIGGER refuse BEFORE INSERT ON "OrderLines" FOR EACH ROW EXECUTE FUNCTION refuse();
                  """
                : "CREATE TRIGGER refuse BEFORE INSERT ON OrderLines WHEN NEW.Quantity = 999 BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;");
        }
        var path = f.WriteFile("sales.csv", Header +
            "536365,85123A,HEART,6,2010-12-01 08:26:00,2.55,17850,United Kingdom\n" +
            "536366,71053,LANTERN,999,2010-12-01 08:28:00,3.39,12583,France\n");

        var error = await Assert.ThrowsAsync<ImportException>(() => f.ImportAsync(path));

        Assert.Contains("nothing was stored", error.Message);
        await using var check = f.Database.CreateContext();
        Assert.Equal(0, await check.OrderLines.CountAsync());
        Assert.Equal(0, await check.Products.CountAsync());
        Assert.Equal(0, await check.Customers.CountAsync());
        var batch = await check.ImportBatches.SingleAsync();
        Assert.Equal(ImportStatus.Failed, batch.Status);
        Assert.Contains("disk on fire", batch.Message);
    }

    [Fact]
    public async Task ImportAsync_NegativeQuantityAtPriceZero_IsAStockAdjustment_NotAReturn()
    {
        await using var f = await ImportFixture.CreateAsync();
        var path = f.WriteFile("sales.csv", Header +
            "536365,85123A,HEART,6,2010-12-01 08:26:00,2.55,17850,United Kingdom\n" +
            "536999,85123A,damaged,-12,2010-12-01 09:00:00,0,,United Kingdom\n" +
            "C537000,85123A,HEART,-1,2010-12-02 10:00:00,2.55,17850,United Kingdom\n");

        var result = await f.ImportAsync(path);

        Assert.Equal(1, result.Report.CountOf(CleaningRules.StockAdjustment));
        Assert.Equal(3, Assert.Single(result.Report.Rejections).RowNumber);
        Assert.Equal(1, result.Report.CountOf(CleaningRules.Return));
    }

    [Fact]
    public async Task ImportAsync_CancellationWithUnsignedQuantity_IsStoredAsGoodsGoingBack()
    {
        await using var f = await ImportFixture.CreateAsync();
        var path = f.WriteFile("sales.csv", Header +
            "536365,85123A,HEART,6,2010-12-01 08:26:00,2.55,17850,United Kingdom\n" +
            "C537000,85123A,HEART,2,2010-12-02 10:00:00,2.55,17850,United Kingdom\n");

        var result = await f.ImportAsync(path);

        Assert.Equal(1, result.Report.CountOf(CleaningRules.CancellationQuantitySigned));
        await using var db = f.Database.CreateContext();
        var cancellation = await db.Orders.SingleAsync(o => o.InvoiceNumber == "C537000");
        Assert.True(cancellation.IsCancellation);
        Assert.Equal(-5.10m, cancellation.Revenue);
        Assert.Equal(-2, await db.OrderLines.Where(l => l.OrderId == cancellation.Id).Select(l => l.Quantity).SingleAsync());
    }

    [Fact]
    public async Task ImportAsync_ReturnWithNegativeQuantityAndNegativePrice_IsARefundNotRevenue()
    {
        await using var f = await ImportFixture.CreateAsync();
        var path = f.WriteFile("sales.csv", Header +
            "536365,85123A,HEART,6,2010-12-01 08:26:00,2.55,17850,United Kingdom\n" +
            "536400,85123A,HEART,-2,2010-12-02 10:00:00,-2.55,17850,United Kingdom\n");

        var result = await f.ImportAsync(path);

        Assert.Equal(1, result.Report.CountOf(CleaningRules.ReturnPriceSigned));
        await using var db = f.Database.CreateContext();
        var refund = await db.Orders.SingleAsync(o => o.InvoiceNumber == "536400");
        Assert.True(refund.IsCancellation);
        Assert.Equal(-5.10m, refund.Revenue);
        Assert.Equal(2.55m, await db.OrderLines.Where(l => l.OrderId == refund.Id).Select(l => l.UnitPrice).SingleAsync());
    }

    [Fact]
    public async Task ImportAsync_ReceiptStartingWithC_IsNotACancellation()
    {
        await using var f = await ImportFixture.CreateAsync();

        await f.ImportAsync(f.WriteFile("tills.csv", "Receipt,SKU,Qty,Date,Price\nCA-1001,A1,1,2011-05-01 10:00:00,3.50\n"));

        await using var db = f.Database.CreateContext();
        Assert.False(await db.Orders.Select(o => o.IsCancellation).SingleAsync());
    }

    [Fact]
    public async Task ImportAsync_DryRun_ReportsButStoresNothing()
    {
        await using var f = await ImportFixture.CreateAsync();
        var path = f.WriteFile("sales.csv", Header + "536365,85123A,HEART,6,2010-12-01 08:26:00,2.55,17850,United Kingdom\n");

        var result = await f.ImportAsync(path, dryRun: true);

        Assert.Equal(ImportOutcome.DryRun, result.Outcome);
        Assert.Equal(1, result.Report.RowsKept);
        await using var db = f.Database.CreateContext();
        Assert.Equal(0, await db.OrderLines.CountAsync());
        Assert.Equal(0, await db.ImportBatches.CountAsync());
    }

    [Fact]
    public async Task ImportAsync_CancelledWhileWriting_StoresNothing_AndHistorySaysCancelled()
    {
        await using var f = await ImportFixture.CreateAsync();
        await f.ImportAsync(f.WriteFile("before.csv", Header + "1,A1,KEPT,1,2010-12-01 08:26:00,1.00,1,United Kingdom\n"));
        var rows = string.Concat(Enumerable.Range(0, 120_000).Select(i => $"{100000 + i / 4},SKU{i % 500},ITEM {i % 500},{1 + i % 7},2011-01-02 10:00:00,1.25,{12000 + i % 300},France\n"));
        var path = f.WriteFile("big.csv", Header + rows);
        using var cancel = new CancellationTokenSource();
        var progress = new SynchronousProgress(p => { if (p.Stage == "Writing") cancel.Cancel(); });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => f.ImportAsync(path, ct: cancel.Token, progress: progress));

        await using var db = f.Database.CreateContext();
        Assert.Equal(1, await db.OrderLines.CountAsync());
        Assert.Equal(1, await db.Products.CountAsync());
        Assert.Equal([ImportStatus.Succeeded, ImportStatus.Cancelled], await db.ImportBatches.OrderBy(b => b.Id).Select(b => b.Status).ToListAsync());
    }

    [Fact]
    public async Task ImportAsync_EfWriterAndSqliteWriter_StoreTheSameData()
    {
        await using var bulk = await ImportFixture.CreateAsync();
        await using var ef = await ImportFixture.CreateAsync();
        ef.Importer.ForceEfWriter = true;

        var a = await bulk.ImportAsync(RepositoryPaths.SampleData);
        var b = await ef.ImportAsync(RepositoryPaths.SampleData);

        Assert.Equal(a.Written, b.Written);
        await using var dbA = bulk.Database.CreateContext();
        await using var dbB = ef.Database.CreateContext();
        Assert.Equal(await dbA.OrderLines.SumAsync(l => l.Quantity), await dbB.OrderLines.SumAsync(l => l.Quantity));
        Assert.Equal(await dbA.Orders.CountAsync(o => o.IsCancellation), await dbB.Orders.CountAsync(o => o.IsCancellation));
    }

    /// <summary>
    /// Empty lines and rows of empty cells, as spreadsheets export them, and the timestamps of SQL exports and of
    /// Excel in the US: the blank rows were rejected ("wrong number of columns", "unreadable date"), and every row
    /// of such timestamps too.
    /// </summary>
    [Fact]
    public async Task ImportAsync_BlankLinesAndOtherExportsTimestamps_BlankSkippedAndEverySaleKept()
    {
        await using var f = await ImportFixture.CreateAsync();
        var path = f.WriteFile("sales.csv", Header +
            "536365,85123A,HEART,6,2010-12-01 08:26:00.000,2.55,17850,United Kingdom\n" +
            "\n" +
            ",,,,,,,\n" +
            "536366,22633,HAND WARMER,6,2010/12/01 08:28,1.85,17850,United Kingdom\n" +
            " , , ,,,,,\n");

        var result = await f.ImportAsync(path);

        Assert.Equal((0, 3), (result.Report.RowsRejected, result.Report.CountOf(RetailRecs.Core.Import.Cleaning.CleaningRules.BlankRowSkipped)));
        await using var db = f.Database.CreateContext();
        Assert.Equal([new DateTime(2010, 12, 1, 8, 26, 0), new DateTime(2010, 12, 1, 8, 28, 0)],
            await db.Orders.OrderBy(o => o.InvoiceNumber).Select(o => o.PlacedAt).ToListAsync());
    }

    /// <summary>
    /// A till that numbers receipts per day reuses them: another customer's purchase under the same number joined the
    /// first customer's basket (their card, their suggestions). In one file the row is rejected; in a later file the
    /// lines are left out and the message says why. The same customer's later lines still complete their invoice.
    /// </summary>
    [Fact]
    public async Task ImportAsync_InvoiceNumberReusedForAnotherCustomer_NeverJoinsTheirBasket()
    {
        await using var f = await ImportFixture.CreateAsync();
        var first = await f.ImportAsync(f.WriteFile("monday.csv", Header +
            "1001,85123A,HEART,6,2010-12-01 08:26:00,2.55,17850,United Kingdom\n" +
            "1001,22633,HAND WARMER,2,2010-12-01 09:00:00,1.85,13047,United Kingdom\n"));
        // The same day: on another day the number is another basket (ReceiptsNumberedPerDayTests).
        var second = await f.ImportAsync(f.WriteFile("tuesday.csv", Header +
            "1001,71053,LANTERN,1,2010-12-01 10:00:00,3.39,12583,France\n"));
        var corrected = await f.ImportAsync(f.WriteFile("monday-again.csv", Header +
            "1001,84406B,CREAM CUPID HEARTS COAT HANGER,8,2010-12-01 08:26:00,2.75,17850,United Kingdom\n"));

        Assert.Equal((1, 0, 0), (first.Report.RowsRejected, second.Report.RowsRejected, corrected.Report.RowsRejected));
        Assert.Contains("another customer's sale earlier in the file", (await f.Database.CreateContext().ImportRejections.SingleAsync()).Reason);
        Assert.Contains("1 line of 1 invoice left out: the number is another customer's sale already stored (e.g. 1001)", second.Message);
        Assert.DoesNotContain("left out", corrected.Message);
        await using var db = f.Database.CreateContext();
        var order = await db.Orders.Where(o => o.InvoiceNumber == "1001")
            .Select(o => new { o.Customer!.CustomerCode, Skus = o.Lines.OrderBy(l => l.LineNumber).Select(l => l.Product!.Sku).ToList() }).SingleAsync();
        Assert.Equal(("17850", "85123A 84406B"), (order.CustomerCode, string.Join(" ", order.Skus)));
    }

    /// <summary>
    /// A US weekly export of the 1st to the 7th: no date proves the order, so it was read day first with no way to say
    /// otherwise, and every sale was stored on the 3rd of January to July. The user's choice now decides it.
    /// </summary>
    [Theory]
    [InlineData(DateOrder.MonthFirst)]
    [InlineData(DateOrder.Detect)]
    public async Task ImportAsync_DatesThatDoNotProveTheOrder_FollowTheOrderChosen(DateOrder order)
    {
        await using var f = await ImportFixture.CreateAsync();
        var path = f.WriteFile("week.csv", Header +
            "536365,85123A,HEART,6,3/1/2011 08:26,2.55,17850,United States\n" +
            "536366,22633,HAND WARMER,6,3/7/2011 09:00,1.85,17850,United States\n");

        var result = await f.Importer.ImportAsync(new ImportRequest(RetailRecs.Core.Model.ImportKind.Transactions, path, "week.csv", "test", Dates: order));

        await using var db = f.Database.CreateContext();
        var days = await db.Orders.OrderBy(o => o.InvoiceNumber).Select(o => o.PlacedOn).ToListAsync();
        Assert.Equal(order == DateOrder.MonthFirst ? [new DateOnly(2011, 3, 1), new DateOnly(2011, 3, 7)] : [new DateOnly(2011, 1, 3), new DateOnly(2011, 7, 3)], days);
        Assert.Contains(order == DateOrder.Detect ? "assumed" : "as chosen", string.Join(" ", result.Report.Notes));
    }

    /// <summary>
    /// Month first chosen (or kept from the last file on the upload page) for a British file: 13/01 was rejected as an
    /// unreadable date and 03/01 silently stored as the 1st of March.
    /// </summary>
    [Fact]
    public async Task ImportAsync_OrderChosenThatTheDatesDisprove_RefusesTheFile_StoringNothing()
    {
        await using var f = await ImportFixture.CreateAsync();
        var path = f.WriteFile("uk.csv", Header +
            "536365,85123A,HEART,6,03/01/2011 08:26,2.55,17850,United Kingdom\n" +
            "536366,22633,HAND WARMER,6,13/01/2011 09:00,1.85,17850,United Kingdom\n");

        var error = await Assert.ThrowsAsync<ImportException>(() =>
            f.Importer.ImportAsync(new ImportRequest(RetailRecs.Core.Model.ImportKind.Transactions, path, "uk.csv", "test", Dates: DateOrder.MonthFirst)));

        Assert.StartsWith("Dates were to be read month first, but 1 date in the file can only be day first (the first: '13/01/2011 09:00', row 3)", error.Message);
        await using var db = f.Database.CreateContext();
        Assert.Equal(0, await db.OrderLines.CountAsync());
        var day = await f.Importer.ImportAsync(new ImportRequest(RetailRecs.Core.Model.ImportKind.Transactions, path, "uk.csv", "test", Dates: DateOrder.DayFirst));
        Assert.Equal(2, day.Written!.LinesAdded);
    }

    [Fact]
    public async Task ImportAsync_RejectedRows_AreStoredWithRowNumbersAndReasons()
    {
        await using var f = await ImportFixture.CreateAsync();
        var path = f.WriteFile("sales.csv", Header +
            "536365,85123A,HEART,6,2010-12-01 08:26:00,2.55,17850,United Kingdom\n" +
            "536366,22633,HAND WARMER,6,2010-12-01 08:28:00,0,17850,United Kingdom\n" +
            "536367,22633,HAND WARMER,six,2010-12-01 08:28:00,1.85,17850,United Kingdom\n" +
            "536368,22633,HAND WARMER,1,2099-01-01 08:28:00,1.85,17850,United Kingdom\n");

        var result = await f.ImportAsync(path);

        Assert.Equal(3, result.Report.RowsRejected);
        await using var db = f.Database.CreateContext();
        var rejections = await db.ImportRejections.OrderBy(r => r.RowNumber).ToListAsync();
        Assert.Equal([3, 4, 5], rejections.Select(r => r.RowNumber));
        Assert.Contains("price of zero", rejections[0].Reason);
        Assert.Contains("six", rejections[1].Reason);
        Assert.Contains("future", rejections[2].Reason);
        Assert.StartsWith("536366,22633", rejections[0].RawRow);
    }

    [Fact]
    public async Task ImportAsync_QuotedDescriptionWithAComma_KeepsItWhole()
    {
        await using var f = await ImportFixture.CreateAsync();
        var path = f.WriteFile("sales.csv", Header + "536381,82567,\"AIRLINE LOUNGE,METAL SIGN\",2,2010-12-01 09:41:00,2.1,15311,United Kingdom\n");

        await f.ImportAsync(path);

        await using var db = f.Database.CreateContext();
        Assert.Equal("AIRLINE LOUNGE,METAL SIGN", await db.Products.Select(p => p.Name).SingleAsync());
        Assert.Equal(2.1m, await db.OrderLines.Select(l => l.UnitPrice).SingleAsync());
    }

    private sealed class SynchronousProgress(Action<ImportProgress> onReport) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => onReport(value);
    }
}
