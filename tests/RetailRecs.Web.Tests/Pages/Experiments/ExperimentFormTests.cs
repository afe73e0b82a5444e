using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using RetailRecs.Core;
using RetailRecs.Core.Data;
using RetailRecs.Core.Experiments;
using RetailRecs.Core.Experiments.Statistics;
using RetailRecs.Core.Import;
using RetailRecs.Core.Model;
using RetailRecs.Core.Staff;
using RetailRecs.Testing;
using RetailRecs.Web.Components.Pages.Experiments;

namespace RetailRecs.Web.Tests.Pages.Experiments;

public class ExperimentFormTests : StaffComponentTestContext, IAsyncLifetime
{
    private TestDatabase? _database;

    private async Task<TestDatabase> DatabaseAsync()
    {
        _database = await TestDatabase.CreateAsync();
        Services.AddLogging();
        _database.AddDomainLayerTo(Services);
        return _database;
    }

    [Fact]
    public async Task Save_WithoutAName_SaysWhatIsMissingAndStoresNothing()
    {
        var database = await DatabaseAsync();
        SignInAs(StaffRoles.Manager);
        var saved = 0;
        var form = Render<ExperimentForm>(p => p.Add(c => c.Runs, []).Add(c => c.OnSaved, (Experiment _) => saved++));
        form.WaitForAssertion(() => Assert.NotNull(form.Find("[data-testid=sample-size-result]")));

        await form.InvokeAsync(() => form.Find("[data-testid=save-experiment]").Click());

        form.WaitForAssertion(() => Assert.Equal("Give the experiment a name (up to 200 characters).", form.Find("[data-testid=form-error]").TextContent.Trim()));
        Assert.Equal(0, saved);
        await using var db = database.CreateContext();
        Assert.Equal(0, await db.Experiments.CountAsync());
        Assert.Equal(0, await db.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task Save_AATestWhoseControlChangedAfterTicking_StoresOneDraftWithIdenticalVariants_AuditedOnce()
    {
        var database = await DatabaseAsync();
        SignInAs(StaffRoles.Manager);
        var saved = new List<Experiment>();
        var form = Render<ExperimentForm>(p => p.Add(c => c.Runs, []).Add(c => c.OnSaved, (Experiment e) => saved.Add(e)));
        form.WaitForAssertion(() => Assert.NotNull(form.Find("[data-testid=sample-size-result]")));

        var texts = form.FindComponents<MudTextField<string>>(); // name, hypothesis, then the variants' names
        texts[0].Find("input").Change("  Plumbing check  ");
        texts[1].Find("textarea").Change("Both halves see the same list, so no difference.");
        form.FindComponents<MudCheckBox<bool>>()[0].Find("input").Change(true); // A/A
        // The control changed after the box was ticked: B follows it when saved.
        form.FindComponents<MudNumericField<int>>()[0].Find("input").Change("5");
        form.FindComponents<MudNumericField<double>>().Single(f => f.Instance.Label == "Risk of a false winner").Find("input").Change("0.01");
        await form.InvokeAsync(() => form.Find("[data-testid=save-experiment]").Click());

        form.WaitForAssertion(() => Assert.Single(saved));
        Assert.Empty(form.FindAll("[data-testid=form-error]"));
        await using var db = database.CreateContext();
        var stored = await db.Experiments.SingleAsync();
        Assert.Equal(saved[0].Id, stored.Id);
        // The plan's 1% risk of a false winner is what the results will judge by, and what the plan's size assumed.
        Assert.Equal(("Plumbing check", ExperimentStatus.Draft, true, 0.01), (stored.Name, stored.Status, stored.IsAA, stored.Alpha));
        Assert.Equal((int?)SampleSize.PerVariant(0.10, 0.02, false, 0.01, 0.8), stored.PlannedUnitsPerVariant);
        Assert.Equal([new ExperimentVariant("A", null, SuggestionMode.Discovery, 5, 50), new ExperimentVariant("B", null, SuggestionMode.Discovery, 5, 50)],
            ExperimentJson.VariantsOf(stored));
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == "experiment.created"));
        Assert.Equal(1, await db.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task Save_ThreeVariants_PlansAtTheRiskEachComparisonIsJudgedAt()
    {
        var database = await DatabaseAsync();
        SignInAs(StaffRoles.Manager);
        var saved = new List<Experiment>();
        var form = Render<ExperimentForm>(p => p.Add(c => c.Runs, []).Add(c => c.OnSaved, (Experiment e) => saved.Add(e)));
        form.WaitForAssertion(() => Assert.NotNull(form.Find("[data-testid=sample-size-result]")));
        var twoVariants = SampleSize.PerVariant(0.10, 0.02);
        Assert.DoesNotContain("comparisons", form.Find("[data-testid=sample-size-result]").TextContent);

        var texts = form.FindComponents<MudTextField<string>>();
        texts[0].Find("input").Change("Three lists");
        texts[1].Find("textarea").Change("Longer lists sell more.");
        await form.InvokeAsync(() => form.FindAll("button").Single(b => b.TextContent.Contains("Add a variant")).Click());

        // Judged at 5% / 2 per comparison (ExperimentAnalysis), so planned at it: 3,841 a variant would find a real
        // change about 71% of the time, not the 80% the plan promises.
        var threeVariants = SampleSize.PerVariant(0.10, 0.02, alpha: 0.025);
        Assert.True(threeVariants > twoVariants);
        form.WaitForAssertion(() => Assert.Contains("for each of the 2 comparisons with the control", form.Find("[data-testid=sample-size-result]").TextContent));
        await form.InvokeAsync(() => form.Find("[data-testid=save-experiment]").Click());

        form.WaitForAssertion(() => Assert.Single(saved));
        await using var db = database.CreateContext();
        var stored = await db.Experiments.SingleAsync();
        Assert.Equal((3, 0.05, (int?)threeVariants), (ExperimentJson.VariantsOf(stored).Count, stored.Alpha, stored.PlannedUnitsPerVariant));
    }

    [Fact]
    public async Task PrimaryMetric_ListsOfDifferentLengthsCountingShownProducts_WarnsAndNamesTheFairMetrics()
    {
        await DatabaseAsync();
        SignInAs(StaffRoles.Manager);
        var form = Render<ExperimentForm>(p => p.Add(c => c.Runs, []));
        form.WaitForAssertion(() => Assert.NotNull(form.Find("[data-testid=sample-size-result]")));
        Assert.Empty(form.FindAll("[data-testid=metric-bias]")); // the same list length and kind: fair

        form.FindComponents<MudNumericField<int>>()[1].Find("input").Change("5"); // B shows 5, A 10

        form.WaitForAssertion(() => Assert.Contains("\"Bought a suggested product\" counts only purchases of shown products",
            form.Find("[data-testid=metric-bias]").TextContent));
        Assert.Contains("\"Spend per exposed customer\" counts everything the customers bought", form.Find("[data-testid=metric-bias]").TextContent);
        await form.InvokeAsync(() => form.FindComponent<MudSelect<ExperimentMetric>>().Instance.ValueChanged.InvokeAsync(ExperimentMetric.AnyPurchaseWithinDays));
        form.WaitForAssertion(() => Assert.Empty(form.FindAll("[data-testid=metric-bias]")));
    }

    /// <summary>A busy database while saving replaced the whole form with the page's error, and "Try again" gave it back empty.</summary>
    [Fact]
    public async Task Save_DatabaseBusy_SaysSo_AndKeepsWhatWasTyped()
    {
        _database = await TestDatabase.CreateAsync();
        Services.AddLogging();
        Services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(new BusyCommands(sql => sql.Contains("INSERT INTO \"Experiments\"", StringComparison.Ordinal)));
        _database.AddDomainLayerTo(Services);
        SignInAs(StaffRoles.Manager);
        var form = Render<ExperimentForm>(p => p.Add(c => c.Runs, []).Add(c => c.OnSaved, (Experiment _) => { }));
        form.WaitForAssertion(() => Assert.NotNull(form.Find("[data-testid=sample-size-result]")));
        var texts = form.FindComponents<MudTextField<string>>();
        texts[0].Find("input").Change("Shorter lists");
        texts[1].Find("textarea").Change("Five suggestions are read more often than ten.");

        await form.InvokeAsync(() => form.Find("[data-testid=save-experiment]").Click());

        form.WaitForAssertion(() => Assert.Equal("The experiment was not saved. " + RetailRecs.Core.Data.StorageFaults.BusyWords, form.Find("[data-testid=form-error]").TextContent.Trim()));
        Assert.Equal("Shorter lists", form.FindComponents<MudTextField<string>>()[0].Find("input").GetAttribute("value"));
        await using var db = _database.CreateContext();
        Assert.Equal(0, await db.Experiments.CountAsync());
    }

    [Fact]
    public async Task Save_ClickedTwiceBeforeTheFirstIsStored_StoresOneDraftAuditedOnce()
    {
        var database = await DatabaseAsync();
        SignInAs(StaffRoles.Manager);
        var saved = 0;
        var form = Render<ExperimentForm>(p => p.Add(c => c.Runs, []).Add(c => c.OnSaved, (Experiment _) => saved++));
        form.WaitForAssertion(() => Assert.NotNull(form.Find("[data-testid=sample-size-result]")));
        var texts = form.FindComponents<MudTextField<string>>();
        texts[0].Find("input").Change("Double tap");
        texts[1].Find("textarea").Change("A second click saves nothing more.");
        // Both clicks reach the button before the first is stored (a click on the element would find it disabled).
        var save = form.FindComponents<MudButton>().First(b => b.Find("button").GetAttribute("data-testid") == "save-experiment").Instance;

        await form.InvokeAsync(() => Task.WhenAll(save.OnClick.InvokeAsync(), save.OnClick.InvokeAsync()));

        Assert.Equal(1, saved);
        await using var db = database.CreateContext();
        Assert.Equal(1, await db.Experiments.CountAsync());
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == "experiment.created"));
    }

