using System.Data.Common;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using RetailRecs.Core;
using RetailRecs.Core.Data;
using RetailRecs.Core.Import;
using RetailRecs.Core.Model;
using RetailRecs.Core.Staff;
using RetailRecs.Testing;
using RetailRecs.Web.Components.Pages.Imports;

namespace RetailRecs.Web.Tests.Pages.Imports;

/// <summary>
/// The upload page over the real import service and a real SQLite file: an import goes on when the page is left (the
/// component disposed, as when the tab closes) and its report shows when the page is opened again; only Cancel stops it.
/// </summary>
public class UploadPageTests : StaffComponentTestContext, IAsyncLifetime
{
    private TestDatabase _database = null!;
    private readonly ImportGate _gate = new();

    async Task IAsyncLifetime.InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        Services.AddLogging();
        Services.AddSingleton<IInterceptor>(_gate);
        _database.AddDomainLayerTo(Services);
        SignInAs(StaffRoles.Admin);
        RunJobs();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        _gate.Open();
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

    /// <summary>
    /// Holds the import at its first write until the test lets it go, so "while it runs" does not depend on how fast
    /// this machine imports the slice (on a quiet one it finished before the page was left). Cancel still reaches it.
    /// </summary>
    private sealed class ImportGate : DbCommandInterceptor
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Open() => _open.TrySetResult();

