using Microsoft.EntityFrameworkCore;

namespace RetailRecs.Core.Data;

/// <summary>The embedded default: a SQLite file. Has its own migrations under Migrations/Sqlite.</summary>
public sealed class SqliteRetailDbContext(DbContextOptions<SqliteRetailDbContext> options) : RetailDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // SQLite has no decimal type: EF would store TEXT and refuse to SUM or ORDER BY it in SQL.
        // Money is stored as REAL so dashboards can aggregate in the database; SQL Server keeps decimal.
        configurationBuilder.Properties<decimal>().HaveConversion<double>();
    }
}
