using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.ApiKeys;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Common.Jobs;
using RetailRecs.Core.Import;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Persistence;
using RetailRecs.Core.Recommendations.Training;
using RetailRecs.Testing;
using RetailRecs.Web.Api;
using Xunit.Abstractions;

namespace RetailRecs.Web.Tests.Hosting;

/// <summary>
/// Two real app processes on loopback sharing one database (the SQLite file, or PostgreSQL when the tests run there), as
/// behind a load balancer; this test process is a third instance. What one instance does holds on the other. Slow:
/// processes start.
/// </summary>
public class TwoInstancesTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    /// <summary>The target is 5 s; a loaded test machine gets some slack, and the figure is printed.</summary>
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(15);

    private static Dictionary<string, string> DatabaseSettings(TestDatabase database) => database.ConnectionString is { } server
        ? new() { ["Database__Provider"] = "Postgres", ["ConnectionStrings__RetailRecs"] = server }
        : new() { ["Database__SqlitePath"] = database.FilePath };

    private static async Task<(ChildProcess App, int Port)> StartAppAsync(TestDatabase database, string folder)
    {
        var port = RetailRecsWebFactory.FreePort();
        var settings = DatabaseSettings(database);
        settings["ASPNETCORE_ENVIRONMENT"] = "Development";
        settings["Seed__DemoData"] = "false";
        settings["Training__TrainWhenNoModel"] = "false";
        settings["Jobs__BeatEvery"] = "00:00:01";
        settings["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        var app = ChildProcess.Start(ChildProcess.WebApp, ["--urls", $"http://127.0.0.1:{port}"], folder, settings);
        await app.WaitForOutputAsync("Application started", Patience);
        return (app, port);
    }

    private static HttpClient Client(int port, HttpMessageHandler? handler = null) =>
        new(handler ?? new HttpClientHandler()) { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };

    private static async Task<ApiSuggestionList> SuggestionsAsync(HttpClient client, string customer) =>
        (await client.GetFromJsonAsync<ApiSuggestionList>($"/api/v1/customers/{Uri.EscapeDataString(customer)}/suggestions?mode=discovery&count=10"))!;

    /// <summary>Waits until <paramref name="done"/> holds; returns how long it took.</summary>
    private static async Task<TimeSpan> UntilAsync(Func<Task<bool>> done, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!await done())
        {
            Assert.True(watch.Elapsed < Soon, $"{what}: not within {Soon.TotalSeconds:F0} s");
            await Task.Delay(100);
        }
        return watch.Elapsed;
    }

    private static HttpRequestMessage Sale(string customer, string sku, string invoice) => new(HttpMethod.Post, "/api/v1/events")
    {
        Content = JsonContent.Create(new { events = new[] { new { type = "purchase", customerId = customer, productId = sku, quantity = 1, invoice } } }),
        Headers = { { "Idempotency-Key", invoice } },
    };

    [Fact]
    public async Task TwoAppProcesses_OnOneDatabase_ShareSignInChampionSalesIdempotencyAndJobs()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);
        var trainer = database.Get<ModelTrainingService>();
        var popularity = new TrainingRequest([AlgorithmNames.Popularity], TrainingWindow.All, new TrainingParameters(), "test");
        var first = (await trainer.TrainAsync(popularity)).Single(); // the first champion
        var second = (await trainer.TrainAsync(popularity with { SelectChampion = false })).Single();
        var (_, secret) = await database.Get<ApiKeyService>().CreateAsync("two-instance till", ApiScopes.All, StaffActor.System);
        string customer;
        await using (var db = database.CreateContext())
        {
            customer = await db.Customers.Where(c => db.Orders.Count(o => o.CustomerId == c.Id) >= 3 && !c.PersonalizationOptOut).OrderBy(c => c.Id).Select(c => c.CustomerCode).FirstAsync();
        }
        using var dir = new TempDirectory();

        // A first: it seeds the staff accounts, which B then finds.
        var (a, portA) = await StartAppAsync(database, dir.Path);
        using var appA = a;
        var (b, portB) = await StartAppAsync(database, dir.Path);
        using var appB = b;
        using var apiA = Client(portA);
        using var apiB = Client(portB);
        apiA.DefaultRequestHeaders.Add("X-Api-Key", secret);
        apiB.DefaultRequestHeaders.Add("X-Api-Key", secret);

        // Signed in on A, the cookie is good on B (data-protection keys in the database).
        var cookies = new CookieContainer();
        using var browserA = Client(portA, new CookieContainerHandler(cookies) { InnerHandler = new HttpClientHandler { AllowAutoRedirect = false } });
        using var browserB = Client(portB, new CookieContainerHandler(cookies) { InnerHandler = new HttpClientHandler { AllowAutoRedirect = false } });
        Assert.Equal(HttpStatusCode.Redirect, (await StaffSignIn.PostAsync(browserA, DemoAccounts.Admin.Email, DemoAccounts.Admin.Password)).StatusCode);
        var onB = await browserB.GetAsync("/customers");
        Assert.Equal(HttpStatusCode.OK, onB.StatusCode);
        Assert.Contains("Find a customer", await onB.Content.ReadAsStringAsync());

        // A promotion elsewhere (this process): B serves the new champion, well before its own 30 s re-check.
        Assert.Equal(first.Id, (await SuggestionsAsync(apiB, customer)).ModelRunId);
        await database.Get<ModelRegistry>().PromoteAsync(second.Id, StaffActor.System);
        var promoted = await UntilAsync(async () => (await SuggestionsAsync(apiB, customer)).ModelRunId == second.Id, "the champion on B");
        output.WriteLine($"promotion reached B in {promoted.TotalSeconds:F1} s");

        // A sale posted to B moves the customer's suggestions on A: what they just bought is no longer suggested.
        var bought = (await SuggestionsAsync(apiA, customer)).Items[0].Sku;
        using (var sale = await apiB.SendAsync(Sale(customer, bought, "TWO-1")))
        {
            Assert.Equal(HttpStatusCode.Accepted, sale.StatusCode);
        }
        var sold = await UntilAsync(async () => (await SuggestionsAsync(apiA, customer)).Items.All(i => i.Sku != bought), "the sale on A");
        output.WriteLine($"sale reached A in {sold.TotalSeconds:F1} s");

        // The same request with the same Idempotency-Key to both at once: stored once, both answered alike.
        var answers = await Task.WhenAll(apiA.SendAsync(Sale(customer, bought, "TWO-2")), apiB.SendAsync(Sale(customer, bought, "TWO-2")));
        foreach (var answer in answers)
        {
            Assert.True(answer.StatusCode == HttpStatusCode.Accepted, $"{answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
        }
        var bodies = await Task.WhenAll(answers.Select(r => r.Content.ReadFromJsonAsync<ApiEventsAccepted>()));
        Assert.Single(bodies, r => r!.Replayed); // the later one is answered from the first one's record
        Assert.All(bodies, r => Assert.Equal(1, r!.Purchases));
        await using (var db = database.CreateContext())
        {
            Assert.Equal(1, await db.Orders.CountAsync(o => o.InvoiceNumber == "TWO-2"));
        }

        // A command-line training killed mid-run: B marks its runs interrupted, and its lease lets go at once.
        using (var cli = ChildProcess.Start(ChildProcess.Cli, ["train", "--algorithms", "item-knn,user-knn,hybrid", "--promote"], dir.Path, DatabaseSettings(database)))
        {
            await cli.WaitForOutputAsync("Counting best sellers", Patience);
            await cli.KillAsync();
        }
        var marked = await UntilAsync(async () =>
        {
            await using var db = database.CreateContext();
            return !await db.ModelRuns.AnyAsync(r => r.Status == ModelRunStatus.Running);
        }, "the killed runs marked by B");
        output.WriteLine($"killed training marked by B in {marked.TotalSeconds:F1} s");
        await using (var db = database.CreateContext())
        {
            Assert.Equal(3, await db.ModelRuns.CountAsync(r => r.Status == ModelRunStatus.Failed && r.Error!.StartsWith("Interrupted")));
            Assert.Equal(second.Id, await db.ModelRuns.Where(r => r.IsChampion).Select(r => r.Id).SingleAsync());
        }
        var (lease, heldBy) = await database.Get<JobLeases>().TryAcquireAsync(ModelTrainingService.Lease);
        Assert.Null(heldBy);
        await lease!.DisposeAsync();
    }
}
