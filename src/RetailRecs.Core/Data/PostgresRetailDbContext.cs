using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace RetailRecs.Core.Data;

/// <summary>A database server the tests can really use (PostgreSQL). Has its own migrations under Migrations/Postgres.</summary>
public sealed class PostgresRetailDbContext(DbContextOptions<PostgresRetailDbContext> options) : RetailDbContext(options)
{
    protected override string? OrdinalCollation => "C";

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<decimal>().HavePrecision(18, 4);
        // The app's times are UTC instants (DateTime.UtcNow) and shop-local calendar times from imported files, in the
        // same DateTime type, as on SQLite and SQL Server. Npgsql refuses to write a non-UTC time to "timestamp with
        // time zone" and a UTC one to "timestamp without time zone"; both kinds are stored as written here.
        configurationBuilder.Properties<DateTime>().HaveColumnType("timestamp without time zone").HaveConversion<AnyKindAsUnspecified>();
    }

    private sealed class AnyKindAsUnspecified() : ValueConverter<DateTime, DateTime>(
        v => DateTime.SpecifyKind(v, DateTimeKind.Unspecified), v => v);
}
