using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Evaluation;
using RetailRecs.Core.Import;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Scoring;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Evaluation;

/// <summary>The whole evaluation on the committed demo slice of the real data, in a real SQLite file.</summary>
public class EvaluationServiceTests
{
    /// <summary>Categories only feed diversity and the ranker: a busy database while they were stored failed the whole evaluation.</summary>
    [Fact]
    public async Task RunAsync_AutomaticCategoriesCannotBeStored_ScoresTheModelsAllTheSame()
    {
        var busy = new BusyCommands(sql => sql.Contains("UPDATE \"Products\"", StringComparison.Ordinal) && sql.Contains("AutoCategory", StringComparison.Ordinal))
            { On = false };
        await using var database = await TestDatabase.CreateAsync(configure: s => s.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(busy));
        await database.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);
        busy.On = true;

        var outcome = await database.Get<EvaluationService>().RunAsync(new EvaluationOptions { Models = [AlgorithmNames.ItemKnn], Resamples = 100 }, "test");

        Assert.True(busy.Refused > 0); // it did meet the busy database
        Assert.Contains(outcome.Result.Rows, r => r.Model == AlgorithmNames.ItemKnn);
        Assert.Equal(ModelRunStatus.Succeeded, (await database.Get<EvaluationService>().HistoryAsync()).Single().Run.Status);
    }

    [Fact]
    public async Task RunAsync_DemoSlice_ScoresModelsAndBaselinesOnBothTracks_StoresTheRun_WritesListsAnyToolCanScore()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);
        var options = new EvaluationOptions { Models = [AlgorithmNames.ItemKnn, AlgorithmNames.Content], Resamples = 200 };

        var outcome = await database.Get<EvaluationService>().RunAsync(options, "test");

        var rows = outcome.Result.Rows;
        Assert.Equal(new DateOnly(2011, 11, 10), outcome.Result.SplitDate); // the last 30 days of data (to 9 Dec 2011) held out
        Assert.Equal(["content", "item-knn", "own-history", "personal-knn", "popularity"], rows.Where(r => r.Track == EvaluationTrack.Repeat).Select(r => r.Model).Order());
        Assert.Equal(["content", "item-knn", "popularity"], rows.Where(r => r.Track == EvaluationTrack.New).Select(r => r.Model).Order());
        Assert.All(rows, r => Assert.InRange(r.Metrics["ndcg"].Mean, r.Metrics["ndcg"].Low, r.Metrics["ndcg"].High));
        Assert.All(rows.Where(r => !r.IsBaseline), r => Assert.NotNull(r.VersusBaseline));
        Assert.True(rows.Single(r => r.Model == "own-history").IsBaseline);
        Assert.True(rows.Single(r => r.Model == "personal-knn").IsBaseline);
        var stored = (await database.Get<EvaluationService>().HistoryAsync()).Single();
        Assert.Equal(ModelRunStatus.Succeeded, stored.Run.Status);
        Assert.Equal(rows.Count, stored.Rows.Count);
        Assert.Equal(rows.Single(r => r.Model == "item-knn" && r.Track == EvaluationTrack.New).Metrics["ndcg"],
            stored.Rows.Single(r => r.Model == "item-knn" && r.Track == EvaluationTrack.New).Metrics["ndcg"]);

        using var dir = new TempDirectory();
        await using var db = database.CreateContext();
        var codes = await db.Customers.ToDictionaryAsync(c => c.Id, c => c.CustomerCode);
        await PredictionFiles.WriteAsync(outcome, codes, dir.Path);
        var lines = await File.ReadAllLinesAsync(dir.File("item-knn_new.csv"));
        if (!OperatingSystem.IsWindows())
        {
            // Customers' codes beside their purchases: the owner's only, as exports and backups.
            foreach (var written in Directory.GetFiles(dir.Path, "*.csv"))
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(written));
            }
        }
        Assert.Equal("userID,itemID,rank,score", lines[0]);
        var testCustomers = rows.Single(r => r.Model == "item-knn" && r.Track == EvaluationTrack.New).Customers;
        var perUser = lines.Skip(1).Select(l => l.Split(',')).GroupBy(c => c[0]).ToList();
        Assert.Equal(testCustomers, perUser.Count);
        Assert.All(perUser, g => Assert.Equal(Enumerable.Range(1, 10).Select(r => r.ToString()), g.Select(c => c[2])));
        Assert.All(perUser, g => Assert.Contains(g.Key, codes.Values));
        var truth = await File.ReadAllLinesAsync(dir.File("truth_new.csv"));
        Assert.Equal("userID,itemID", truth[0]);
        Assert.True(await db.Products.AnyAsync(p => p.Sku == truth[1].Split(',')[1]));
    }

    [Fact]
    public async Task RunAsync_NoSales_FailsWithAMessage_AndIsRecorded()
    {
        await using var database = await TestDatabase.CreateAsync();

        var e = await Assert.ThrowsAsync<EvaluationException>(() => database.Get<EvaluationService>().RunAsync(new EvaluationOptions(), "test"));

        Assert.Contains("Import transactions first", e.Message);
        var stored = (await database.Get<EvaluationService>().HistoryAsync()).Single();
        Assert.Equal((ModelRunStatus.Failed, e.Message), (stored.Run.Status, stored.Run.Error));
    }
}
