using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Data;

public class MigrationsTests
{
    [Fact]
    public void SqliteMigrations_MatchTheModel_NoPendingChanges()
    {
        using var db = new SqliteRetailDbContext(new DbContextOptionsBuilder<SqliteRetailDbContext>().UseSqlite("Data Source=:memory:").Options);
        Assert.False(db.Database.HasPendingModelChanges(),
            "The model changed without a SQLite migration: run `dotnet ef migrations add` for SqliteRetailDbContext (database/README.md).");
    }

    [Fact]
    public void SqlServerMigrations_MatchTheModel_NoPendingChanges()
    {
        // No SQL Server engine runs here; comparing model and snapshot needs no connection.
        using var db = new SqlServerRetailDbContext(new DbContextOptionsBuilder<SqlServerRetailDbContext>()
            .UseSqlServer("Server=unused;Database=RetailRecs").Options);
        Assert.False(db.Database.HasPendingModelChanges(),
            "The model changed without a SQL Server migration: run `dotnet ef migrations add` for SqlServerRetailDbContext (database/README.md).");
    }

    [Fact]
    public void BothProviders_HaveTheSameMigrations_InTheSameOrder()
    {
        using var sqlite = new SqliteRetailDbContext(new DbContextOptionsBuilder<SqliteRetailDbContext>().UseSqlite("Data Source=:memory:").Options);
        using var sqlServer = new SqlServerRetailDbContext(new DbContextOptionsBuilder<SqlServerRetailDbContext>().UseSqlServer("Server=unused").Options);
        static IEnumerable<string> Names(DbContext db) => db.Database.GetMigrations().Select(id => id[(id.IndexOf('_') + 1)..]);
        Assert.Equal(Names(sqlite), Names(sqlServer));
    }

    [Fact]
    public async Task Migrate_EmptySqliteFile_CreatesEveryTable()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        // Every entity set is queryable, i.e. its table exists with the mapped columns.
        Assert.Equal(0, await db.Products.CountAsync());
        Assert.Equal(0, await db.Customers.CountAsync());
        Assert.Equal(0, await db.Orders.CountAsync());
        Assert.Equal(0, await db.OrderLines.CountAsync());
        Assert.Equal(0, await db.ImportBatches.CountAsync());
        Assert.Equal(0, await db.InteractionEvents.CountAsync());
        Assert.Equal(0, await db.AuditEntries.CountAsync());
        Assert.Equal(0, await db.Users.CountAsync());
    }
}
