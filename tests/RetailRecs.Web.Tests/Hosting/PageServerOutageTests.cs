using System.Net;
using RetailRecs.Testing;
using Xunit.Abstractions;

namespace RetailRecs.Web.Tests.Hosting;

/// <summary>
/// A member of staff opening a page while the PostgreSQL server restarts (every connection dropped, none taken for a
/// while): they read what happened in words, not an error page with a stack trace, and the same page works again
/// once the server is back, without restarting the app.
/// </summary>
public sealed class PageServerOutageTests(ITestOutputHelper output)
{
    [PostgresFact]
    public async Task GetPage_ServerDownThenBack_SaysTheDatabaseIsNotAnsweringThenShowsThePage()
    {
        await using var outage = await PostgresOutageApp.CreateAsync();
        var (app, server) = (outage.App, outage.Server);
        using var client = await app.SignedInClientAsync(DemoAccounts.Manager);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/customers")).StatusCode);

        server.Down();
        using var during = await client.GetAsync("/customers");
        var page = await during.Content.ReadAsStringAsync();
        server.Up();

        output.WriteLine($"{(int)during.StatusCode} {during.Content.Headers.ContentType}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
        Assert.True(during.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After in seconds");
        Assert.Equal("text/html", during.Content.Headers.ContentType?.MediaType);
        Assert.Contains("The database is not answering", page);
        Assert.DoesNotContain("Exception", page);
        Assert.DoesNotContain(server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), page);

        using var after = await client.GetAsync("/customers");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Contains("Find a customer", await after.Content.ReadAsStringAsync());
    }
}
