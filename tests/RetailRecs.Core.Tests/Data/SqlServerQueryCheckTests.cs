using Microsoft.EntityFrameworkCore;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Data;

/// <summary>The check every test database carries: queries are also compiled for SQL Server.</summary>
public class SqlServerQueryCheckTests
{
    [Fact]
    public async Task Query_SqliteOnlyFunction_FailsNamingSqlServer()
    {
        await using var database = await TestDatabase.CreateAsync(sqliteOnly: true);
        await using var db = database.CreateContext();

        // GLOB exists in SQLite only: SQLite runs this, SQL Server's provider cannot translate it.
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            db.Products.Where(p => EF.Functions.Glob(p.Name, "MUG*")).CountAsync());

        Assert.Contains("SQL Server could not run this query", error.Message);
    }

    [Fact]
    public async Task Query_PortableLinq_RunsAndIsRecordedAsChecked()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateContext();
        var marker = $"portable-{Guid.NewGuid():N}";

        var count = await db.Products.Where(p => p.Name.StartsWith(marker) && p.Id > 0).OrderBy(p => p.Name).Select(p => p.Id).CountAsync();

        Assert.Equal(0, count);
        Assert.Contains(SqlServerQueryCheck.Instance.Checked, q => q.Value is null && q.Key.Contains("StartsWith"));
    }
}
