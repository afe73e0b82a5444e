using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;
using RetailRecs.Core.Staff;
using RetailRecs.Testing;

namespace RetailRecs.Web.Tests.Account;

/// <summary>Server-side sessions: sign-out, admin locks and the time limits end every copy of the cookie.</summary>
[Collection(WebCollection.Name)]
public partial class StaffSessionTests(RetailRecsWebFactory app)
{
    private async Task<RetailDbContext> DbAsync() => await app.Services.GetRequiredService<IDbContextFactory<RetailDbContext>>().CreateDbContextAsync();

    private async Task<string> CustomerCardUrlAsync()
    {
        await using var db = await DbAsync();
        return $"/customers/{await db.Customers.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync()}";
    }

    /// <summary>A client that keeps cookies in a jar the test can read, as a browser's developer tools can.</summary>
    private (HttpClient Client, CookieContainer Jar) JarClient()
    {
        var handler = new CookieJarHandler();
        return (app.CreateDefaultClient(handler), handler.Jar);
    }

    private static async Task SignOutAsync(HttpClient client)
    {
        var home = await client.GetStringAsync("/");
        var token = AntiforgeryToken().Match(home).Groups[1].Value;
        var response = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent([new("ReturnUrl", ""), new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private async Task<(string Email, string Password, string Id)> NewAccountAsync(string role)
    {
        var email = $"session.{Guid.NewGuid():N}@store.example";
        const string password = "quiet-harbour-lights";
        var accounts = app.Services.GetRequiredService<StaffAccountService>();
        var created = await accounts.CreateAsync(new NewStaffAccount { Email = email, DisplayName = "Temp", Role = role, Password = password }, StaffActor.System);
        Assert.True(created.Succeeded, created.Message);
        return (email, password, (await accounts.ListAsync()).Single(a => a.Email == email).Id);
    }

    private async Task<HttpClient> SignInAsync(string email, string password)
    {
        var client = app.CreateBrowserlikeClient();
        var response = await StaffSignIn.PostAsync(client, email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private static void AssertSentToSignIn(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task SignOut_CookieCopiedBeforeSignOut_IsRefusedAtTheNextRequest()
    {
        var card = await CustomerCardUrlAsync();
        var (first, jar) = JarClient();
        using var _ = first;
        Assert.Equal(HttpStatusCode.Redirect, (await StaffSignIn.PostAsync(first, DemoAccounts.Associate.Email, DemoAccounts.Associate.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync(card)).StatusCode);
        // The copy: every cookie the first client holds, sent by a second client that has no jar of its own.
        using var second = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        second.DefaultRequestHeaders.Add("Cookie", jar.GetCookieHeader(first.BaseAddress!));
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync(card)).StatusCode);

        await SignOutAsync(first);
        var after = await second.GetAsync(card);

        // Refused at the very next request, not at the next periodic re-check. (It asserted this with a stopwatch, which
        // failed once in CI on a slow request: a timed assertion measures the machine, the refusal is the point.)
        AssertSentToSignIn(after);
    }

    [Fact]
    public async Task SetLockedAsync_SignedInAccount_EndsItsSessionsAtTheNextRequest()
    {
        var (email, password, id) = await NewAccountAsync(StaffRoles.Associate);
        using var client = await SignInAsync(email, password);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/customers")).StatusCode);

        Assert.True((await app.Services.GetRequiredService<StaffAccountService>().SetLockedAsync(id, true, StaffActor.System)).Succeeded);

        AssertSentToSignIn(await client.GetAsync("/customers"));
    }

    [Theory]
    [InlineData(StaffRoles.Manager, 31, true)]
    [InlineData(StaffRoles.Admin, 31, true)]
    [InlineData(StaffRoles.Associate, 31, false)]
    [InlineData(StaffRoles.Associate, 8 * 60 + 1, true)]
    public async Task Request_AfterIdleMinutes_EndsTheSessionByRole(string role, int idleMinutes, bool ended)
    {
        var (email, password, id) = await NewAccountAsync(role);
        using var client = await SignInAsync(email, password);
        await using (var db = await DbAsync())
        {
            var then = DateTime.UtcNow.AddMinutes(-idleMinutes);
            await db.StaffSessions.Where(s => s.UserId == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, then));
        }

        var response = await client.GetAsync("/customers");

        if (ended)
        {
            AssertSentToSignIn(response);
            await using var db = await DbAsync();
            Assert.Equal(StaffSessionEndReasons.Idle, (await db.StaffSessions.SingleAsync(s => s.UserId == id)).EndReason);
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "signin.session-expired" && a.UserId == id));
        }
        else
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task Request_ActiveSessionPastTheAbsoluteLifetime_IsEnded()
    {
        var (email, password, id) = await NewAccountAsync(StaffRoles.Associate);
        using var client = await SignInAsync(email, password);
        await using (var db = await DbAsync())
        {
            var signedInAt = DateTime.UtcNow.AddHours(-12).AddMinutes(-1);
            await db.StaffSessions.Where(s => s.UserId == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.CreatedAt, signedInAt));
        }

        AssertSentToSignIn(await client.GetAsync("/customers"));
        await using var check = await DbAsync();
        Assert.Equal(StaffSessionEndReasons.Lifetime, (await check.StaffSessions.SingleAsync(s => s.UserId == id)).EndReason);
    }

    [Fact]
    public async Task SignInAndOut_AreAudited_WithTheAccountIdAndClient()
    {
        var (email, password, id) = await NewAccountAsync(StaffRoles.Associate);
        using var client = await SignInAsync(email, password);

        await SignOutAsync(client);

        await using var db = await DbAsync();
        var entries = await db.AuditEntries.Where(a => a.UserId == id && (a.Action == "signin.succeeded" || a.Action == "signin.signed-out")).ToListAsync();
        Assert.Equal(["signin.succeeded", "signin.signed-out"], entries.OrderBy(a => a.Id).Select(a => a.Action));
        Assert.All(entries, a => Assert.StartsWith("client ", a.Details));
        var session = await db.StaffSessions.SingleAsync(s => s.UserId == id);
        Assert.Equal(StaffSessionEndReasons.SignedOut, session.EndReason);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}

/// <summary>Keeps cookies like a browser, in a container the test can read.</summary>
internal sealed class CookieJarHandler : DelegatingHandler
{
    public CookieContainer Jar { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var cookies = Jar.GetCookieHeader(request.RequestUri!);
        if (cookies.Length > 0)
        {
            request.Headers.Add("Cookie", cookies);
        }
        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var setCookie in setCookies)
            {
                Jar.SetCookies(request.RequestUri!, setCookie);
            }
        }
        return response;
    }
}
