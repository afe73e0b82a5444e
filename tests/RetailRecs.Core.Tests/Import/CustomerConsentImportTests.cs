using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Import;
using RetailRecs.Core.Import.Cleaning;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Tests.Import;

/// <summary>A customers file's optional consent or opt-out column goes through the one consent rule, naming the file's import.</summary>
public class CustomerConsentImportTests
{
    [Fact]
    public async Task ImportCustomers_OptOutThenConsentColumn_RecordsEachChangedChoiceWithItsImport_AndNothingElse()
    {
        await using var f = await ImportFixture.CreateAsync();

        var first = await f.ImportAsync(f.WriteFile("crm.csv",
            "Customer ID,First Name,Opt-out\n" +
            "17850,Ada,yes\n" +    // objects: recorded
            "12583,Blaise,no\n" +  // does not object: already so, nothing to record
            "13047,Grace,\n" +     // not said
            "12345,Alan,maybe\n"), // not a choice: left as it was
            kind: ImportKind.Customers);

        Assert.Equal(new UpsertCounts("customers", 4, 0, 0, 1), first.Upserted);
        Assert.Equal(1, first.Report.CountOf(CleaningRules.UnreadableYesNo));
        await using (var db = f.Database.CreateContext())
        {
            var record = await db.ConsentRecords.Include(r => r.Customer).SingleAsync();
            Assert.Equal(("17850", false, ConsentSource.Import, first.BatchId, (string?)null),
                (record.Customer!.CustomerCode, record.Granted, record.Source, record.ImportBatchId, record.RecordedBy));
            Assert.Equal(["17850"], await db.Customers.Where(c => c.PersonalizationOptOut).Select(c => c.CustomerCode).ToListAsync());
        }

        // Another file, with the opposite reading: Ada agrees again, Blaise still agrees (nothing new).
        var second = await f.ImportAsync(f.WriteFile("crm2.csv", "CustomerID,Consent\n17850,yes\n12583,Y\n"), kind: ImportKind.Customers);

        Assert.Equal(new UpsertCounts("customers", 0, 1, 1, 1), second.Upserted);
        Assert.Contains("1 choices about personalised suggestions recorded", second.Message);
        await using (var db = f.Database.CreateContext())
        {
            var records = await db.ConsentRecords.OrderBy(r => r.Id).Select(r => new { r.Customer!.CustomerCode, r.Granted, r.ImportBatchId }).ToListAsync();
            Assert.Equal([("17850", false, first.BatchId), ("17850", true, second.BatchId)], records.Select(r => (r.CustomerCode, r.Granted, r.ImportBatchId)));
            Assert.Equal(0, await db.Customers.CountAsync(c => c.PersonalizationOptOut));
        }
    }

    [Fact]
    public async Task ImportCustomers_ConsentNoAndOptOutNoInOneRow_TheObjectionWins()
    {
        await using var f = await ImportFixture.CreateAsync();

        await f.ImportAsync(f.WriteFile("crm.csv", "CustomerID,Consent,OptOut\n17850,no,no\n"), kind: ImportKind.Customers);

        await using var db = f.Database.CreateContext();
        Assert.True((await db.Customers.SingleAsync()).PersonalizationOptOut);
        Assert.False((await db.ConsentRecords.SingleAsync()).Granted);
    }

    /// <summary>
    /// A customer objected at the counter on Monday; that night the CRM's export, which never heard of it, says "yes"
    /// (often its default). The file put them back into personalised suggestions, recorded as their own choice.
    /// </summary>
    [Fact]
    public async Task ImportCustomers_AgreesForACustomerWhoObjectedAtTheCounter_TheObjectionStaysAndTheReportSaysSo()
    {
        await using var f = await ImportFixture.CreateAsync();
        await f.ImportAsync(f.WriteFile("crm.csv", "CustomerID,First Name\n17850,Ada\n12583,Blaise\n"), kind: ImportKind.Customers);
        int ada;
        await using (var db = f.Database.CreateContext())
        {
            ada = await db.Customers.Where(c => c.CustomerCode == "17850").Select(c => c.Id).SingleAsync();
        }
        var associate = new Core.Common.Audit.StaffActor(null, "associate");
        await f.Database.Get<Core.Privacy.CustomerConsentService>().RecordAsync(ada, false, Core.Privacy.ConsentOrigin.Counter(associate), associate);

        var night = await f.ImportAsync(f.WriteFile("crm-nightly.csv", "CustomerID,Consent\n17850,yes\n12583,yes\n"), kind: ImportKind.Customers);

        Assert.Equal(1, night.Report.CountOf(CleaningRules.ObjectionKept));
        await using (var db = f.Database.CreateContext())
        {
            Assert.True(await db.Customers.Where(c => c.Id == ada).Select(c => c.PersonalizationOptOut).SingleAsync());
            var records = await db.ConsentRecords.Where(r => r.CustomerId == ada).Select(r => new { r.Source, r.Granted }).ToListAsync();
            Assert.Equal([(ConsentSource.Counter, false)], records.Select(r => (r.Source, r.Granted)));
        }
    }
}