        /// <summary>Completes when the import waits at the gate: read and cleaned, about to write.</summary>
        public Task Reached => _reached.Task;

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken ct = default)
        {
            await WaitIfImportWritesAsync(command, ct);
            return result;
        }

        public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken ct = default)
        {
            await WaitIfImportWritesAsync(command, ct);
            return result;
        }

        private int _held;

        // Only the first write waits: the history's "Cancelled" entry, written after a cancel, must go through.
        private Task WaitIfImportWritesAsync(DbCommand command, CancellationToken ct) =>
            command.CommandText.Contains("UPDATE \"ImportBatches\"", StringComparison.Ordinal) && Interlocked.Exchange(ref _held, 1) == 0
                ? Hold(ct)
                : Task.CompletedTask;

        private Task Hold(CancellationToken ct)
        {
            _reached.TrySetResult();
            return _open.Task.WaitAsync(ct);
        }
    }

    private async Task<(IReadOnlyList<ImportBatch> History, int Lines)> StoredAsync()
    {
        await using var db = _database.CreateContext();
        return (await db.ImportBatches.AsNoTracking().ToListAsync(), await db.OrderLines.CountAsync());
    }

    [Fact]
    public async Task Upload_NotAWorkbook_SaysSoAndOffersNothingToImport_StoringNothing()
    {
        var page = Render<UploadPage>();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("Member_number,Date,itemDescription\n1808,21-07-2015,whole milk\n", "sales.xlsx"));

        page.WaitForAssertion(() => Assert.Contains("'sales.xlsx' could not be opened as an Excel workbook", page.Find("[data-testid=import-error]").TextContent),
            TimeSpan.FromSeconds(30));
        Assert.Equal("sales.xlsx", page.Find("[data-testid=chosen-file]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=detected-format]"));
        Assert.DoesNotContain(page.FindAll("button"), b => b.TextContent.Trim() is "Import" or "Dry run");
        Assert.Null(Services.GetRequiredService<ImportJobs>().Latest);
        var (history, lines) = await StoredAsync();
        Assert.Empty(history);
        Assert.Equal(0, lines);
    }

    [Fact]
    public void Upload_NoDateColumn_IsFlaggedAtTheMappingStepBeforeAnyDryRun_InTheWebsWords()
    {
        var page = Render<UploadPage>();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("Member_number,Day sold,itemDescription\n1808,21-07-2015,whole milk\n", "no-date.csv"));

        page.WaitForAssertion(() => Assert.Contains("InvoiceDate", page.Find("[data-testid=mapping-missing]").TextContent), TimeSpan.FromSeconds(30));
        Assert.DoesNotContain("--map", page.Markup);
        Assert.True(page.FindAll("button").Single(b => b.TextContent.Trim() == "Dry run").HasAttribute("disabled"));
        Assert.True(page.FindAll("button").Single(b => b.TextContent.Trim() == "Import").HasAttribute("disabled"));
        Assert.Null(Services.GetRequiredService<ImportJobs>().Latest);
    }

    [Fact]
    public async Task Import_DateColumnChosenByHandAfterADryRun_StoresNothingOnTheDryRun_ThenTheLinesOnceFromTheSameUpload()
    {
        _gate.Open();
        var jobs = Services.GetRequiredService<ImportJobs>();
        var page = Render<UploadPage>();
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(
            "Member_number,Day sold,itemDescription\n1808,21-07-2015,whole milk\n1808,21-07-2015,yogurt\n2000,22-07-2015,rolls/buns\n", "day-sold.csv"));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=mapping-missing]")), TimeSpan.FromSeconds(30));

        var date = page.FindComponents<MudSelect<string>>().Single(s => s.Find("label").TextContent.StartsWith("InvoiceDate", StringComparison.Ordinal));
        await page.InvokeAsync(() => date.Instance.ValueChanged.InvokeAsync("Day sold"));
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=mapping-missing]")));
        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Trim() == "Dry run").Click());
        await jobs.Running;

        page.WaitForAssertion(() => Assert.Contains("Dry run: 3 of 3 rows would be stored", page.Find("[data-testid=import-message]").TextContent));
        var (history, lines) = await StoredAsync();
        Assert.Empty(history);
        Assert.Equal(0, lines);

        // The dry run's copy of the upload stays for the Import that follows, with the same column choice.
        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Trim() == "Import").Click());
        await jobs.Running;

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=next-steps]")), TimeSpan.FromSeconds(30));
        (history, lines) = await StoredAsync();
        var batch = Assert.Single(history);
        Assert.Equal((ImportStatus.Succeeded, "day-sold.csv", 3), (batch.Status, batch.FileName, batch.RowsImported));
        Assert.Equal(3, lines);
        await using var db = _database.CreateContext();
        Assert.Equal([new DateOnly(2015, 7, 21), new DateOnly(2015, 7, 22)],
            await db.Orders.Select(o => o.PlacedOn).Distinct().OrderBy(d => d).ToListAsync());
        // The upload was handed to the job: another run needs the file chosen again.
        Assert.DoesNotContain(page.FindAll("button"), b => b.TextContent.Trim() is "Import" or "Dry run");
    }

    /// <summary>A Polish till's Windows-1250 export reads as Windows-1252 ("£ódŸ"): the admin chooses the encoding and sees it right.</summary>
    [Fact]
    public async Task Import_CentralEuropeanExport_EncodingChosen_PreviewAndProductsReadRight()
    {
        _gate.Open();
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var bytes = System.Text.Encoding.GetEncoding(1250).GetBytes("Member_number,Date,itemDescription\n1808,21-07-2015,Łódź mug\n");
        var page = Render<UploadPage>();
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(bytes, "sklep.csv"));
        page.WaitForAssertion(() => Assert.Contains("columns", page.Find("[data-testid=detected-format]").TextContent), TimeSpan.FromSeconds(30));
        Assert.DoesNotContain("Łódź", page.Markup);

        var encoding = page.FindComponents<MudSelect<string>>().Single(s => s.Find("label").TextContent.StartsWith("Text encoding", StringComparison.Ordinal));
        await page.InvokeAsync(() => encoding.Instance.ValueChanged.InvokeAsync("windows-1250"));
        page.WaitForAssertion(() => Assert.Contains("Łódź mug", page.Markup));
        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Trim() == "Import").Click());
        await Services.GetRequiredService<ImportJobs>().Running;

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=next-steps]")), TimeSpan.FromSeconds(30));
        await using var db = _database.CreateContext();
        Assert.Equal("ŁÓDŹ MUG", await db.Products.Select(p => p.Sku).SingleAsync());
    }

    [Fact]
    public async Task Import_Done_OffersTheNextSteps_TrainAndSegment()
    {
        _gate.Open();
        var page = Render<UploadPage>();
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("Member_number,Date,itemDescription\n1808,21-07-2015,whole milk\n", "grocer.csv"));
        page.WaitForAssertion(() => Assert.Contains("columns", page.Find("[data-testid=detected-format]").TextContent), TimeSpan.FromSeconds(30));

        await page.InvokeAsync(() => page.FindAll("button").Single(b => b.TextContent.Trim() == "Import").Click());
        await Services.GetRequiredService<ImportJobs>().Running;

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=next-steps]")), TimeSpan.FromSeconds(30));
        var links = page.FindAll("[data-testid=next-steps] a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/models", "/segments"], links);
    }

    [Fact]
    public async Task Import_PageLeftWhileItRuns_GoesOn_AndItsReportShowsWhenThePageIsOpenedAgain()
    {
        var jobs = Services.GetRequiredService<ImportJobs>();
        StartImportOfTheSlice();
        await _gate.Reached.WaitAsync(TimeSpan.FromSeconds(60));

        await DisposeComponentsAsync(); // the admin leaves the page, or closes the tab
        Assert.True(jobs.Current.Busy, "the import should still be running when the page is left");
        _gate.Open();
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
        await _gate.Reached.WaitAsync(TimeSpan.FromSeconds(60)); // cancelled while it writes, not while it still reads
        await DisposeComponentsAsync();

        var reopened = Render<UploadPage>();
        reopened.Find("[data-testid=import-progress]");
        Assert.Contains("online_retail_sample.csv.gz", reopened.Find("[data-testid=import-progress]").TextContent);
        await reopened.InvokeAsync(() => reopened.Find("[data-testid=cancel-import]").Click());
        await jobs.Running;

        var (history, lines) = await StoredAsync();
        Assert.Equal(ImportStatus.Cancelled, Assert.Single(history).Status);
        Assert.Equal(0, lines);
        reopened.WaitForAssertion(() => Assert.Contains("Cancelled. Nothing was stored.", reopened.Find("[data-testid=import-error]").TextContent));
    }
}
