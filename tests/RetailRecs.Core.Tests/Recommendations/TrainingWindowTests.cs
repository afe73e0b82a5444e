using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Evaluation;
using RetailRecs.Core.Import;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Scoring;
using RetailRecs.Core.Recommendations.Training;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Recommendations;

/// <summary>
/// A training without a start learns from the last <see cref="TrainingOptions.WindowMonths"/> months that have sales (a
/// chain keeps years of sales), and an evaluation from as many before its split: the committed grocer-style file
/// (December 2010 – December 2011) plus three lines from March 2008.
/// </summary>
public class TrainingWindowTests
{
    private const string SalesOf2008 = """
        Member_number,Date,itemDescription
        90001,15-03-2008,WHITE HANGING HEART T-LIGHT HOLDER
        90001,15-03-2008,WHITE METAL LANTERN
        90002,16-03-2008,WHITE METAL LANTERN
        """;

    /// <summary>The grocer-style file, then the three lines of 2008 (the months between them sold nothing).</summary>
    private static async Task<TestDatabase> FileAnd2008Async()
    {
        var database = await TestDatabase.CreateAsync();
        using var files = new TempDirectory();
        var importer = database.Get<ImportService>();
        await importer.ImportAsync(new ImportRequest(ImportKind.Transactions, RepositoryPaths.MemberDateItemSample,
            "member_date_item_sample.csv.gz", "test", DryRun: false, Map: null));
        var old = files.File("2008.csv");
        await File.WriteAllTextAsync(old, SalesOf2008);
        var imported = await importer.ImportAsync(new ImportRequest(ImportKind.Transactions, old, "2008.csv", "test", DryRun: false, Map: null));
        Assert.Equal(3, imported.Written!.LinesAdded);
        return database;
    }

    [Fact]
    public async Task TrainAsync_SalesOlderThanTheWindowsMonthsWithSales_AreLeftOut()
    {
        await using var database = await FileAnd2008Async();
        var request = new TrainingRequest([AlgorithmNames.Popularity], TrainingWindow.All, new TrainingParameters(), "test", SelectChampion: false);

        async Task<ModelRun> TrainAsync(int windowMonths)
        {
            await using var instance = database.AnotherInstance(s => s.Configure<TrainingOptions>(o => o.WindowMonths = windowMonths));
            var run = Assert.Single(await instance.GetRequiredService<ModelTrainingService>().TrainAsync(request));
            Assert.True(run.Status == ModelRunStatus.Succeeded, run.Error);
            return run;
        }
        var all = await TrainAsync(0);
        // The file's 13 months (December 2010 to December 2011), not the 40 calendar months back to 2008.
        var thirteen = await TrainAsync(13);
        // The default, 24 months with sales: the 13 and March 2008 (the months between sold nothing).
        var byDefault = Assert.Single(await database.Get<ModelTrainingService>().TrainAsync(request));

        Assert.Equal(new DateOnly(2008, 3, 15), all.DataFrom);
        Assert.Equal(new DateOnly(2010, 12, 1), thirteen.DataFrom);
        Assert.Equal(new DateOnly(2011, 12, 9), thirteen.DataTo);
        Assert.Equal(thirteen.Customers + 2, all.Customers);
        Assert.Equal(thirteen.Purchases + 3, all.Purchases);
        Assert.Equal(all.Purchases, byDefault.Purchases);
        Assert.Equal(all.DataFrom, byDefault.DataFrom);
    }

    [Fact]
    public async Task EvaluateAsync_LearnsFromTheWindowsMonthsBeforeTheSplit_AndReadsEveryHeldOutDay()
    {
        await using var database = await FileAnd2008Async();
        // Split on 10 November 2011: the months with sales before it are November 2011 back to December 2010 (12), then March 2008.
        var options = new EvaluationOptions { Models = [AlgorithmNames.Popularity], SplitDate = new DateOnly(2011, 11, 10), Resamples = 50 };

        async Task<EvaluationResult> EvaluateAsync(int windowMonths)
        {
            await using var instance = database.AnotherInstance(s => s.Configure<TrainingOptions>(o => o.WindowMonths = windowMonths));
            return (await instance.GetRequiredService<EvaluationService>().RunAsync(options, "test")).Result;
        }
        var twelve = await EvaluateAsync(12);
        var thirteen = await EvaluateAsync(13);
        var all = await EvaluateAsync(0);

        Assert.Equal(new DateOnly(2010, 12, 1), twelve.DataFrom);
        Assert.Equal(new DateOnly(2011, 12, 9), twelve.DataTo); // the held-out days, all of them
        Assert.Equal(new DateOnly(2008, 3, 15), thirteen.DataFrom);
        Assert.Equal(new DateOnly(2008, 3, 15), all.DataFrom);
        Assert.Equal(options.SplitDate, twelve.SplitDate);
    }
}
