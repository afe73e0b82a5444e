using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core;
using RetailRecs.Core.Data;
using RetailRecs.Core.Import;
using RetailRecs.Core.Model;
using RetailRecs.Core.Staff;
using RetailRecs.Testing;
using RetailRecs.Web.Components.Pages.Imports;

namespace RetailRecs.Web.Tests.Pages;

/// <summary>
/// The upload page over the real import service and a real SQLite file: an import goes on when the page is left (the
/// component disposed, as when the tab closes) and its report shows when the page is opened again; only Cancel stops it.
/// </summary>
public class UploadPageTests : StaffComponentTestContext, IAsyncLifetime
{
    private TestDatabase _database = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        Services.AddLogging();
        Services.AddRetailRecsCore(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, SqlitePath = _database.FilePath }, null,
            new SeedOptions(), Path.GetDirectoryName(_database.FilePath)!);
        SignInAs(StaffRoles.Admin);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await Services.GetRequiredService<ImportJobs>().Running;
        await DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>Opens the page, chooses the committed demo slice (a few seconds to import) and presses Import.</summary>
    private IRenderedComponent<UploadPage> StartImportOfTheSlice()
    {
        var page = Render<UploadPage>();
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(File.ReadAllBytes(RepositoryPaths.SampleData), "online_retail_sample.csv.gz"));
        page.WaitForAssertion(() => Assert.Contains("columns", page.Find("[data-testid=detected-format]").TextContent), TimeSpan.FromSeconds(30));
        page.FindAll("button").Single(b => b.TextContent.Trim() == "Import").Click();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=import-progress]")));
        return page;
    }

    private async Task<(IReadOnlyList<ImportBatch> History, int Lines)> StoredAsync()
    {
        await using var db = _database.CreateContext();
        return (await db.ImportBatches.AsNoTracking().ToListAsync(), await db.OrderLines.CountAsync());
    }

    [Fact]
    public async Task Import_PageLeftWhileItRuns_GoesOn_AndItsReportShowsWhenThePageIsOpenedAgain()
    {
        var jobs = Services.GetRequiredService<ImportJobs>();
        StartImportOfTheSlice();

        await DisposeComponentsAsync(); // the admin leaves the page, or closes the tab
        Assert.True(jobs.Current.Busy, "the import should still be running when the page is left");
        await jobs.Running;

        var (history, lines) = await StoredAsync();
        var batch = Assert.Single(history);
        Assert.Equal((ImportStatus.Succeeded, "online_retail_sample.csv.gz"), (batch.Status, batch.FileName));
        Assert.True(lines > 40_000, $"{lines} lines stored");
        var reopened = Render<UploadPage>();
        Assert.Contains("Imported:", reopened.Find("[data-testid=import-message]").TextContent);
        Assert.Contains("online_retail_sample.csv.gz", reopened.Find("[data-testid=import-report]").TextContent);
        Assert.Empty(reopened.FindAll("[data-testid=import-progress]"));
    }

    [Fact]
    public async Task Import_ReopenedWhileItRuns_ShowsItsProgress_AndCancelStopsIt_StoringNothing()
    {
        var jobs = Services.GetRequiredService<ImportJobs>();
        StartImportOfTheSlice();
        await DisposeComponentsAsync();

        var reopened = Render<UploadPage>();
        reopened.Find("[data-testid=import-progress]");
        Assert.Contains("online_retail_sample.csv.gz", reopened.Find("[data-testid=import-progress]").TextContent);
        reopened.Find("[data-testid=cancel-import]").Click();
        await jobs.Running;

        var (history, lines) = await StoredAsync();
        Assert.Equal(ImportStatus.Cancelled, Assert.Single(history).Status);
        Assert.Equal(0, lines);
        reopened.WaitForAssertion(() => Assert.Contains("Cancelled. Nothing was stored.", reopened.Find("[data-testid=import-error]").TextContent));
    }
}
