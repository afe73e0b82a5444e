using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Model;
using RetailRecs.Core.Staff;
using RetailRecs.Testing;

namespace RetailRecs.Web.Tests.Account;

[Collection(WebCollection.Name)]
public class SignInTests(RetailRecsWebFactory app)
{
    private async Task<string> NewAssociateAsync(string password)
    {
        var email = $"temp.{Guid.NewGuid():N}@store.example";
        var result = await app.Services.GetRequiredService<StaffAccountService>().CreateAsync(
            new NewStaffAccount { Email = email, DisplayName = "Temp Associate", Role = StaffRoles.Associate, Password = password }, StaffActor.System);
        Assert.True(result.Succeeded, result.Message);
        return email;
    }

    [Fact]
    public async Task Post_WrongPassword_ShowsTheFormAgainWithAPlainMessage()
    {
        using var client = app.CreateBrowserlikeClient();

        var response = await StaffSignIn.PostAsync(client, DemoAccounts.Associate.Email, "not-the-password-1");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("do not match an active staff account", html);
    }

    [Fact]
    public async Task Post_AccountLockedByAnAdmin_CannotSignIn()
    {
        var email = await NewAssociateAsync("right-password-43");
        var accounts = app.Services.GetRequiredService<StaffAccountService>();
        var id = (await accounts.ListAsync()).Single(a => a.Email == email).Id;
        Assert.True((await accounts.SetLockedAsync(id, true, StaffActor.System)).Succeeded);
        using var client = app.CreateBrowserlikeClient();

        var response = await StaffSignIn.PostAsync(client, email, "right-password-43");

        // Refused with the same message as a wrong password, so a lock does not tell an outsider the account exists.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("do not match an active staff account", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("https://evil.example/")]
    public async Task Post_ReturnUrlOutsideTheApp_GoesToTheHomePageInstead(string returnUrl)
    {
        using var client = app.CreateBrowserlikeClient();

        var response = await StaffSignIn.PostAsync(client, DemoAccounts.Associate.Email, DemoAccounts.Associate.Password, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("evil", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Get_AnyPage_SignedInAccountWithoutARole_IsRefused()
    {
        var email = $"norole.{Guid.NewGuid():N}@store.example";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<StaffUser>>();
            var created = await users.CreateAsync(new StaffUser { UserName = email, Email = email, DisplayName = "No Role" }, "no-role-password-1");
            Assert.True(created.Succeeded);
        }
        using var client = app.CreateBrowserlikeClient();
        await StaffSignIn.PostAsync(client, email, "no-role-password-1");

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Post_SignInThenSignOut_EndsTheSession()
    {
        using var client = await app.SignedInClientAsync(DemoAccounts.Manager);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/dashboard")).StatusCode);
        var home = await client.GetStringAsync("/");
        var token = System.Text.RegularExpressions.Regex.Match(home, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

        var signOut = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent([new("ReturnUrl", ""), new("__RequestVerificationToken", token)]));

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        var after = await client.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/Account/Login", after.Headers.Location!.ToString());
    }
}
