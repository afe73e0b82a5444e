using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Model;
using RetailRecs.Core.Privacy;
using RetailRecs.Core.Tests.Import;

namespace RetailRecs.Core.Tests.Privacy;

/// <summary>Rejected import rows are kept verbatim for their download: an erasure clears the ones that name the customer.</summary>
public class CustomerErasureRejectedRowsTests
{
    [Fact]
    public async Task EraseAsync_RejectedRowsNamingThem_LoseTheirTextOthersKeepIt()
    {
        await using var f = await ImportFixture.CreateAsync();
        var file = f.WriteFile("sales.csv", """
            InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
            536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/2010 8:26,2.55,17850.0,United Kingdom
            536366,22633,HAND WARMER UNION JACK,6,12/1/2010 8:28,0,17850.0,United Kingdom
            536367,84879,ASSORTED COLOUR BIRD ORNAMENT,32,12/1/2010 8:34,1.69,13047.0,United Kingdom
            536368,22960,JAM MAKING SET WITH JARS,6,12/1/2010 8:34,0,13047.0,United Kingdom
            536369,21756,BATH BUILDING BLOCK WORD,3,12/1/2010 8:35,0,17850178.0,United Kingdom
            """);
        await f.ImportAsync(file);
        List<ImportRejection> before;
        await using (var db = f.Database.CreateContext())
        {
            before = await db.ImportRejections.AsNoTracking().OrderBy(r => r.RowNumber).ToListAsync();
        }
        Assert.Equal(3, before.Count(r => r.RawRow is not null)); // the three sales at price zero

        var result = await f.Database.Get<CustomerErasureService>().EraseAsync("17850", new StaffActor(null, "admin"));

        Assert.Equal(1, result!.RejectedRowsCleared);
        await using (var db = f.Database.CreateContext())
        {
            var after = await db.ImportRejections.AsNoTracking().OrderBy(r => r.RowNumber).ToListAsync();
            Assert.Equal(before.Select(r => (r.RowNumber, r.Reason)), after.Select(r => (r.RowNumber, r.Reason)));
            Assert.Null(after.Single(r => r.RowNumber == before.Single(b => b.RawRow!.Contains("HAND WARMER", StringComparison.Ordinal)).RowNumber).RawRow);
            // Another customer's row, and one where the code is only part of a longer number, keep their text.
            Assert.Equal(2, after.Count(r => r.RawRow is not null));
        }
    }
}
