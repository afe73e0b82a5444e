using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RetailRecs.Core.Data;

namespace RetailRecs.Core.Tests.Data;

/// <summary>
/// The app's PostgreSQL contexts prepare frequent statements and skip the reset of pooled connections (see
/// <see cref="PostgresConnectionDefaults"/>), unless the connection string says otherwise. No server is needed: the
/// connection string is read from the registered context, nothing is opened.
/// </summary>
public class PostgresConnectionDefaultsTests
{
    [Fact]
    public async Task AddRetailDatabase_Postgres_PreparesStatementsAndSkipsTheResetByDefault()
    {
        var settings = await RegisteredAsync("Host=db.example;Database=retail;Username=app;Password=secret");

        Assert.Equal(PostgresConnectionDefaults.MaxAutoPrepare, settings.MaxAutoPrepare);
        Assert.True(settings.NoResetOnClose);
        Assert.Equal(("db.example", "retail", "secret"), (settings.Host, settings.Database, settings.Password)); // the rest as written
    }

    [Theory]
    [InlineData("Max Auto Prepare=0;No Reset On Close=false")]
    [InlineData("MaxAutoPrepare=0;NoResetOnClose=false")]
    public async Task AddRetailDatabase_Postgres_KeepsWhatTheConnectionStringSays(string written)
    {
        var settings = await RegisteredAsync("Host=db.example;Database=retail;" + written);

        Assert.Equal(0, settings.MaxAutoPrepare);
        Assert.False(settings.NoResetOnClose);
    }

    private static async Task<NpgsqlConnectionStringBuilder> RegisteredAsync(string connectionString)
    {
        await using var services = new ServiceCollection()
            .AddRetailDatabase(new DatabaseOptions { Provider = DatabaseProvider.Postgres }, connectionString, Path.GetTempPath())
            .BuildServiceProvider();
        await using var db = await services.GetRequiredService<IDbContextFactory<RetailDbContext>>().CreateDbContextAsync();
        return new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
    }
}
