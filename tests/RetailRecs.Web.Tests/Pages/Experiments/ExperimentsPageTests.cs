using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Data;
using RetailRecs.Core.Experiments;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Serving;
using RetailRecs.Testing;
using RetailRecs.Web.Components.Pages.Experiments;

namespace RetailRecs.Web.Tests.Pages.Experiments;

[Collection(WebCollection.Name)]
public class ExperimentsPageTests(RetailRecsWebFactory app)
{
    [Fact]
    public async Task Get_Experiments_AsManager_ShowsTheResultsPerVariant_TheSrmCheck_TheVerdict_AndTheChart()
    {
        var service = app.Services.GetRequiredService<ExperimentService>();
        var actor = new StaffActor(null, "test");
        var name = $"A/A plumbing check {Guid.NewGuid():N}"[..30];
        var experiment = await service.CreateAsync(new ExperimentDraft(name, "Nothing changes between identical arms.", ExperimentUnit.Customer,
            [new ExperimentVariant("Control", null, SuggestionMode.Discovery, 10, 1), new ExperimentVariant("Copy", null, SuggestionMode.Discovery, 10, 1)],
            ExperimentMetric.PurchaseWithinDays, [ExperimentMetric.AcceptanceRate], 7, 14, 3841, true), actor);
        await service.StartAsync(experiment.Id, actor);
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<RetailDbContext>>().CreateDbContextAsync())
        {
            // Exposures as the router would log them, each customer in the variant the hash gives them.
            var variants = ExperimentJson.VariantsOf(experiment);
            var customers = await db.Customers.OrderBy(c => c.Id).Select(c => c.Id).Take(60).ToListAsync();
            db.ExperimentExposures.AddRange(customers.Select(id => new ExperimentExposure
            {
                ExperimentId = experiment.Id, CustomerId = id, UnitKey = id.ToString(CultureInfo.InvariantCulture),
                Variant = ExperimentAssignment.Assign(id.ToString(CultureInfo.InvariantCulture), experiment.Id, variants).Name,
                ProductIds = "1,2,3", ShownCount = 3, ModelRunId = 1, Source = "lookup",
                OccurredAt = DateTime.UtcNow.AddDays(-8), // a week ago: their 7-day windows have ended, so they are counted
            }));
            await db.SaveChangesAsync();
        }
        // Stopped so the other tests' suggestions are not routed into it; its results stay readable.
        await service.StopAsync(experiment.Id, actor);
        using var client = await app.SignedInClientAsync(DemoAccounts.Manager);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/experiments?id={experiment.Id}"));

        Assert.Contains(name, html);
        Assert.Contains("Nothing changes between identical arms.", html);
        Assert.Contains("data-testid=\"results-table\"", html);
        Assert.Contains("Control", html);
        Assert.Contains("Copy", html);
        Assert.Contains("Sample ratio check", html);
        Assert.Contains("Not enough data yet: about", html);
        Assert.Contains("Bought a suggested product over time", html);
        Assert.Contains("Guardrails", html);
        // Words a manager reads without a statistics course: no "p-value", no internal mode names.
        Assert.DoesNotContain("p-value", html);
        Assert.DoesNotContain("(p ", html);
        Assert.DoesNotContain("Discovery", html);
        Assert.Contains("Chance it is luck", html);
        Assert.Contains("under 5% means the difference is probably real", html);
        Assert.Contains(MetricText.Mode(SuggestionMode.Discovery), html);
    }
}
