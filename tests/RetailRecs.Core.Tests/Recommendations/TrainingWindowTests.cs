using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Import;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Training;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Recommendations;

/// <summary>
/// A training without a start learns from the last <see cref="TrainingOptions.WindowMonths"/> months that have sales (a
/// chain keeps years of sales): the committed grocer-style file (December 2010 – December 2011) plus three lines from March 2008.
/// </summary>
public class TrainingWindowTests
{
    private const string SalesOf2008 = """
        Member_number,Date,itemDescription
        90001,15-03-2008,WHITE HANGING HEART T-LIGHT HOLDER
        90001,15-03-2008,WHITE METAL LANTERN
        90002,16-03-2008,WHITE METAL LANTERN
        """;

    [Fact]
    public async Task TrainAsync_SalesOlderThanTheWindowsMonthsWithSales_AreLeftOut()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var files = new TempDirectory();
        var importer = database.Get<ImportService>();
        await importer.ImportAsync(new ImportRequest(ImportKind.Transactions, RepositoryPaths.MemberDateItemSample,
            "member_date_item_sample.csv.gz", "test", DryRun: false, Map: null));
        var old = files.File("2008.csv");
        await File.WriteAllTextAsync(old, SalesOf2008);
        var imported = await importer.ImportAsync(new ImportRequest(ImportKind.Transactions, old, "2008.csv", "test", DryRun: false, Map: null));
        Assert.Equal(3, imported.Written!.LinesAdded);
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
}
