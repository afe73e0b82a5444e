using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using RetailRecs.Core.Customers;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Data;

/// <summary>
/// Customers stored before SearchKeys.Letters keep keys with "ł", "ø", "ß": the migration folds them as SearchKeys now
/// does, so they are found by what the associate types (on SQLite here, on PostgreSQL in CI; the SQL Server script is generated).
/// </summary>
public class FoldedNameKeysMigrationTests
{
    [Fact]
    public async Task Migrate_FromBeforeFoldedNameKeys_StoredCustomersAreFoundByThePlainLetters()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.CreateContext())
        {
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync("CustomerCountryIndex"); // the schema and keys before this change
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO "Customers" ("CustomerCode", "FirstName", "LastName", "SearchFirstName", "SearchLastName", "PersonalizationOptOut", "HasFictionalProfile")
                VALUES ('PL-1', 'Łukasz', 'Wróbel', 'łukasz', 'wrobel', FALSE, FALSE);
                INSERT INTO "Customers" ("CustomerCode", "FirstName", "LastName", "SearchFirstName", "SearchLastName", "PersonalizationOptOut", "HasFictionalProfile")
                VALUES ('DE-1', 'Johann', 'Strauß', 'johann', 'strauß', FALSE, FALSE);
                """);

            await migrator.MigrateAsync();

            var keys = await db.Customers.AsNoTracking().OrderBy(c => c.CustomerCode)
                .Select(c => new { c.SearchFirstName, c.SearchLastName }).ToListAsync();
            Assert.Equal([("johann", "strauss"), ("lukasz", "wrobel")], keys.Select(k => (k.SearchFirstName, k.SearchLastName)));
        }
        Assert.Equal(["Łukasz Wróbel"], (await database.Get<CustomerSearch>().SearchAsync("lukasz")).Select(h => h.Name));
        Assert.Equal(["Johann Strauß"], (await database.Get<CustomerSearch>().SearchAsync("Strauß")).Select(h => h.Name));
    }
}
