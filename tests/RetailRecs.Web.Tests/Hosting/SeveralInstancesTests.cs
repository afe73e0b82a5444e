using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Data;
using RetailRecs.Testing;

namespace RetailRecs.Web.Tests.Hosting;

/// <summary>Two app instances on one database, as behind a load balancer.</summary>
public class SeveralInstancesTests
{
    /// <summary>A second instance on the first one's database file.</summary>
    private sealed class SecondInstance(RetailRecsWebFactory first) : RetailRecsWebFactory
    {
        protected override bool FollowsTestProvider => false; // the first one's database, whichever provider

        protected override IEnumerable<KeyValuePair<string, string>> Settings => [.. first.SameDatabaseSettings()];
    }

    [Fact]
    public async Task SignIn_OnOneInstance_IsValidOnAnother_WithTheKeysInTheDatabase()
    {
        using var first = new RetailRecsWebFactory();
        var cookies = new CookieContainer();
        var atFirst = first.CreateDefaultClient(new CookieContainerHandler(cookies));
        var signIn = await StaffSignIn.PostAsync(atFirst, DemoAccounts.Associate.Email, DemoAccounts.Associate.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        using var second = new SecondInstance(first);
        var atSecond = second.CreateDefaultClient(new CookieContainerHandler(cookies));
        var page = await atSecond.GetAsync("/customers");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode); // not sent to the sign-in page
        Assert.Contains("Find a customer", await page.Content.ReadAsStringAsync());
        await using var db = await second.Services.GetRequiredService<IDbContextFactory<RetailDbContext>>().CreateDbContextAsync();
        Assert.NotEmpty(await db.DataProtectionKeys.ToListAsync());
    }
}
