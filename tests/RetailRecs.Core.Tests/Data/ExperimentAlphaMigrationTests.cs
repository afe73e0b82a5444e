using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Data;

/// <summary>
/// Experiments stored before each kept its own risk of a false winner were all judged at 5%: they keep that, not the
/// column's zero (at which nothing would ever be significant).
/// </summary>
public class ExperimentAlphaMigrationTests
{
    [Fact]
    public async Task Migrate_FromBeforeExperimentAlpha_StoredExperimentsAreJudgedAtFivePercent()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateContext();
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync("RejectionIdentifierColumns");
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO "Experiments" ("Name", "Hypothesis", "Status", "Unit", "Variants", "PrimaryMetric", "Guardrails", "AttributionDays",
                                       "PlannedDays", "IsAA", "CreatedAt", "CreatedBy")
            VALUES ('Older', 'Stored before', 'Running', 'Customer', '[]', 'PurchaseWithinDays', '[]', 7, 14, FALSE, '2026-12-01 10:00:00', 'manager');
            """);

        await migrator.MigrateAsync();

        Assert.Equal(0.05, await db.Experiments.AsNoTracking().Select(e => e.Alpha).SingleAsync());
    }
}