    [Fact]
    public async Task SampleSize_MoreCustomersThanBuyInThePlannedTime_WarnsWithTheNumbers_NotAnError()
    {
        await DatabaseAsync();
        await _database!.Get<ImportService>().ImportAsync(new ImportRequest(ImportKind.Transactions, RepositoryPaths.MemberDateItemSample,
            "member_date_item_sample.csv.gz", "test", DryRun: false, Map: null));
        int active;
        await using (var db = _database.CreateContext())
        {
            // Historical data: the shop's today is the last day of sales; the plan's 14 days end there.
            var last = await db.Orders.MaxAsync(o => o.PlacedOn);
            active = await db.Orders.Where(o => o.CustomerId != null && o.PlacedOn > last.AddDays(-14)).Select(o => o.CustomerId).Distinct().CountAsync();
        }
        SignInAs(StaffRoles.Manager);

        var form = Render<ExperimentForm>(p => p.Add(c => c.Runs, []));

        // The defaults (10% baseline, 2 points, 5% significance, 80% power) need 3,841 customers per variant.
        form.WaitForAssertion(() => Assert.Contains(
            $"This plan needs about {7682:N0} customers ({3841:N0} per variant), but {active:N0} customers bought in the 14 days",
            form.Find("[data-testid=sample-size-warning]").TextContent));
        Assert.Empty(form.FindAll("[data-testid=form-error]"));
        // The variants' lists in the counter's words, not the internal mode names.
        Assert.DoesNotContain("Discovery", form.Markup);
        Assert.Contains(MetricText.Mode(RetailRecs.Core.Model.SuggestionMode.Discovery), form.Markup);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
