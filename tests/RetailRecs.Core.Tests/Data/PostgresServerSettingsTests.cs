using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Data;

/// <summary>The import's advice on a PostgreSQL server left at its memory defaults, and the settings read from a real server.</summary>
public class PostgresServerSettingsTests
{
    private const long MB = 1L << 20, GB = 1L << 30;

    [Fact]
    public void ImportAdvice_PostgresDefaults_NamesBothSettingsAndTheirValues()
    {
        var advice = new PostgresServerSettings(128 * MB, 1 * GB).ImportAdvice;

        Assert.NotNull(advice);
        Assert.Contains("128MB of pages in memory (shared_buffers)", advice);
        Assert.Contains("every 1GB of changes (max_wal_size)", advice);
    }

    [Fact]
    public void ImportAdvice_ServerSizedForAChain_IsNone()
    {
        Assert.Null(new PostgresServerSettings(6 * GB, 16 * GB).ImportAdvice);
        Assert.Null(new PostgresServerSettings(PostgresServerSettings.SharedBuffersAdvisedBytes, PostgresServerSettings.MaxWalSizeAdvisedBytes).ImportAdvice);
    }

    [Fact]
    public void ImportAdvice_EitherSettingSmall_IsGiven()
    {
        Assert.NotNull(new PostgresServerSettings(6 * GB, 1 * GB).ImportAdvice);
        Assert.NotNull(new PostgresServerSettings(512 * MB, 16 * GB).ImportAdvice);
    }

    /// <summary>The bytes agree with the server's own catalogue of settings, each in its own unit (8 kB pages, megabytes).</summary>
    [PostgresOnlyFact]
    public async Task ReadAsync_RealServer_GivesBothSettingsInBytes()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateContext();
        await db.Database.OpenConnectionAsync();

        var settings = await PostgresServerSettings.ReadAsync(db.Database.GetDbConnection());

        var pages = await db.Database.SqlQueryRaw<long>("SELECT setting::bigint AS \"Value\" FROM pg_settings WHERE name = 'shared_buffers' AND unit = '8kB'").SingleAsync();
        var walMegabytes = await db.Database.SqlQueryRaw<long>("SELECT setting::bigint AS \"Value\" FROM pg_settings WHERE name = 'max_wal_size' AND unit = 'MB'").SingleAsync();
        Assert.Equal(pages * 8192, settings.SharedBuffersBytes);
        Assert.Equal(walMegabytes * MB, settings.MaxWalSizeBytes);
    }
}
