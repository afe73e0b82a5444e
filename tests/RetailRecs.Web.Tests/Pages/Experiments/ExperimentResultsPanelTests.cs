using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using RetailRecs.Core.Experiments;
using RetailRecs.Core.Model;
using RetailRecs.Testing;
using RetailRecs.Web.Components.Pages.Experiments;

namespace RetailRecs.Web.Tests.Pages.Experiments;

/// <summary>An experiment's panel (bUnit) over the app's services on a real SQLite file.</summary>
public class ExperimentResultsPanelTests : StaffComponentTestContext, IAsyncLifetime
{
    private TestDatabase _database = null!;
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    async Task IAsyncLifetime.InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        Services.AddLogging();
        // The start's update waits here, as on a busy database, while the manager presses again.
        Services.AddSingleton<IInterceptor>(new AfterCommand(sql => sql.Contains("UPDATE \"Experiments\"", StringComparison.Ordinal), () => _started.Task));
        _database.AddDomainLayerTo(Services);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>The second press found the experiment started by the first and said so in red beside "Started".</summary>
    [Fact]
    public async Task Start_PressedAgainWhileTheFirstIsStored_StartsOnceAndSaysSoOnce()
    {
        var experiment = new Experiment
        {
            Name = "Longer lists",
            Hypothesis = "Ten suggestions sell more than five.",
            Variants = ExperimentJson.Write(new[]
            {
                new ExperimentVariant("A", null, SuggestionMode.Discovery, 5, 1),
                new ExperimentVariant("B", null, SuggestionMode.Discovery, 10, 1),
            }),
        };
        await using (var db = _database.CreateContext())
        {
            db.Experiments.Add(experiment);
            await db.SaveChangesAsync();
        }
        SignInAs(StaffRoles.Manager);
        var panel = Render<ExperimentResultsPanel>(p => p.Add(c => c.Experiment, experiment));

        var first = panel.InvokeAsync(() => panel.Find("[data-testid=start]").ClickAsync(new()));
        var second = panel.InvokeAsync(() => panel.Find("[data-testid=start]").ClickAsync(new()));
        _started.SetResult();
        await Task.WhenAll(first, second);

        var said = Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => (s.Message, s.Severity)).ToList();
        Assert.Equal([("Started: customers get their variant from their next suggestions.", Severity.Success)], said);
        await using var check = _database.CreateContext();
        Assert.Equal(ExperimentStatus.Running, await check.Experiments.Select(e => e.Status).SingleAsync());
        Assert.Equal(1, await check.AuditEntries.CountAsync(a => a.Action == "experiment.started"));
    }

    [Fact]
    public async Task Stop_PromoteTickedThenTheChampionsVariantChosen_StopsWithoutPromoting()
    {
        _started.SetResult(); // nothing held here
        var experiment = new Experiment
        {
            Name = "Neighbours against the champion",
            Hypothesis = "Neighbours sell more.",
            Status = ExperimentStatus.Running,
            StartedAt = DateTime.UtcNow.AddDays(-3),
            StartedBy = "boss@store.example",
            Variants = ExperimentJson.Write(new[]
            {
                new ExperimentVariant("A", null, SuggestionMode.Discovery, 10, 1),
                new ExperimentVariant("B", 999, SuggestionMode.Discovery, 10, 1),
            }),
        };
        await using (var db = _database.CreateContext())
        {
            db.Experiments.Add(experiment);
            await db.SaveChangesAsync();
        }
        SignInAs(StaffRoles.Admin);
        var panel = Render<ExperimentResultsPanel>(p => p.Add(c => c.Experiment, experiment));
        await panel.InvokeAsync(() => panel.Find("[data-testid=stop]").Click());
        var winner = panel.FindComponent<MudSelect<string>>();
        await panel.InvokeAsync(() => winner.Instance.ValueChanged.InvokeAsync("B"));
        await panel.InvokeAsync(() => panel.FindComponent<MudCheckBox<bool>>().Instance.ValueChanged.InvokeAsync(true));
        await panel.InvokeAsync(() => winner.Instance.ValueChanged.InvokeAsync("A")); // the champion's variant after all

        Assert.False(((AngleSharp.Html.Dom.IHtmlInputElement)panel.FindComponent<MudCheckBox<bool>>().Find("input")).IsChecked); // shown as it will be done: not ticked
        // Awaited to the end: on a server database the stop's writes finish after the click returns.
        await panel.InvokeAsync(() => panel.Find("[data-testid=confirm-stop]").ClickAsync(new()));

        var said = Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => (s.Message, s.Severity)).ToList();
        Assert.Equal([("Stopped: everyone gets the champion again.", Severity.Success)], said);
        await using var check = _database.CreateContext();
        var stopped = await check.Experiments.SingleAsync();
        Assert.Equal((ExperimentStatus.Stopped, "A"), (stopped.Status, stopped.Winner));
    }

    /// <summary>An experiment whose lists differ, decided on shown products: the panel gives the comparison over everything bought beside it.</summary>
    [Fact]
    public void Results_ListsOfDifferentLengthsOnShownProducts_ShowTheBoughtAnythingComparison()
    {
        _started.SetResult();
        var variants = new[] { new ExperimentVariant("A", null, SuggestionMode.Discovery, 10, 1), new ExperimentVariant("B", null, SuggestionMode.Discovery, 5, 1) };
        var experiment = new Experiment
        {
            Id = 7, Name = "Shorter lists", Hypothesis = "Five suggestions sell as well as ten.", Status = ExperimentStatus.Running,
            StartedAt = DateTime.UtcNow.AddDays(-3), StartedBy = "boss@store.example", Variants = ExperimentJson.Write(variants),
            PrimaryMetric = ExperimentMetric.PurchaseWithinDays,
        };
        // A: 20 of 100 bought a shown product, 40 bought anything; B: 10 of 100 and 40.
        UnitOutcome Unit(string variant, bool shown, bool any) => new(variant, DateTime.UtcNow.AddDays(-2), 1, false, shown, 0) { BoughtAnything = any };
        var outcomes = Enumerable.Range(0, 100).Select(i => Unit("A", i < 20, i < 40))
            .Concat(Enumerable.Range(0, 100).Select(i => Unit("B", i < 10, i < 40))).ToList();
        var report = ExperimentAnalysis.Analyse(outcomes, variants, ExperimentMetric.PurchaseWithinDays, null, 3, 14);
        SignInAs(StaffRoles.Manager);

        var panel = Render<ExperimentResultsPanel>(p => p.Add(c => c.Experiment, experiment).Add(c => c.Report, report));

        var bias = panel.Find("[data-testid=metric-bias]").TextContent;
        Assert.Contains("a longer list catches more purchases that would have happened anyway", bias);
        Assert.Contains("Bought anything, B: 40", bias);
        Assert.Contains("against 40", bias);
    }

    /// <summary>Customers inside their window are left out of the figures: the panel says how many, and by when all count.</summary>
    [Fact]
    public void Results_CustomersInsideTheirWindow_AreSaidToWait()
    {
        _started.SetResult();
        var variants = new[] { new ExperimentVariant("A", null, SuggestionMode.Discovery, 10, 1), new ExperimentVariant("B", null, SuggestionMode.Discovery, 5, 1) };
        var experiment = new Experiment
        {
            Id = 8, Name = "Counted later", Hypothesis = "Five suggestions sell as well as ten.", Status = ExperimentStatus.Running,
            StartedAt = DateTime.UtcNow.AddDays(-1), StartedBy = "boss@store.example", Variants = ExperimentJson.Write(variants),
            PrimaryMetric = ExperimentMetric.PurchaseWithinDays,
        };
        var until = new DateTime(2026, 12, 14, 9, 30, 0, DateTimeKind.Utc);
        var report = ExperimentAnalysis.Analyse([], variants, ExperimentMetric.PurchaseWithinDays, 100, 1, 14) with { Pending = 3, PendingUntil = until };
        SignInAs(StaffRoles.Manager);

        var panel = Render<ExperimentResultsPanel>(p => p.Add(c => c.Experiment, experiment).Add(c => c.Report, report));

        Assert.Equal($"3 more customers were shown suggestions less than 7 days ago: not counted yet, each once their 7-day window ends (all by {until.ToLocalTime():d MMM yyyy HH:mm}).",
            panel.Find("[data-testid=pending]").TextContent.Trim());
    }

    /// <summary>A store experiment's table counts stores, with their customers beside them.</summary>
    [Fact]
    public void Results_StoreExperiment_CountsStoresWithTheirCustomers()
    {
        _started.SetResult();
        var variants = new[] { new ExperimentVariant("A", null, SuggestionMode.Discovery, 10, 1), new ExperimentVariant("B", null, SuggestionMode.Discovery, 5, 1) };
        var experiment = new Experiment
        {
            Id = 8, Name = "Shorter lists by store", Hypothesis = "Five suggestions sell as well as ten.", Status = ExperimentStatus.Running,
            Unit = ExperimentUnit.Store, StartedAt = DateTime.UtcNow.AddDays(-3), StartedBy = "boss@store.example", Variants = ExperimentJson.Write(variants),
            PrimaryMetric = ExperimentMetric.AnyPurchaseWithinDays,
        };
        var outcomes = new[] { ("A", "1"), ("A", "1"), ("A", "2"), ("B", "3"), ("B", "3"), ("B", "3") }
            .Select(o => new UnitOutcome(o.Item1, DateTime.UtcNow.AddDays(-2), 1, false, false, 0) { Store = o.Item2 }).ToList();
        var report = ExperimentAnalysis.Analyse(outcomes, variants, ExperimentMetric.AnyPurchaseWithinDays, null, 3, 14, unit: ExperimentUnit.Store);
        SignInAs(StaffRoles.Manager);

        var panel = Render<ExperimentResultsPanel>(p => p.Add(c => c.Experiment, experiment).Add(c => c.Report, report));

        Assert.Contains("Stores (customers)", panel.Find("[data-testid=results-table] thead").TextContent);
        Assert.Equal(["2 (3)", "1 (3)"], panel.FindAll("[data-testid=units]").Select(c => c.TextContent));
    }

    /// <summary>Two stores a side: no verdict, and no guardrail called "significantly worse" on two stores either.</summary>
    [Fact]
    public void Results_StoreExperimentWithTooFewStores_CallsNoGuardrailSignificantlyWorse()
    {
        _started.SetResult();
        var variants = new[] { new ExperimentVariant("A", null, SuggestionMode.Discovery, 10, 1), new ExperimentVariant("B", null, SuggestionMode.Discovery, 5, 1) };
        var experiment = new Experiment
        {
            Id = 9, Name = "Two stores a side", Hypothesis = "Five suggestions sell as well as ten.", Status = ExperimentStatus.Running,
            Unit = ExperimentUnit.Store, StartedAt = DateTime.UtcNow.AddDays(-3), StartedBy = "boss@store.example", Variants = ExperimentJson.Write(variants),
            PrimaryMetric = ExperimentMetric.AnyPurchaseWithinDays, Guardrails = ExperimentJson.Write(new[] { ExperimentMetric.AcceptanceRate }),
        };
        // Every customer of A's stores accepted a suggestion, none of B's: on two stores a side Welch's test calls it certain.
        var outcomes = new[] { ("A", "1"), ("A", "2"), ("B", "3"), ("B", "4") }
            .SelectMany(o => Enumerable.Range(0, 5).Select(_ => new UnitOutcome(o.Item1, DateTime.UtcNow.AddDays(-2), 1, o.Item1 == "A", false, 0) { Store = o.Item2 }))
            .ToList();
        var report = ExperimentAnalysis.Analyse(outcomes, variants, ExperimentMetric.AnyPurchaseWithinDays, null, 3, 14, unit: ExperimentUnit.Store);
        SignInAs(StaffRoles.Manager);

        var panel = Render<ExperimentResultsPanel>(p => p.Add(c => c.Experiment, experiment).Add(c => c.Report, report));

        Assert.True(report.Variants[1].Metrics[ExperimentMetric.AcceptanceRate].VersusControl!.Significant(0.05));
        Assert.StartsWith("Too few stores to tell", report.Verdict.Text);
        Assert.DoesNotContain("significantly worse", panel.Find("[data-testid=guardrails]").TextContent);
    }
}
