using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;
using RetailRecs.Core.Import;
using RetailRecs.Core.Recommendations.Training;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Recommendations;

/// <summary>On SQLite the training reads its sales straight from the statement: the same rows as the data reader's.</summary>
public class SalesRowsTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("2011-03-01", "2011-09-30")]
    public async Task LoadAsync_FromTheStatement_TheSameDataAsThroughTheDataReader(string? from, string? to)
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);
        var window = new TrainingWindow(from is null ? null : DateOnly.Parse(from), to is null ? null : DateOnly.Parse(to));
        var contexts = database.Get<IDbContextFactory<RetailDbContext>>();

        var statement = await new TrainingDataLoader(contexts).LoadAsync(window);
        var dataReader = await new TrainingDataLoader(contexts) { ThroughDataReader = true }.LoadAsync(window);

        Assert.True(statement.Purchases.Count > 1000, $"{statement.Purchases.Count} purchases");
        Assert.Equal(dataReader.Purchases, statement.Purchases);
        Assert.Equal(dataReader.CustomerIds, statement.CustomerIds);
        Assert.Equal((dataReader.FirstDay, dataReader.LastDay), (statement.FirstDay, statement.LastDay));
        Assert.Equal(dataReader.Histories.SelectMany(h => h), statement.Histories.SelectMany(h => h));
    }

    [Fact]
    [Trait("Database", "None")] // its own SQLite file, not the configured database: the PostgreSQL pass of CI skips it
    public async Task OpenAsync_SqliteValues_ReadAsTheDataReaderReadsThem()
    {
        using var dir = new TempDirectory();
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dir.Path, "rows.db")}");
        await connection.OpenAsync();
        await using (var create = connection.CreateCommand())
        {
            // Dates as EF Core stores them (text) and as a Julian day (real); a line without a customer.
            create.CommandText = """
                CREATE TABLE Lines (OrderId INTEGER, CustomerId INTEGER NULL, PlacedOn, IsCancellation INTEGER, ProductId INTEGER, Quantity INTEGER);
                INSERT INTO Lines VALUES (1, 7, '2011-12-01', 0, 10, 2), (1, 7, '2011-12-01', 0, 11, -1), (2, NULL, 2455896.5, 1, 10, 3),
                                         (3, 8, '2010-01-31', 0, 12, 1);
                """;
            await create.ExecuteNonQueryAsync();
        }

        async Task<List<string>> ReadAsync(bool throughDataReader, object? extra = null)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT * FROM Lines WHERE (PlacedOn >= @since OR typeof(PlacedOn) = 'real') AND (@extra IS NULL OR @extra > 0) ORDER BY OrderId, ProductId";
            command.Parameters.AddWithValue("@since", new DateOnly(2011, 1, 1));
            command.Parameters.AddWithValue("@extra", extra ?? DBNull.Value);
            await using var rows = await SalesRows.OpenAsync(command, throughDataReader, CancellationToken.None);
            Assert.Equal(!throughDataReader && extra is null, rows.FromStatement);
            var read = new List<string>();
            while (await rows.ReadAsync(CancellationToken.None))
            {
                read.Add($"{rows.Int32(0)} {(rows.IsNull(1) ? "-" : rows.Int32(1))} {rows.Date(2):yyyy-MM-dd} {rows.Boolean(3)} {rows.Int32(4)} {rows.Int32(5)}");
            }
            return read;
        }

        var expected = await ReadAsync(true);

        Assert.Equal(["1 7 2011-12-01 False 10 2", "1 7 2011-12-01 False 11 -1", "2 - 2011-12-01 True 10 3"], expected);
        Assert.Equal(expected, await ReadAsync(false));
        // A value the statement does not bind itself: the data reader reads the query.
        Assert.Equal(expected, await ReadAsync(false, 2011.5m));
    }
}
