using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using RetailRecs.Core.Model;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Data;

/// <summary>
/// Customers who objected before consent was kept as records get one record each from the migration, dated and
/// attributed from the audit entry of the change (on SQLite here, on PostgreSQL in CI; the SQL Server script is generated).
/// </summary>
public class ConsentRecordsMigrationTests
{
    [Fact]
    public async Task Migrate_FromBeforeConsentRecords_BackfillsARecordForEachObjectingCustomer()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateContext();
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync("ErasedCustomers"); // the schema before this change
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO "Customers" ("CustomerCode", "PersonalizationOptOut", "HasFictionalProfile") VALUES ('OBJ-AUDITED', TRUE, FALSE);
            INSERT INTO "Customers" ("CustomerCode", "PersonalizationOptOut", "HasFictionalProfile") VALUES ('OBJ-SILENT', TRUE, FALSE);
            INSERT INTO "Customers" ("CustomerCode", "PersonalizationOptOut", "HasFictionalProfile") VALUES ('AGREES', FALSE, FALSE);
            """);
        var audited = await db.Customers.Where(c => c.CustomerCode == "OBJ-AUDITED").Select(c => c.Id).SingleAsync();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "AuditEntries" ("At", "UserName", "Action", "EntityType", "EntityId")
            VALUES ('2026-11-30 10:00:00', 'API key ''till-7''', 'customer.optout-changed', 'Customer', {audited.ToString()})
            """);

        await migrator.MigrateAsync();

        var records = await db.ConsentRecords.AsNoTracking().OrderBy(r => r.Customer!.CustomerCode)
            .Select(r => new { r.Customer!.CustomerCode, r.Purpose, r.Granted, r.Source, r.RecordedBy, r.RecordedAt }).ToListAsync();
        Assert.Equal([("OBJ-AUDITED", "API key 'till-7'"), ("OBJ-SILENT", null)], records.Select(r => (r.CustomerCode, r.RecordedBy)));
        Assert.All(records, r => Assert.Equal((ConsentPurpose.Personalisation, false, ConsentSource.Api), (r.Purpose, r.Granted, r.Source)));
        Assert.Equal(new DateTime(2026, 11, 30, 10, 0, 0), records[0].RecordedAt);
        Assert.True(DateTime.UtcNow - records[1].RecordedAt < TimeSpan.FromMinutes(5)); // no date known: the migration's
    }
}
