using RetailRecs.Core.Import;
using RetailRecs.Testing;
using RetailRecs.Web.Tests.Hosting;

namespace RetailRecs.Web.Tests.Cli;

/// <summary>`retailrecs train` run as its own process, as a nightly job would, with the settings the web app reads.</summary>
[Trait("Database", "Sqlite")] // the CLI on SQLite files: not run again on PostgreSQL
public class TrainCommandTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(180);

    [Fact]
    public async Task Train_Twice_KeepsAsManyOlderModelsAsTrainingKeepRunsPerAlgorithmSays()
    {
        await using var db = await TestDatabase.CreateAsync(sqliteOnly: true); // --database names a SQLite file
        await db.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);
        using var dir = new TempDirectory();
        var keepOne = new Dictionary<string, string> { ["Training__KeepRunsPerAlgorithm"] = "1" };

        // The default (3) keeps both runs' models; the operator's setting of 1 removes the older once a newer serves.
        await TrainAsync(dir, db.FilePath, null);
        await TrainAsync(dir, db.FilePath, null);
        Assert.Equal("", RemovedRuns(db.FilePath));
        await TrainAsync(dir, db.FilePath, keepOne);

        // Run 2 was still the champion when the job removed older models (--promote promotes run 3 after the job).
        Assert.Equal("1", RemovedRuns(db.FilePath));
        Assert.Equal("2,3", SqliteFile.Text(db.FilePath, "SELECT group_concat(ModelRunId) FROM (SELECT ModelRunId FROM ModelRunArtifacts ORDER BY ModelRunId)"));
    }

    private static async Task TrainAsync(TempDirectory dir, string database, IReadOnlyDictionary<string, string>? environment)
    {
        using var cli = ChildProcess.Start(ChildProcess.Cli, ["train", "--algorithms", "popularity", "--promote", "--database", database], dir.Path, environment);
        var exit = await cli.WaitForExitAsync(Patience);
        Assert.True(exit == 0, cli.Output);
    }

    private static string RemovedRuns(string path) =>
        SqliteFile.Text(path, "SELECT group_concat(Id) FROM (SELECT Id FROM ModelRuns WHERE ArtifactRemovedAt IS NOT NULL ORDER BY Id)");
}
