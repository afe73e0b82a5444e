using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace RetailRecs.Core.Data;

// Used only by `dotnet ef` (migrations add, script, has-pending-model-changes); no connection is opened.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteRetailDbContext>
{
    public SqliteRetailDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteRetailDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresRetailDbContext>
{
    public PostgresRetailDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresRetailDbContext>().UseNpgsql("Host=design-time;Database=retailrecs").Options);
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerRetailDbContext>
{
    public SqlServerRetailDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerRetailDbContext>().UseSqlServer("Server=design-time;Database=RetailRecs").Options);
}
