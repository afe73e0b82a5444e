using Microsoft.EntityFrameworkCore;

namespace RetailRecs.Core.Data;

/// <summary>Production on SQL Server. Has its own migrations under Migrations/SqlServer.</summary>
public sealed class SqlServerRetailDbContext(DbContextOptions<SqlServerRetailDbContext> options) : RetailDbContext(options)
{
    protected override string? OrdinalCollation => "Latin1_General_100_BIN2";

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<decimal>().HavePrecision(18, 4);
    }
}
